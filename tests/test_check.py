"""`run_checks`: each kind of finding from a ledger holding that problem; a clean ledger
gives none; a broken foreign key is an integrity finding."""

import sqlite3
from datetime import date

import pytest

from partydesk.check import KINDS, run_checks
from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)
from partydesk.rules import idcard

TODAY = date(2026, 6, 30)
GOOD_ID = idcard.make("339001", date(1990, 5, 17), 13, "M")


def build_clean(s):
    u = Unit(name="恒信机械有限公司", credit_code="91512081MA62K0260E", status="operating")
    o = Organization(
        name="中共恒信机械有限公司支部",
        org_type="branch",
        formation="own",
        term_end=date(2027, 1, 1),
    )
    o.host_links = [OrgHostUnit(unit=u)]
    s.add_all([u, o])
    s.flush()
    people = [
        Person(
            name=f"党员{i}",
            org_id=o.id,
            unit_id=u.id,
            category="full",
            admitted_on=date(2010, 1, 1),
            full_on=date(2011, 1, 1),
            id_number=idcard.make("339001", date(1980, 1, 1 + i), 11, "M"),
            sex="M",
            birth_date=date(1980, 1, 1 + i),
            phone="13812345678",
        )
        for i in range(3)
    ]
    s.add_all(people)
    s.flush()
    o.secretary_id = people[0].id
    s.add(CommitteeMember(org_id=o.id, person_id=people[0].id, role="secretary"))
    return u, o


def test_clean_ledger_has_no_findings(ledger):
    with ledger.session() as s:
        build_clean(s)
    with ledger.session() as s:
        report = run_checks(s, TODAY)
    assert report.findings == []
    assert report.clean and report.integrity_ok


