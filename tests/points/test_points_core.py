"""Points core without Qt: periods, caps, deductions, floors, bands, ranking, locks,
reversing entries, redemptions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from partydesk.errors import ValidationError
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsBand, PointsEntry, PointsRedemption
from partydesk.points import entries, market
from partydesk.points.periods import parse
from partydesk.points.schemes import band_for, find_scheme
from partydesk.points.totals import cards_by_person, compute_cards

from .conftest import scheme_item


def add(s, people, who, scheme, item, on, count=1, **kw):
    sc, it = scheme_item(s, scheme, item)
    return entries.add_entry(s, sc, s.get(Person, people[who]), it, on, count, by="t", **kw)


def card_of(s, org_id, scheme, period, pid):
    sc = find_scheme(s, scheme)
    cards = compute_cards(s, sc, s.get(Organization, org_id), parse(period))
    return cards_by_person(cards)[pid]


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,key,start,end",
    [
        ("2025-07", "2025-07", date(2025, 7, 1), date(2025, 7, 31)),
        ("2025年2月", "2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2025Q3", "2025Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2024年第四季度", "2024Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("2025", "2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_period_parse(text, key, start, end):
    p = parse(text)
    assert (p.key, p.start, p.end) == (key, start, end)


@pytest.mark.parametrize("bad", ["2025-13", "2025Q5", "25Q1", "七月", ""])
def test_period_parse_rejects_with_chinese_message(bad):
    with pytest.raises(ValidationError, match="无法识别的期间"):
        parse(bad)


def test_quarterly_scheme_refuses_a_monthly_card(branch):
    ledger, org_id, people = branch
    with ledger.session() as s, pytest.raises(ValidationError, match="按季度计分"):
        card_of(s, org_id, "candidate", "2025-07", people["陈静"])


# --- caps, deductions, floors ------------------------------------------------------------


def test_cap_per_period_raw_vs_counted(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        add(s, people, "张伟", "member", "三会一课", date(2025, 7, 3), 5)  # +1 each, cap 3
        add(s, people, "张伟", "member", "三会一课", date(2025, 8, 3), 2)
        m = card_of(s, org_id, "member", "2025-07", people["张伟"])
        assert (m.raw, m.counted) == (65, 63)
        y = card_of(s, org_id, "member", "2025", people["张伟"])
        # the cap applies per month: 3 (July, capped) + 2 (August)
        assert (y.raw, y.counted) == (67, 65)
        item_line = next(iter(y.items.values()))
        assert (item_line.count, item_line.raw, item_line.counted) == (7, 7, 5)


def test_deduction_is_capped_by_its_size(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        add(s, people, "李娜", "member", "无故缺席组织活动", date(2025, 7, 10), 3)  # -2, cap 4
        add(s, people, "李娜", "member", "志愿服务", date(2025, 7, 11), 1)  # +1
        c = card_of(s, org_id, "member", "2025-07", people["李娜"])
        assert c.raw == 60 - 6 + 1
        assert c.counted == 60 - 4 + 1


def test_floor_and_ceiling_are_scheme_data(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        add(s, people, "陈静", "candidate", "违反规章制度", date(2025, 8, 1), 2)  # -10, cap 20
        assert card_of(s, org_id, "candidate", "2025Q3", people["陈静"]).counted == 40
        find_scheme(s, "candidate").floor = 50  # a county with a 50-point floor
        c = card_of(s, org_id, "candidate", "2025Q3", people["陈静"])
        assert (c.raw, c.counted) == (40, 50)
        for item in [
            "集中学习",
            "思想汇报",
            "学习心得",
            "按时参加",
            "帮扶",
            "志愿服务",
            "岗位任务",
            "表彰",
        ]:
            add(s, people, "杨帆", "candidate", item, date(2025, 9, 1), 9)
        c = card_of(s, org_id, "candidate", "2025Q3", people["杨帆"])
        assert c.counted == 100 and c.raw > 150  # ceiling 100


# --- bands ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "total,stars",
    [
        (59.5, None),
        (60, 1),
        (69.5, 1),
        (70, 2),
        (89.9, 3),
        (90, 4),
        (95.5, 4),
        (96, 5),
        (100, 5),
    ],
)
def test_star_band_edges(ledger, total, stars):
    with ledger.session() as s:
        b = band_for(find_scheme(s, "member"), total, parse("2025"))
        assert (b.stars if b else None) == stars


@pytest.mark.parametrize(
    "total,label",
    [
        (79.5, None),
        (80, "重点培养"),
        (89.5, "重点培养"),
        (90, "优先发展"),
        (100, "优先发展"),
    ],
)
def test_candidate_outcome_band_edges(ledger, total, label):
    with ledger.session() as s:
        b = band_for(find_scheme(s, "candidate"), total, parse("2025Q1"))
        assert (b.label if b else None) == label


def test_bands_are_editable_and_only_on_the_rating_period(ledger):
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        assert band_for(sc, 75, parse("2025-03")) is None  # monthly card: stars are yearly
        s.add(PointsBand(scheme_id=sc.id, kind="star", min_points=50, label="半星", stars=0))
        s.flush()
        s.refresh(sc)
        assert band_for(sc, 55, parse("2025")).label == "半星"


def test_yearly_card_carries_the_star(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        for month in range(1, 11):  # +3 per month (capped) over ten months = +30
            add(s, people, "王芳", "member", "三会一课", date(2025, month, 5), 4)
        c = card_of(s, org_id, "member", "2025", people["王芳"])
        assert c.counted == 90 and c.band.stars == 4 and "★★★★" in c.band_label


# --- ranking -------------------------------------------------------------------------------


def test_ties_share_a_rank_and_the_next_rank_skips(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        add(s, people, "刘洋", "member", "表彰", date(2025, 7, 1), 1)  # 62
        add(s, people, "李娜", "member", "表彰", date(2025, 7, 2), 1)  # 62
        add(s, people, "张伟", "member", "志愿服务", date(2025, 7, 2), 1)  # 61
        sc = find_scheme(s, "member")
        cards = compute_cards(s, sc, s.get(Organization, org_id), parse("2025-07"))
        ranks = {c.name: c.rank for c in cards}
        assert ranks == {"李娜": 1, "刘洋": 1, "张伟": 3, "王芳": 4}
        # roster scope: candidates and other branches are not on the members' scheme
        assert "陈静" not in ranks and "赵磊" not in ranks


# --- publication, locks, reversing entries -------------------------------------------------


def test_publishing_locks_the_period(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        e = add(s, people, "陈静", "candidate", "集中学习", date(2025, 8, 1), 2)
        sc = find_scheme(s, "candidate")
        org = s.get(Organization, org_id)
        entries.publish(s, sc, org, parse("2025Q3"), by="t")
        with pytest.raises(ValidationError, match="已于.*公示，已锁定"):
            add(s, people, "陈静", "candidate", "集中学习", date(2025, 9, 1), 1)
        with pytest.raises(ValidationError, match="已锁定"):
            entries.update_entry(s, e, count=3)
        with pytest.raises(ValidationError, match="已锁定"):
            entries.delete_entry(s, e)
        _, it = scheme_item(s, "candidate", "集中学习")
        with pytest.raises(ValidationError, match="已锁定"):
            entries.set_cell(s, sc, org, s.get(Person, people["陈静"]), it, parse("2025Q3"), 5)
        with pytest.raises(ValidationError, match="公示过"):
            entries.publish(s, sc, org, parse("2025Q3"))
        add(s, people, "陈静", "candidate", "集中学习", date(2025, 10, 1), 1)  # Q4 is open
        assert s.get(PointsEntry, e.id).count == 2


def test_publishing_a_year_locks_its_months_for_that_branch_only(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        entries.publish(s, find_scheme(s, "member"), s.get(Organization, org_id), parse("2025"))
        with pytest.raises(ValidationError, match="2025年度的积分"):
            add(s, people, "张伟", "member", "志愿服务", date(2025, 3, 1))
        other = s.scalar(select(Person).where(Person.name == "赵磊"))
        sc, it = scheme_item(s, "member", "志愿服务")
        entries.add_entry(s, sc, other, it, date(2025, 3, 1))


def test_a_correction_is_a_reversing_entry(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        e = add(s, people, "张伟", "member", "表彰", date(2025, 7, 1), 1)
        entries.publish(s, find_scheme(s, "member"), s.get(Organization, org_id), parse("2025-07"))
        with pytest.raises(ValidationError, match="原因"):
            entries.reverse_entry(s, e.id, "  ")
        rev = entries.reverse_entry(s, e.id, "表彰录错人", by="t")
        assert (rev.count, rev.reverses_id, rev.on) == (-1, e.id, e.on)
        assert s.get(PointsEntry, e.id).count == 1  # the original is untouched
        with pytest.raises(ValidationError, match="已被冲正"):
            entries.reverse_entry(s, e.id, "again")
        with pytest.raises(ValidationError, match="本身是冲正记录"):
            entries.reverse_entry(s, rev.id, "again")
        # the right person gets it as a correction, with the reason kept on the entry
        fix = add(
            s, people, "李娜", "member", "表彰", date(2025, 7, 1), 1, correction_reason="表彰录错人"
        )
        assert fix.note.startswith("更正：表彰录错人")
        assert card_of(s, org_id, "member", "2025-07", people["张伟"]).counted == 60
        assert card_of(s, org_id, "member", "2025-07", people["李娜"]).counted == 62
        assert s.scalar(select(func.count()).select_from(PointsEntry)) == 3


def test_set_cell_edits_drafts_without_piling_up_entries(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        sc, it = scheme_item(s, "candidate", "集中学习")
        org, p = s.get(Organization, org_id), s.get(Person, people["陈静"])
        q3 = parse("2025Q3")
        assert entries.set_cell(s, sc, org, p, it, q3, 3, today=date(2025, 11, 1)) == 0
        assert entries.set_cell(s, sc, org, p, it, q3, 2) == 3
        rows = entries.cell_entries(s, sc.id, org.id, p.id, it.id, q3)
        assert [(r.count, r.on) for r in rows] == [(2, date(2025, 9, 30))]
        entries.set_cell(s, sc, org, p, it, q3, 0)
        assert entries.cell_entries(s, sc.id, org.id, p.id, it.id, q3) == []
        with pytest.raises(ValidationError, match="负数"):
            entries.set_cell(s, sc, org, p, it, q3, -1)


# --- 积分超市 ----------------------------------------------------------------------------


def test_redemptions_draw_the_balance_down_and_refuse_an_overdraw(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        for month in (7, 8):
            add(s, people, "张伟", "member", "三会一课", date(2025, month, 2), 5)  # 3 each
        add(s, people, "张伟", "member", "无故缺席", date(2025, 8, 9), 1)  # -2
        add(s, people, "张伟", "star_member", "学习进步星", date(2025, 12, 9), 1)  # not redeemable
        zhang = s.get(Person, people["张伟"])
        assert market.balance(s, zhang.id).available == 4
        towel = market.add_goods(s, "毛巾", 3, stock=2, unit_label="条")
        market.redeem(s, zhang, towel, 1, on=date(2025, 9, 1), by="t")
        assert market.balance(s, zhang.id).available == 1
        assert towel.stock == 1
        with pytest.raises(ValidationError) as err:
            market.redeem(s, zhang, towel, 1)
        assert str(err.value) == (
            "积分不足，不能兑换：张伟 现有可用积分 1 分，兑换“毛巾”×1 需要 3 分，还差 2 分。"
        )
        with pytest.raises(ValidationError, match="库存不足"):
            market.redeem(s, zhang, towel, 2)
        assert s.scalar(select(func.count()).select_from(PointsRedemption)) == 1
        market.cancel_redemption(s, market.redemptions_of(s, zhang.id)[0].id)
        assert market.balance(s, zhang.id).available == 4 and towel.stock == 2
        with pytest.raises(ValidationError, match="已有商品"):
            market.add_goods(s, "毛巾", 5)


def test_migration_from_core_seeds_editable_default_schemes(tmp_path):
    from sqlalchemy.orm import Session

    from partydesk.ledger.db import make_engine
    from partydesk.ledger.migrate import upgrade
    from partydesk.ledger.models.points import PointsScheme

    engine = make_engine(tmp_path / "old.partydesk")
    upgrade(engine, "0001_core")
    upgrade(engine, "head")
    with Session(engine) as s:
        names = {
            sc.code: (sc.name, sc.period, len(sc.items)) for sc in s.scalars(select(PointsScheme))
        }
        star = find_scheme(s, "star_member")
        assert [it.name for it in star.items] == [
            "学习进步星",
            "帮扶关爱星",
            "敬业爱岗星",
            "业绩突出星",
            "节约创新星",
        ]
        cand = find_scheme(s, "candidate")
        assert {it.dimension for it in cand.items} == {
            "政治思想",
            "遵章守纪",
            "团结互助",
            "工作实绩",
        }
    assert names["member"][:2] == ("党员量化积分", "month")
    assert names["candidate"][1] == "quarter"
    engine.dispose()


def test_correct_cell_in_a_published_period_reverses_and_re_enters(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        sc, it = scheme_item(s, "candidate", "集中学习")
        org, p = s.get(Organization, org_id), s.get(Person, people["陈静"])
        q3 = parse("2025Q3")
        add(s, people, "陈静", "candidate", "集中学习", date(2025, 7, 5), 1)
        add(s, people, "陈静", "candidate", "集中学习", date(2025, 8, 5), 2)
        entries.publish(s, sc, org, q3)
        new = entries.correct_cell(s, sc, org, p, it, q3, 2, "八月只参加一次")
        assert [e.count for e in new] == [-1, -2, 2]
        assert entries.cell_entries(s, sc.id, org.id, p.id, it.id, q3)[0].count == 1  # kept
        assert card_of(s, org_id, "candidate", "2025Q3", p.id).counted == 64
        with pytest.raises(ValidationError, match="没有变化"):
            entries.correct_cell(s, sc, org, p, it, q3, 2, "again")
        entries.correct_cell(s, sc, org, p, it, q3, 0, "全部作废")
        assert card_of(s, org_id, "candidate", "2025Q3", p.id).counted == 60


def test_a_person_outside_the_scheme_s_categories_is_refused(branch):
    ledger, org_id, people = branch
    with ledger.session() as s, pytest.raises(ValidationError, match="张伟（正式党员）不参加"):
        add(s, people, "张伟", "candidate", "集中学习", date(2025, 8, 1))
