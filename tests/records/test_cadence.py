from __future__ import annotations

from datetime import date, datetime

from partydesk import settings
from partydesk.ledger.models import Instructor
from partydesk.records import cadence
from partydesk.records import service as svc
from partydesk.records.reminders import reminders


def _by_kind(rows):
    return {r.kind: r for r in rows}


def test_empty_branch_misses_every_ended_period(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        rows = _by_kind(cadence.check(s, oid, 2026, date(2026, 5, 10)))
    mm = rows["member_meeting"]
    assert (mm.expected, mm.done, mm.missing, mm.due_now) == (1, 0, ["第一季度"], "第二季度")
    cm = rows["committee_meeting"]
    assert cm.expected == 4 and cm.missing == ["1月", "2月", "3月", "4月"]
    assert cm.due_now == "5月"
    assert rows["life_meeting"].expected == 0 and rows["life_meeting"].due_now == "全年"
    assert "缺：第一季度" in mm.status


def test_records_fill_periods(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        for m in (1, 3, 4):
            svc.create_record(s, "支委会", org_id=oid, held_at=datetime(2026, m, 8, 14))
        svc.create_record(s, "支部党员大会", org_id=oid, held_at=datetime(2026, 2, 8, 14))
        # a meeting after `today` does not count yet
        svc.create_record(s, "支委会", org_id=oid, held_at=datetime(2026, 5, 20, 14))
        rows = _by_kind(cadence.check(s, oid, 2026, date(2026, 5, 10)))
    assert rows["committee_meeting"].missing == ["2月"]
    assert rows["committee_meeting"].done == 3
    assert rows["member_meeting"].missing == []
    assert rows["member_meeting"].due_now == "第二季度"


def test_past_year_is_complete_for_full_branch(branch):
    ledger, oid = branch
    with ledger.session() as s:
        rows = cadence.check(s, oid, 2026, date(2027, 2, 1))
    assert all(r.ok for r in rows), [(r.label, r.missing) for r in rows]
    assert _by_kind(rows)["theme_day"].expected == 12
    assert cadence.summary_line(rows) == "齐全"


def test_settings_change_the_rule(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        cfg = settings.get(s, "cadence")
        cfg["kinds"]["member_meeting"] = {"every": "month", "times": 2}
        settings.put(s, "cadence", cfg)
        svc.create_record(s, "支部党员大会", org_id=oid, held_at=datetime(2026, 1, 8, 14))
        rows = _by_kind(cadence.check(s, oid, 2026, date(2026, 3, 1)))
    mm = rows["member_meeting"]
    assert mm.expected == 4 and mm.missing == ["1月", "2月"] and mm.rule == "每月2次"


def test_no_committee_means_no_committee_meetings_expected(ledger):
    from partydesk.ledger.models import Organization

    with ledger.session() as s:
        org = Organization(name="中共小微企业联合支部委员会", org_type="joint_branch")
        s.add(org)
        s.flush()
        rows = _by_kind(cadence.check(s, org.id, 2026, date(2026, 6, 1)))
    assert not rows["committee_meeting"].applies and rows["committee_meeting"].status == "不适用"
    assert not rows["group_meeting"].applies
    assert rows["theme_day"].missing  # still expected


def test_reminders_for_this_month_and_instructor_logs(empty_branch):
    ledger, oid = empty_branch
    with ledger.session() as s:
        svc.create_record(s, "主题党日", org_id=oid, held_at=datetime(2026, 5, 2, 9))
        busy = Instructor(name="吴指导", appointed_on=date(2025, 1, 1))
        idle = Instructor(name="郑指导", appointed_on=date(2025, 1, 1))
        new = Instructor(name="钱指导", appointed_on=date(2026, 5, 1))
        s.add_all([busy, idle, new])
        s.flush()
        svc.create_record(
            s,
            "指导员工作日志",
            instructor_id=busy.id,
            held_at=datetime(2026, 4, 15, 10),
            content="指导",
        )
        early = reminders(s, date(2026, 5, 10))
        items = reminders(s, date(2026, 5, 25))
    # a meeting of this period is due only in the period's last ten days …
    assert not any("本月" in r.text or "本季度" in r.text for r in early)
    texts = [r.text for r in items]
    assert any("本月尚未召开支委会" in t for t in texts)
    assert not any("本季度尚未召开" in t for t in texts)  # the quarter's last days: from 06-21
    assert not any("本月尚未召开主题党日" in t for t in texts)  # held on 05-02
    # … and overdue once its period has ended
    late = {r.text.split("：", 1)[1]: r for r in items if r.overdue(date(2026, 5, 25))}
    assert "2026年4月未召开主题党日" in late
    assert late["2026年第1季度未召开支部党员大会"].due_on == date(2026, 3, 31)
    logs = [r for r in items if r.kind == "instructor_log"]
    assert [r.text for r in logs] == ["指导员郑指导：2026年4月工作日志未填写"]
    assert logs[0].due_on == date(2026, 4, 30)
    with ledger.session() as s:
        june = reminders(s, date(2026, 6, 22))
    member = [r for r in june if "本季度尚未召开支部党员大会" in r.text][0]
    assert member.org_id == oid and member.due_on == date(2026, 6, 30)


def test_reminders_collected_by_registry(empty_branch):
    from partydesk.reminders import collect

    ledger, _oid = empty_branch
    with ledger.session() as s:
        kinds = {r.kind for r in collect(s, date(2026, 5, 25))}
    assert "record_committee_meeting" in kinds
