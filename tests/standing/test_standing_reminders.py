"""Pipeline reminders at their boundary dates: the warn window opens 30 days (settings
pipeline warn_days) before the due date; an item is overdue from the day after it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from standing_helpers import add_org, add_person

from partydesk import reminders, settings
from partydesk.standing.reminders import reminders as pipeline_reminders

D = timedelta(days=1)

# rule kind, person fields, due date by the rules in DOMAIN.md
CASES = [
    ("talk", dict(category="applicant", applied_on=date(2026, 3, 31)), date(2026, 4, 30)),
    (
        "review",
        dict(category="activist", activist_on=date(2025, 5, 10), last_review_on=date(2025, 11, 10)),
        date(2026, 5, 10),
    ),
    (
        "target_eligible",
        dict(category="activist", activist_on=date(2025, 6, 1), last_review_on=date(2026, 5, 20)),
        date(2026, 6, 1),
    ),
    (
        "target_waiting",
        dict(category="target", activist_on=date(2024, 9, 1), target_on=date(2026, 2, 28)),
        date(2026, 5, 28),
    ),
    (
        "probation_end",
        dict(category="probationary", admitted_on=date(2025, 7, 1)),
        date(2026, 7, 1),
    ),
    (
        "probation_end",
        dict(category="probationary", admitted_on=date(2025, 7, 1), probation_extension_months=6),
        date(2027, 1, 1),
    ),
]


@pytest.fixture
def case_ledger(ledger):
    def make(fields):
        with ledger.session() as s:
            org = add_org(s, "中共星河物流有限公司支部委员会")
            org.short_name = "星河物流支部"
            p = add_person(s, "王芳", org=org, **fields)
            return p.id, org.id

    return make


def kinds(ledger, today):
    with ledger.session() as s:
        return {(r.kind, r.due_on): r for r in pipeline_reminders(s, today)}


@pytest.mark.parametrize("kind, fields, due", CASES)
def test_each_rule_at_its_boundaries(ledger, case_ledger, kind, fields, due):
    pid, org_id = case_ledger(fields)
    warn = timedelta(days=30)
    assert (kind, due) not in kinds(ledger, due - warn - D)  # the day before the window
    got = kinds(ledger, due - warn)  # the window opens
    assert (kind, due) in got
    r = got[(kind, due)]
    assert r.person_id == pid and r.org_id == org_id
    assert r.text.startswith("王芳（星河物流支部）：")
    assert not r.overdue(due - D)
    on_day = kinds(ledger, due)[(kind, due)]
    assert not on_day.overdue(due)  # due today is not late yet
    after = kinds(ledger, due + D)[(kind, due)]
    # eligibility (可列为发展对象) and waiting (发展对象待接收) are never "late"; deadlines are
    assert after.overdue(due + D) == (kind not in ("target_eligible", "target_waiting"))


def test_target_waiting_names_the_months_and_ends_with_admission(ledger, case_ledger):
    pid, _ = case_ledger(
        dict(category="target", activist_on=date(2024, 9, 1), target_on=date(2026, 1, 15))
    )
    [r] = [r for r in kinds(ledger, date(2026, 4, 20)).values() if r.kind == "target_waiting"]
    assert r.due_on == date(2026, 4, 15)
    assert (
        r.text
        == "王芳（星河物流支部）：确定为发展对象已满3个月，尚未接收为预备党员（政审、集中培训、支部大会讨论）"
    )
    with ledger.session() as s:
        from partydesk.ledger.models import Person

        p = s.get(Person, pid)
        p.category, p.admitted_on = "probationary", date(2026, 4, 18)
    assert not [r for r in kinds(ledger, date(2026, 4, 20)).values() if r.kind == "target_waiting"]


def test_done_steps_and_inactive_people_give_no_reminder(ledger):
    with ledger.session() as s:
        org = add_org(s, "中共测试支部委员会")
        add_person(
            s, "已谈话", "applicant", org, applied_on=date(2026, 1, 1), talked_on=date(2026, 1, 20)
        )
        add_person(
            s, "已转出", "probationary", org, admitted_on=date(2025, 1, 1), status="transferred_out"
        )
        add_person(
            s, "正式党员", "full", org, admitted_on=date(2020, 1, 1), full_on=date(2021, 1, 1)
        )
    with ledger.session() as s:
        assert pipeline_reminders(s, date(2026, 11, 22)) == []


def test_warn_days_and_thresholds_come_from_settings(ledger, case_ledger):
    case_ledger(dict(category="probationary", admitted_on=date(2025, 7, 1)))
    with ledger.session() as s:
        settings.put(s, "pipeline", {"warn_days": 10, "probation_months": 12})
    today = date(2026, 6, 20)  # 11 days before 2026-07-01
    assert kinds(ledger, today) == {}
    assert ("probation_end", date(2026, 7, 1)) in kinds(ledger, today + D)


def test_collect_with_until_and_order(ledger):
    with ledger.session() as s:
        org = add_org(s, "中共测试支部委员会")
        add_person(s, "甲", "probationary", org, admitted_on=date(2025, 12, 1))  # due 2026-12-01
        add_person(
            s, "乙", "applicant", org, applied_on=date(2026, 10, 1)
        )  # due 2026-11-01, overdue
        add_person(s, "丙", "probationary", org, admitted_on=date(2026, 3, 1))  # due 2027-03-01
    with ledger.session() as s:
        today = date(2026, 11, 22)

        def people(items):  # the branch's missing meetings are reminders too; not these tests'
            return [r.text[0] for r in items if r.person_id is not None]

        default = reminders.collect(s, today)
        assert people(default) == ["乙", "甲"]
        wide = reminders.collect(s, today, until=today + timedelta(days=120))
        assert people(wide) == ["乙", "甲", "丙"]
        narrow = reminders.collect(s, today, until=today)
        assert people(narrow) == ["乙"]


def test_urgent_first_then_upcoming_then_waiting(ledger):
    with ledger.session() as s:
        org = add_org(s, "中共测试支部委员会")
        add_person(
            s,
            "等待",
            "activist",
            org,
            activist_on=date(2025, 1, 10),
            last_review_on=date(2026, 11, 1),
        )
        add_person(s, "逾期", "applicant", org, applied_on=date(2026, 9, 1))
        add_person(s, "将到", "probationary", org, admitted_on=date(2025, 12, 10))
    today = date(2026, 11, 22)
    with ledger.session() as s:
        items = reminders.by_urgency(reminders.collect(s, today), today)
    items = [r for r in items if r.person_id is not None]  # leave out the branch's meetings
    assert [(r.text[:2], r.overdue(today)) for r in items] == [
        ("逾期", True),
        ("将到", False),
        ("等待", False),
    ]
