from __future__ import annotations

from datetime import date, datetime

import pytest

from partydesk.certs import instructors, qualifications, registry
from partydesk.certs.reminders import reminders
from partydesk.errors import ValidationError
from partydesk.ledger.models.work import WorkRecord

TODAY = date(2026, 11, 20)


def _rec(s, iid, kind, when, org_id=None):
    s.add(
        WorkRecord(kind=kind, year=when.year, seq=1, held_at=when, instructor_id=iid, org_id=org_id)
    )


def test_duty_cadence_marks_what_is_missing(ledger, staffed):
    a = staffed["a"]
    with ledger.session() as s:
        # contacts in every half month of Jan–Oct except 3月下半月; logs every month but June;
        # a meeting in the first half year only
        for m in range(1, 11):
            for day in (5, 20):
                if (m, day) != (3, 20):
                    _rec(s, a, "visit", datetime(2026, m, day, 9, 0))
            if m != 6:
                _rec(s, a, "instructor_log", datetime(2026, m, 28, 17, 0))
        _rec(s, a, "member_meeting", datetime(2026, 4, 10, 14, 0), org_id=staffed["org"])
        # records of another year or another instructor do not count
        _rec(s, a, "instructor_log", datetime(2025, 6, 28, 17, 0))
        _rec(s, staffed["b"], "instructor_log", datetime(2026, 6, 28, 17, 0))
        registry.issue(
            s, "instructor", [registry.holder_for(s, instructor=a)], issued_on=date(2026, 1, 5)
        )
        rows = {r.name: r for r in instructors.duty_status(s, 2026, TODAY)}
    d = {x.key: x for x in rows["王建国"].duties}
    # half months ended by 20 Nov: Jan–Oct (20) + 11月上半月
    assert (d["contact"].expected, d["contact"].done) == (21, 19)
    assert d["contact"].missing == ["3月下半月", "11月上半月"]
    assert d["log"].missing == ["6月"] and d["log"].expected == 10
    assert d["meeting"].missing == [] and d["meeting"].expected == 1  # 下半年 not over yet
    assert d["reappoint"].ok
    b = {x.key: x for x in rows["李秀梅"].duties}
    assert b["log"].done == 1 and len(b["log"].missing) == 9
    assert b["reappoint"].missing == ["2026年"]  # no certificate at all
    assert "赵海" not in rows  # not active


def test_duties_start_when_the_instructor_was_appointed(ledger, staffed):
    with ledger.session() as s:
        from partydesk.ledger.models import Instructor

        i = Instructor(name="新任", appointed_on=date(2026, 10, 1))
        s.add(i)
        s.flush()
        row = instructors.duty_status(s, 2026, TODAY, [i.id])[0]
    d = {x.key: x for x in row.duties}
    assert d["log"].expected == 1 and d["log"].missing == ["10月"]
    assert d["contact"].expected == 3


def test_assignments_over_time_and_uncovered_units(ledger, staffed):
    with ledger.session() as s:
        names = lambda on: [u.name for u in instructors.uncovered_units(s, on)]  # noqa: E731
        assert names(date(2026, 3, 1)) == ["新未来培训学校"]  # 众诚 still guided then
        assert names(TODAY) == ["众诚家政服务中心", "新未来培训学校"]
        # 北辰 is covered through its branch from 2025-06-01 only
        assert "北辰律师事务所" in names(date(2025, 5, 1))
        a = instructors.assign(
            s, staffed["b"], unit_id=staffed["units"][4], start_on=date(2026, 11, 1)
        )
        assert names(TODAY) == ["新未来培训学校"]
        with pytest.raises(ValidationError, match="已在联系指导"):
            instructors.assign(s, staffed["b"], unit_id=staffed["units"][4], start_on=TODAY)
        instructors.end_assignment(s, a.id, date(2026, 11, 10))
        assert "众诚家政服务中心" in names(TODAY)
        hist = instructors.history(s, staffed["b"])
        assert [(h.unit.name, h.end_on) for h in hist][-1] == (
            "众诚家政服务中心",
            date(2026, 11, 10),
        )


def test_assessment_grades_and_missing_assessment_reminder(ledger, staffed):
    with ledger.session() as s:
        due = [r for r in reminders(s, date(2026, 1, 10)) if r.kind == "instructor_assessment"]
        assert sorted(r.text for r in due) == [
            "党建指导员李秀梅的2025年度考核尚未登记",
            "党建指导员王建国的2025年度考核尚未登记",
        ]
        assert due[0].due_on == date(2026, 1, 31)
        instructors.set_assessment(s, staffed["a"], 2025, "优秀")
        instructors.set_assessment(s, staffed["a"], 2025, "称职")  # a correction, not a 2nd row
        assert instructors.assessments(s, 2025)[staffed["a"]].grade == "competent"
        due = [r for r in reminders(s, date(2026, 1, 10)) if r.kind == "instructor_assessment"]
        assert [r.instructor_id for r in due] == [staffed["b"]]
        with pytest.raises(ValidationError, match="优秀、称职、基本称职、不称职"):
            instructors.set_assessment(s, staffed["a"], 2025, "良好")