def test_every_rule_finding(ledger):
    with ledger.session() as s:
        u, o = build_clean(s)
        bad_unit = Unit(
            name="瑞丰商贸有限公司", credit_code="91350100M000100Y4Z", status="operating"
        )
        s.add(bad_unit)
        big = Organization(
            name="中共大支部", org_type="branch", formation="own", term_end=date(2026, 6, 1)
        )
        closed = Unit(name="已注销公司", status="closed")
        dead = Organization(name="中共已注销公司支部", org_type="branch", formation="own")
        dead.host_links = [OrgHostUnit(unit=closed)]
        s.add_all([big, closed, dead])
        s.flush()
        # the tree and names an older version let through
        loop = Organization(name="中共自环支部", org_type="branch", formation="own")
        s.add(loop)
        s.flush()
        loop.parent_id = loop.id
        s.add_all(
            [
                Organization(
                    name="中共挂在支部下的支部", org_type="branch", formation="own", parent_id=o.id
                ),
                Organization(
                    name="中共任期倒置支部",
                    org_type="branch",
                    formation="own",
                    term_start=date(2026, 1, 1),
                    term_end=date(2025, 1, 1),
                ),
                Unit(name="恒信机械有限公司", status="operating"),
                Instructor(
                    name="过期指导员",
                    active=True,
                    appointed_on=date(2020, 1, 1),
                    term_end=date(2022, 1, 1),
                ),
            ]
        )
        s.flush()
        s.add_all(
            [
                Person(
                    name="错号",
                    id_number="110105194912310021",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2000, 1, 1),
                ),
                Person(
                    name="错生日",
                    id_number=GOOD_ID,
                    birth_date=date(1990, 5, 18),
                    sex="F",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2012, 1, 1),
                ),
                Person(
                    name="错手机",
                    phone="12812345678",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2012, 1, 1),
                ),
                Person(
                    name="倒序",
                    org_id=o.id,
                    category="full",
                    applied_on=date(2015, 1, 1),
                    activist_on=date(2014, 1, 1),
                    admitted_on=date(2016, 1, 1),
                ),
                Person(
                    name="未谈话", org_id=o.id, category="applicant", applied_on=date(2026, 4, 30)
                ),
                Person(
                    name="未考察",
                    org_id=o.id,
                    category="activist",
                    applied_on=date(2024, 6, 1),
                    activist_on=date(2025, 1, 1),
                    last_review_on=date(2025, 7, 1),
                ),
                Person(
                    name="未转正",
                    org_id=o.id,
                    category="probationary",
                    admitted_on=date(2025, 5, 1),
                ),
                Person(
                    name="延长三月",
                    org_id=o.id,
                    category="probationary",
                    admitted_on=date(2026, 1, 1),
                    probation_extension_months=3,
                ),
                Person(name="缺日期", org_id=o.id, category="target"),
                Person(name="无组织", category="full", admitted_on=date(2000, 1, 1)),
                Person(
                    name="失联",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2000, 1, 1),
                    lost_contact=True,
                ),
                # one break of each pipeline rule that an older version let through
                Person(
                    name="越级",
                    org_id=o.id,
                    category="applicant",
                    applied_on=date(2020, 1, 1),
                    talked_on=date(2020, 1, 10),
                    target_on=date(2022, 1, 1),
                ),
                Person(
                    name="将来",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2020, 1, 1),
                    full_on=date(2027, 1, 1),
                ),
                Person(
                    name="未成年",
                    org_id=o.id,
                    category="full",
                    birth_date=date(2012, 3, 1),
                    applied_on=date(2024, 3, 1),
                    admitted_on=date(2025, 3, 1),
                ),
                Person(
                    name="培养不足",
                    org_id=o.id,
                    category="target",
                    applied_on=date(2024, 1, 1),
                    activist_on=date(2024, 6, 1),
                    target_on=date(2025, 3, 1),
                ),
                Person(
                    name="提前转正",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2024, 1, 1),
                    full_on=date(2024, 8, 1),
                ),
                Person(
                    name="谈话晚",
                    org_id=o.id,
                    category="applicant",
                    applied_on=date(2026, 1, 1),
                    talked_on=date(2026, 3, 1),
                ),
                Person(
                    name="流动无去向",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2000, 1, 1),
                    id_number=idcard.make("339001", date(1981, 2, 3), 21, "M"),
                    is_flowing=True,
                ),
                Person(
                    name="空号段",
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2000, 1, 1),
                    phone="15412345678",
                ),
            ]
        )
        # Three full members working in bad_unit, which has no organization of its own.
        s.add_all(
            [
                Person(
                    name=f"职工{i}",
                    unit_id=bad_unit.id,
                    org_id=o.id,
                    category="full",
                    admitted_on=date(2000, 1, 1),
                )
                for i in range(3)
            ]
        )
        # 51 members in one branch, no secretary, committee missing.
        s.add_all(
            [
                Person(name=f"大{i}", org_id=big.id, category="full", admitted_on=date(2000, 1, 1))
                for i in range(51)
            ]
        )
        # facts dated after today, as an older version stored them
        from datetime import datetime

        from partydesk.ledger.models.standing import DemoSite, StarRating
        from partydesk.ledger.models.work import WorkRecord

        s.add_all(
            [
                WorkRecord(
                    kind="committee_meeting", org_id=o.id, year=2027, seq=1,
                    held_at=datetime(2027, 3, 5, 14),
                ),
                DemoSite(org_id=o.id, level="county", year=2030),
                StarRating(
                    org_id=o.id, year=2026, scores="{}", vetoes="[]", total=0, stars=0,
                    self_check_on=date(2026, 3, 1), award_on=date(2026, 12, 1),
                ),
            ]
        )  # fmt: skip
    with ledger.session() as s:
        report = run_checks(s, TODAY)
    texts = {k: [f.text for f in fs] for k, _, fs in report.groups()}
    assert texts["fact_future"] == [
        "中共恒信机械有限公司支部支委会（纪实编号1）：时间2027-03-05晚于今天",
        "中共恒信机械有限公司支部：示范点命名年度2030年晚于今年",
        "中共恒信机械有限公司支部的2026年评星定级：授牌奖励2026-12-01晚于今天",
    ]
    assert texts["id_number"] == [
        "错号（编号4）：110105194912310021，身份证号校验位错误（末位应为X）"
    ]
    assert texts["id_mismatch"] == [
        "错生日（编号5）：出生日期1990-05-18，身份证号为1990-05-17；性别与身份证号不符"
    ]
    assert texts["phone"] == ["错手机（编号6）：12812345678，手机号应以13–19开头"]
    assert texts["phone_prefix"] == [
        "空号段（编号22）：手机号15412345678的号段154尚未分配给运营商，请核对是否录错"
    ]
    assert texts["pipeline_order"] == [
        "倒序（编号7）：确定为积极分子日期2014-01-01早于申请入党日期2015-01-01，"
        "各步须按先后顺序。请核对这两个日期"
    ]
    assert texts["pipeline_ahead"] == [
        "越级（编号15）：人员类别为“入党申请人”，却已有确定为发展对象日期。"
        "类别须逐级前进：请核对人员类别，或清空尚未发生的日期"
    ]
    assert texts["pipeline_future"] == [
        "将来（编号16）：转为正式党员日期2027-01-01晚于今天，不能是将来的日期。请核对该日期"
    ]
    assert texts["pipeline_age"] == [
        "未成年（编号17）：申请入党须年满18周岁，出生于2012-03-01，2024-03-01时为12周岁。"
        "请核对出生日期（身份证号）或申请日期"
    ]
    assert texts["pipeline_activist_span"] == [
        "培养不足（编号18）：确定为积极分子后须培养考察满12个月才能确定为发展对象"
        "（最早2025-06-01，填的是2025-03-01）。请核对两个日期"
    ]
    assert texts["pipeline_probation_span"] == [
        "提前转正（编号19）：预备期12个月，自2024-01-01起至2025-01-01期满后才能转正"
        "（填的是2024-08-01）。请核对日期，或先延长预备期"
    ]
    assert texts["talk_late"] == [
        "谈话晚（编号20）：入党谈话应在递交申请后1个月内（2026-02-01前），实际为2026-03-01"
    ]
    assert texts["talk_overdue"] == ["未谈话（编号8）：应于2026-05-30前完成，已逾期31天"]
    assert texts["review_overdue"] == ["未考察（编号9）：应于2026-01-01前完成，已逾期180天"]
    assert texts["probation_overdue"] == ["未转正（编号10）：应于2026-05-01前完成，已逾期60天"]
    assert texts["extension"] == ["延长三月（编号11）：延长3个月，延长预备期应为6至12个月"]
    assert texts["pipeline_missing"] == [
        "缺日期（编号12）：人员类别为“发展对象”须有申请入党日期、确定为积极分子日期、"
        "确定为发展对象日期。请填写该日期（每进一步都要有该步的日期；在表格中可先填日期再改人员类别）"
    ]
    assert texts["no_org"] == ["无组织（编号13）：正式党员，未编入任何党组织"]
    assert texts["lost_contact"] == ["失联（编号14）：已失去联系，应设法联系或按规定处置"]
    assert texts["credit_code"] == [
        "瑞丰商贸有限公司（编号2）：91350100M000100Y4Z，统一社会信用代码含有不允许的字符：Z（不使用I、O、Z、S、V）"
    ]
    assert texts["formation_unit"] == [
        "瑞丰商贸有限公司（编号2）：有正式党员3名（≥3），具备单独组建党支部条件"
    ]
    assert texts["formation_org"] == [
        "中共恒信机械有限公司支部：正式党员16名（≥7），应设支部委员会3至5人，现有1人",
        "中共大支部：党员51名，超过50名，宜分设党支部或成立党总支",
        "中共大支部：正式党员51名（≥7），应设支部委员会3至5人，现有0人",
    ]
    assert texts["no_secretary"] == ["中共大支部：有党员51名，未设书记"]
    assert texts["term_expired"] == [
        "中共大支部：本届任期于2026-06-01届满",
        "中共任期倒置支部：本届任期于2025-01-01届满",
    ]
    assert texts["closed_host"] == ["中共已注销公司支部：所在单位均已注销"]
    assert texts["org_tree"] == [
        "中共自环支部：以自己为上级党组织",
        "中共挂在支部下的支部：上级“中共恒信机械有限公司支部”是党支部，党支部下不设党组织",
    ]
    assert texts["term_order"] == [
        "中共任期倒置支部：任期2026-01-01至2025-01-01，届满日期应晚于开始日期"
    ]
    assert texts["flowing"] == [
        "流动无去向（编号21）：流动党员应填写外出流向（流入地的党组织或地区）"
    ]
    assert "错手机（编号6）：正式党员，未填公民身份证号" in texts["no_id_number"]
    assert not any(t.startswith(("党员", "错号", "流动无去向")) for t in texts["no_id_number"])
    assert texts["duplicate_name"] == ["单位名称“恒信机械有限公司”有2条记录"]
    assert texts["instructor_expired"] == [
        "党建指导员过期指导员（编号1）：任期已于2022-01-01届满，仍为在任"
    ]
    assert report.integrity_ok and not report.clean
    assert set(texts) == set(KINDS) - {
        "integrity",
        "foreign_key",
        "audit_chain",
        "audit_key",
        "app_lock",
    }


@pytest.mark.sqlite_only("a server refuses a reference to a missing record when written")
def test_broken_foreign_key_is_an_integrity_finding(ledger):
    with ledger.session() as s:
        build_clean(s)
    con = sqlite3.connect(ledger.path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("UPDATE person SET org_id = 999 WHERE id = 2")
    con.commit()
    con.close()
    with ledger.session() as s:
        report = run_checks(s, TODAY)
    assert [f.text for f in report.findings if f.kind == "foreign_key"] == [
        "person 第2行引用的 organization 记录不存在"
    ]
    assert not report.integrity_ok
