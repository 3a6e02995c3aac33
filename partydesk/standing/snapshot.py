"""Whole-state snapshots of one organization's standing (a year's rating, the 六有 marks,
the 四个一), so an edit in the window can be undone and redone exactly."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from partydesk.ledger.models.standing import ChecklistMark, GuidanceLink, StarRating
from partydesk.standing.orgs import GUIDANCE_FIELDS
from partydesk.standing.rating import STEP_FIELDS

RATING_FIELDS = ("scores", "vetoes", "total", "stars", *STEP_FIELDS.values(), "note")


def take(session: Session, org_id: int, year: int) -> dict:
    r = session.scalar(
        select(StarRating).where(StarRating.org_id == org_id, StarRating.year == year)
    )
    g = session.scalar(select(GuidanceLink).where(GuidanceLink.org_id == org_id))
    marks = session.scalars(
        select(ChecklistMark).where(ChecklistMark.org_id == org_id).order_by(ChecklistMark.item)
    )
    return {
        "org_id": org_id,
        "year": year,
        "rating": None if r is None else {f: getattr(r, f) for f in RATING_FIELDS},
        "guidance": None if g is None else {f: getattr(g, f) for f in GUIDANCE_FIELDS},
        "marks": [(m.item, m.done, m.checked_on, m.note) for m in marks],
    }


def restore(session: Session, snap: dict) -> None:
    org_id, year = snap["org_id"], snap["year"]
    r = session.scalar(
        select(StarRating).where(StarRating.org_id == org_id, StarRating.year == year)
    )
    if snap["rating"] is None:
        if r is not None:
            session.delete(r)
    else:
        if r is None:
            r = StarRating(org_id=org_id, year=year)
            session.add(r)
        for f, v in snap["rating"].items():
            setattr(r, f, v)
    g = session.scalar(select(GuidanceLink).where(GuidanceLink.org_id == org_id))
    if snap["guidance"] is None:
        if g is not None:
            session.delete(g)
    else:
        if g is None:
            g = GuidanceLink(org_id=org_id)
            session.add(g)
        for f, v in snap["guidance"].items():
            setattr(g, f, v)
    session.execute(delete(ChecklistMark).where(ChecklistMark.org_id == org_id))
    for item, done, on, note in snap["marks"]:
        session.add(ChecklistMark(org_id=org_id, item=item, done=done, checked_on=on, note=note))
    session.flush()