@pytest.mark.parametrize(
    "awarded, due",
    [
        (date(2024, 2, 29), date(2026, 2, 28)),  # leap day: end of February two years on
        (date(2024, 1, 31), date(2026, 1, 31)),
        (date(2024, 12, 31), date(2026, 12, 31)),
    ],
)
def test_qualification_review_due_two_years_after_award(ledger, staffed, awarded, due):
    with ledger.session() as s:
        q = qualifications.award(s, "初级", awarded, person_id=staffed["person"])
        assert q.review_due_on == due
        # reminder window: 60 days ahead, inclusive at the boundary
        from datetime import timedelta

        def kinds(today):
            return [r for r in reminders(s, today) if r.kind == "qualification_review"]

        assert kinds(due - timedelta(days=61)) == []
        assert kinds(due - timedelta(days=60))[0].due_on == due


def test_qualification_history_promote_demote_withdraw(ledger, staffed):
    with ledger.session() as s:
        q = qualifications.award(s, "初级", date(2024, 3, 1), person_id=staffed["person"])
        with pytest.raises(ValidationError, match="复核"):
            qualifications.award(s, "中级", date(2024, 4, 1), person_id=staffed["person"])
        qualifications.review(s, q.id, date(2026, 2, 1))  # kept
        assert q.review_due_on == date(2028, 2, 1) and q.awarded_on == date(2024, 3, 1)
        qualifications.review(s, q.id, date(2026, 6, 1), "高级", "表现突出")
        qualifications.review(s, q.id, date(2026, 9, 1), "中级", "年度考核基本称职")
        qualifications.withdraw(s, q.id, date(2026, 10, 1), "调离党务工作岗位")
        assert [(e.kind, e.from_level, e.to_level) for e in q.events] == [
            ("award", None, "junior"),
            ("keep", "junior", "junior"),
            ("promote", "junior", "senior"),
            ("demote", "senior", "intermediate"),
            ("withdraw", "intermediate", None),
        ]
        assert q.events[-1].reason == "调离党务工作岗位" and q.status == "withdrawn"
        assert not [r for r in reminders(s, date(2028, 1, 1)) if r.kind == "qualification_review"]
        with pytest.raises(ValidationError):
            registry.issue(
                s, "party_affairs", [registry.holder_for(s, qualification=q.id)], issued_on=TODAY
            )


def test_reappointment_and_expiry_reminders(ledger, staffed):
    with ledger.session() as s:
        c = registry.issue(
            s,
            "instructor",
            [registry.holder_for(s, instructor=staffed["a"])],
            issued_on=date(2025, 12, 1),
        )[0]
        q = qualifications.award(s, "中级", date(2025, 1, 1), person_id=staffed["person"])
        h = registry.holder_for(s, qualification=q.id)
        pa = registry.issue(s, "party_affairs", [h], issued_on=date(2025, 1, 1))[0]
        assert c.valid_until == date(2026, 11, 30) and pa.valid_until == date(2026, 12, 31)
        r = {
            x.kind: x for x in reminders(s, TODAY) if x.instructor_id == staffed["a"] or x.person_id
        }
        assert r["instructor_reappoint"].due_on == date(2026, 11, 30)
        assert "2025ZD0001" in r["instructor_reappoint"].text
        assert "certificate_expiring" not in r  # 31 Dec is 41 days away
        r = {x.kind for x in reminders(s, date(2026, 12, 1)) if x.person_id}
        assert "certificate_expiring" in r
        # renewed: no reminder any more
        registry.issue(
            s, "instructor", [registry.holder_for(s, instructor=staffed["a"])], issued_on=TODAY
        )
        assert not [
            x
            for x in reminders(s, TODAY)
            if x.kind == "instructor_reappoint" and x.instructor_id == staffed["a"]
        ]


def test_level_change_needs_a_new_certificate_which_replaces_the_old_and_withdrawal_revokes(
    ledger, staffed
):
    with ledger.session() as s:
        q = qualifications.award(s, "初级", date(2025, 3, 1), person_id=staffed["person"])
        assert [h.name for h in registry.holders_missing(s, "party_affairs", 2025)] == ["孙丽"]
        first = registry.issue(
            s,
            "party_affairs",
            registry.holders_missing(s, "party_affairs", 2025),
            issued_on=date(2025, 3, 1),
        )[0]
        assert "初级" in first.body
        assert registry.holders_missing(s, "party_affairs", 2026) == []
        qualifications.review(s, q.id, date(2026, 5, 1), "中级", "考核优秀")
        second = registry.issue(
            s,
            "party_affairs",
            registry.holders_missing(s, "party_affairs", 2026),
            issued_on=date(2026, 5, 2),
        )[0]
        assert "中级" in second.body and second.replaces == first.serial
        v = registry.verify(s, first.serial, today=TODAY)
        assert v.state == "replaced" and second.serial in v.message
        qualifications.withdraw(s, q.id, date(2026, 10, 1), "调离党务工作岗位")
        v = registry.verify(s, second.serial, today=TODAY)
    assert v.state == "revoked" and "调离党务工作岗位" in v.message
