"""The dues ledger over a year of a branch: who owes from when, payments, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.dues import bases, figures, payments, schedule
from partydesk.dues import months as mo
from partydesk.errors import ValidationError
from partydesk.ledger.models import Person
from partydesk.ledger.models.dues import DuesPayment

from .conftest import TODAY


def test_who_owes_which_months_of_the_year(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        g = schedule.grid(s, org, 2026)
        rows = {r.name: r for r in g.rows}
        assert set(rows) == {"张伟", "李娜", "王芳", "刘洋", "陈静", "周敏"}  # no activist
        assert sorted(rows["张伟"].cells) == mo.year_months(2026)
        assert sorted(rows["李娜"].cells) == mo.span(202606, 202612)  # from admission
        assert sorted(rows["王芳"].cells) == mo.span(202601, 202609)  # settled to transfer
        assert sorted(rows["周敏"].cells) == mo.span(202603, 202612)  # from transfer in
        due = {n: r.total_due() for n, r in rows.items()}
        assert due == {
            "张伟": 12 * 4200,
            "李娜": 7 * 1400,
            "王芳": 9 * 9000,
            "刘洋": 12 * 2500,
            "陈静": 12 * 20,
            "周敏": 10 * 24000,
        }


def test_a_year_of_payments_and_the_arrears_left(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        for name in ("张伟", "李娜", "王芳", "刘洋", "陈静", "周敏"):
            p = s.get(Person, ids[name])
            owed = schedule.member_cells(s, mo.year_months(2026), person_id=p.id)[p.id]
            for k in sorted(owed):
                if name == "刘洋" and k >= 202607:
                    continue  # 刘洋 stopped paying in July
                payments.pay(s, p, k, paid_on=date(2026, k % 100, 10), method="wechat", today=TODAY)
        # 自愿多交: 张伟 pays 100 for December on top of 42
        payments.pay(s, s.get(Person, ids["张伟"]), 202612, 10000, today=TODAY)
        g = schedule.grid(s, org, 2026)
        rows = {r.name: r for r in g.rows}
        assert rows["张伟"].total_paid() == 12 * 4200 + 10000
        assert rows["张伟"].cells[202612].extra == 10000
        assert rows["刘洋"].unpaid_months(202612) == mo.span(202607, 202612)
        assert rows["王芳"].unpaid_months(202612) == []
        assert g.month_due(202610) == 4200 + 1400 + 2500 + 20 + 24000
        ar = {a.name: a for a in figures.arrears(s, TODAY, org_id=org)}
        assert set(ar) == {"刘洋"}
        assert {a.name for a in figures.arrears(s, TODAY)} == {"刘洋", "赵磊"}  # township
        assert ar["刘洋"].run == 6 and ar["刘洋"].run_from == 202607
        assert ar["刘洋"].short == 6 * 2500


def test_paying_outside_the_members_months_is_refused(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        with pytest.raises(ValidationError, match="自2026年6月起交纳党费"):
            payments.pay(s, s.get(Person, ids["李娜"]), 202605, today=TODAY)
        with pytest.raises(ValidationError, match="交至2026年9月"):
            payments.pay(s, s.get(Person, ids["王芳"]), 202610, today=TODAY)
        with pytest.raises(ValidationError, match="不是党员"):
            payments.pay(s, s.get(Person, ids["杨帆"]), 202605, today=TODAY)


def test_a_correction_is_a_reversing_entry_with_a_reason(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        p = s.get(Person, ids["张伟"])
        first = payments.set_cell(s, p, 202603, 4000, today=TODAY)  # typed 40 by mistake
        with pytest.raises(ValidationError, match="请写明更正原因"):
            payments.set_cell(s, p, 202603, 4200, today=TODAY)
        fixed = payments.set_cell(s, p, 202603, 4200, reason="录入错误", today=TODAY)
        rows = s.query(DuesPayment).filter_by(person_id=p.id, month=202603).all()
        amounts = sorted((r.amount_fen, r.reverses_id, r.reason) for r in rows)
        assert amounts == [(-4000, first[0].id, "录入错误"), (4000, None, None), (4200, None, None)]
        assert first[0].amount_fen == 4000  # the original is never edited
        assert len(fixed) == 2
        assert schedule.member_cells(s, [202603], person_id=p.id)[p.id][202603].paid == 4200
        with pytest.raises(ValidationError, match="已被冲正"):
            payments.reverse(s, first[0].id, "再来一次")
        with pytest.raises(ValidationError, match="写明原因"):
            payments.reverse(s, fixed[1].id, " ")


def test_settle_a_whole_month_in_one_step(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        payments.pay(s, s.get(Person, ids["张伟"]), 202610, 2000, today=TODAY)  # part paid
        done = payments.settle_month(s, org, 202610, method="transfer", today=TODAY)
        paid = {s.get(Person, p.person_id).name: p.amount_fen for p in done.payments}
        assert paid == {"张伟": 2200, "李娜": 1400, "刘洋": 2500, "陈静": 20, "周敏": 24000}
        assert done.skipped == []
        cells = schedule.member_cells(s, [202610], org_id=org)
        assert not any(c[202610].owed for c in cells.values())
        assert payments.settle_month(s, org, 202610, today=TODAY).payments == []


def test_relief_needs_reason_and_approval_and_lowers_the_due(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        p = s.get(Person, ids["周敏"])
        with pytest.raises(ValidationError, match="原因"):
            bases.set_relief(s, p, 202605, 202607, 0, "", date(2026, 4, 28))
        with pytest.raises(ValidationError, match="批准日期"):
            bases.set_relief(s, p, 202605, 202607, 0, "大病住院", None)
        bases.set_relief(s, p, 202605, 202607, 0, "大病住院", date(2026, 4, 28))
        cells = schedule.member_cells(s, mo.year_months(2026), person_id=p.id)[p.id]
        assert [cells[k].due for k in (202604, 202605, 202607, 202608)] == [24000, 0, 0, 24000]
        assert not cells[202606].owed


def test_a_new_base_applies_from_its_month(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        p = s.get(Person, ids["张伟"])
        bases.set_base(s, p, 202607, 520000)  # 5200 → 1.5 %
        cells = schedule.member_cells(s, mo.year_months(2026), person_id=p.id)[p.id]
        assert cells[202606].due == 4200 and cells[202607].due == 7800
        assert [b.start_month for b in bases.history(s, p.id)] == [202601, 202607]


def test_no_base_yet_is_listed_unpriced_and_cannot_take_payments(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        p = Person(name="孙丽", category="full", org_id=org, admitted_on=date(2020, 1, 1))
        s.add(p)
        s.flush()
        rows = {r.name: r for r in schedule.grid(s, org, 2026).rows}
        assert rows["孙丽"].cells == {} and rows["孙丽"].unpriced
        assert not rows["张伟"].unpriced
        with pytest.raises(ValidationError, match="尚未核定党费基数"):
            payments.pay(s, p, 202605, 1000, today=TODAY)
        assert figures.summary(s, 2026).branches[0].unpriced == 1


def test_summary_totals_are_the_sum_of_the_branches(branch):
    ledger, org, ids = branch
    with ledger.session() as s:
        for name in ("张伟", "赵磊"):
            p = s.get(Person, ids[name])
            for k in mo.span(202601, 202605):
                payments.pay(s, p, k, today=TODAY)
        sm = figures.summary(s, 2026)
        by = {b.name: b for b in sm.branches}
        red = by["中共红星科技有限公司支部委员会"]
        blue = by["中共蓝天物流有限公司支部委员会"]
        assert blue.members == 1 and blue.due == 12 * 1500 and blue.paid == 5 * 1500
        assert blue.in_arrears == 1 and blue.short == 7 * 1500
        assert red.members == 6 and red.paid == 5 * 4200
        for f in ("members", "due", "paid", "short", "in_arrears"):
            assert getattr(sm.total, f) == sum(getattr(b, f) for b in sm.branches)
        g = schedule.grid(s, org, 2026)
        assert red.due == sum(r.total_due() for r in g.rows)
        assert abs(blue.rate - 5 / 12) < 1e-9


def test_summary_agrees_with_the_month_by_month_grid(branch):
    """Reliefs, a mid-year base, overpayment, part payment and a reversal: the summary's
    pieces give what the grid's months give."""
    ledger, org, ids = branch
    with ledger.session() as s:
        get = lambda n: s.get(Person, ids[n])  # noqa: E731
        bases.set_base(s, get("张伟"), 202607, 520000)
        bases.set_relief(s, get("周敏"), 202605, 202607, 1000, "困难", date(2026, 4, 28))
        for k in mo.span(202601, 202608):
            payments.pay(s, get("张伟"), k, today=TODAY)
        payments.pay(s, get("张伟"), 202609, 3000, today=TODAY)  # part
        payments.pay(s, get("张伟"), 202610, 20000, today=TODAY)  # 自愿多交
        for k in mo.span(202603, 202606):
            payments.pay(s, get("周敏"), k, today=TODAY)
        wrong = payments.pay(s, get("王芳"), 202602, 9000, today=TODAY)
        payments.reverse(s, wrong.id, "录错人")
        payments.pay(s, get("陈静"), 202601, 20, today=TODAY)
        for through in (202606, 202612):
            sm = {b.org_id: b for b in figures.summary(s, 2026, through).branches}
            for oid in sm:
                g = schedule.grid(s, oid, 2026)
                cells = [c for r in g.rows for k, c in r.cells.items() if k <= through]
                b = sm[oid]
                assert b.due == sum(c.due for c in cells)
                assert b.paid == sum(c.paid for c in cells)
                assert b.paid_counted == sum(min(c.paid, c.due) for c in cells)
                assert b.short == sum(c.short for c in cells)
                late = {r.person_id for r in g.rows if r.unpaid_months(through)}
                assert b.in_arrears == len(late)
