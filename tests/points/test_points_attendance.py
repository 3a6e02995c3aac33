"""Entries proposed from a meeting's attendance, reviewed, then saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.work import Attendance, WorkRecord
from partydesk.points import attendance, entries
from partydesk.points.periods import parse
from partydesk.points.schemes import find_item, find_scheme
from partydesk.points.totals import cards_by_person, compute_cards


@pytest.fixture
def meeting(branch):
    """A 支部党员大会 on 2025-07-15: 张伟, 李娜, 陈静 (an activist) present, 刘洋 absent."""
    ledger, org_id, people = branch
    with ledger.session() as s:
        rec = WorkRecord(
            org_id=org_id,
            kind="member_meeting",
            year=2025,
            seq=3,
            held_at=datetime(2025, 7, 15, 14, 30),
            place="会议室",
        )
        s.add(rec)
        s.flush()
        for who, status in [
            ("张伟", "present"),
            ("李娜", "present"),
            ("陈静", "present"),
            ("刘洋", "absent"),
        ]:
            s.add(Attendance(record_id=rec.id, person_id=people[who], status=status))
        s.add(Attendance(record_id=rec.id, person_id=None, status="observer", name_text="指导员"))
        rid = rec.id
    return ledger, org_id, people, rid


def test_everyone_present_gets_a_proposal_reviewed_then_saved(meeting):
    ledger, org_id, people, rid = meeting
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        item = attendance.suggest_item(s, sc, "member_meeting")
        assert item.name == "参加“三会一课”"
        props = attendance.propose_from_attendance(s, rid, item.id)
        assert [(p.name, p.ok) for p in props] == [("张伟", True), ("李娜", True), ("陈静", False)]
        assert "入党积极分子不参加" in props[2].problem
        assert (
            s.scalars(select(Person)).all() and not s.scalars(select(entries.PointsEntry)).all()
        )  # proposing writes nothing
        kept = [p for p in props if p.name != "李娜"]  # the clerk unticks 李娜
        saved = attendance.save_proposals(s, kept, by="t")
        assert [(e.person_id, e.on, e.count) for e in saved] == [
            (people["张伟"], date(2025, 7, 15), 1)
        ]
        cards = cards_by_person(compute_cards(s, sc, s.get(Organization, org_id), parse("2025-07")))
        assert cards[people["张伟"]].counted == 61 and cards[people["李娜"]].counted == 60
        again = attendance.propose_from_attendance(s, rid, item.id)
        assert again[0].problem == "已按本次会议记过分" and again[1].ok


def test_a_published_period_is_not_proposed_into(meeting):
    ledger, org_id, people, rid = meeting
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        entries.publish(s, sc, s.get(Organization, org_id), parse("2025-07"))
        props = attendance.propose_from_attendance(s, rid, find_item(s, sc, "三会一课").id)
        assert {p.problem for p in props if p.category == "full"} == {"该期间已公示锁定"}
        assert attendance.save_proposals(s, props) == []


def test_meetings_of_lists_the_period_s_meetings(meeting):
    ledger, org_id, people, rid = meeting
    with ledger.session() as s:
        p = parse("2025Q3")
        assert [r.id for r in attendance.meetings_of(s, org_id, p.start, p.end)] == [rid]
        p = parse("2025Q4")
        assert attendance.meetings_of(s, org_id, p.start, p.end) == []
