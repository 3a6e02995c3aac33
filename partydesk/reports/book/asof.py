"""The organization as it stood on a day (31 December of the book's year, or today for
the current year): who was on its books, in which category, and who sat on its committee —
from the people's dates (递交申请, 确定积极分子, 发展对象, 入党, 转正) and their history
(moves between the ledger's organizations, transfers out, changes of 在册状态)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partydesk.ledger.enums import Category, EventKind, PersonStatus
from partydesk.ledger.models import CommitteeMember, Person, PersonEvent

# Pipeline stages from the last back to the first, with the date each one began.
_STAGES = (
    (Category.FULL.value, "full_on"),
    (Category.PROBATIONARY.value, "admitted_on"),
    (Category.TARGET.value, "target_on"),
    (Category.ACTIVIST.value, "activist_on"),
    (Category.APPLICANT.value, "applied_on"),
)


def book_day(year: int, today: date | None = None) -> date:
    """The day a book of `year` shows: 31 December, or today while the year runs."""
    today = today or date.today()
    end = date(year, 12, 31)
    return today if end > today else end


@dataclass
class PersonThen:
    person: Person
    category: str  # the category on the day


def category_on(p: Person, day: date) -> str | None:
    """The person's category on `day`, from the stage dates; None when they had not yet
    applied. A stage with no date is taken to have begun before the day."""
    stages = [c for c, _ in _STAGES]
    i = stages.index(p.category) if p.category in stages else 0
    while i < len(_STAGES):
        cat, attr = _STAGES[i]
        began = getattr(p, attr)
        if began is None or began <= day:
            return cat
        i += 1
    return None


def people_on(session: Session, org_id: int, day: date) -> list[PersonThen]:
    """Who was on the organization's books on `day` (在册), in person-id order."""
    moved_away = select(PersonEvent.person_id).where(PersonEvent.from_org_id == org_id)
    candidates = list(
        session.scalars(
            select(Person)
            .where(or_(Person.org_id == org_id, Person.id.in_(moved_away)))
            .order_by(Person.id)
        )
    )
    later: dict[int, list[PersonEvent]] = {}
    for ev in session.scalars(
        select(PersonEvent)
        .where(
            PersonEvent.person_id.in_([p.id for p in candidates]),
            PersonEvent.on > day,
            PersonEvent.kind.in_(
                [
                    EventKind.MOVE.value,
                    EventKind.TRANSFER_IN.value,
                    EventKind.TRANSFER_OUT.value,
                    EventKind.STATUS.value,
                ]
            ),
        )
        .order_by(PersonEvent.on.desc(), PersonEvent.id.desc())
    ):
        later.setdefault(ev.person_id, []).append(ev)
    out = []
    for p in candidates:
        org, status, arrived_later = p.org_id, p.status, False
        # Undo, newest first, what happened after the day.
        for ev in later.get(p.id, ()):
            if ev.kind == EventKind.MOVE.value:
                org = ev.from_org_id
            elif ev.kind == EventKind.TRANSFER_OUT.value:
                status = PersonStatus.ACTIVE.value
            elif ev.kind == EventKind.TRANSFER_IN.value:
                arrived_later = True
            elif ev.kind == EventKind.STATUS.value and ev.from_value:
                status = ev.from_value
        if org != org_id or status != PersonStatus.ACTIVE.value or arrived_later:
            continue
        cat = category_on(p, day)
        if cat is not None:
            out.append(PersonThen(p, cat))
    return out


def committee_on(seats: list[CommitteeMember], day: date) -> list[CommitteeMember]:
    """The seats held on `day`: begun by then (or undated) and not yet ended."""
    return [
        c
        for c in seats
        if (c.since is None or c.since <= day) and (c.until is None or c.until > day)
    ]
