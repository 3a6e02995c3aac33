"""`partydesk check`'s look for facts dated after today in a ledger an older version (or
another tool) wrote: work records, points entries, instructor assessments, 示范点 and
评星定级 — what `partydesk.rules.facts` now refuses on entry. A few indexed SQL queries;
nothing is rewritten."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partydesk.ledger.models import Instructor, Organization, Person
from partydesk.ledger.models.certs import InstructorAssessment
from partydesk.ledger.models.points import PointsEntry
from partydesk.ledger.models.standing import DemoSite, StarRating
from partydesk.ledger.models.work import RecordKind, WorkRecord
from partydesk.standing.rating import STEP_FIELDS


def future_facts(session: Session, today: date) -> Iterator[tuple[str, str, int]]:
    """(Chinese text, table, record id) for each fact dated after `today`."""
    end = datetime.combine(today + timedelta(days=1), datetime.min.time())
    for rid, kind, held, org in session.execute(
        select(WorkRecord.id, WorkRecord.kind, WorkRecord.held_at, Organization.name)
        .outerjoin(Organization, Organization.id == WorkRecord.org_id)
        .where(WorkRecord.held_at >= end)
        .order_by(WorkRecord.held_at, WorkRecord.id)
    ):
        yield (
            f"{org or ''}{RecordKind.label_of(kind)}（纪实编号{rid}）：时间{held:%Y-%m-%d}晚于今天",
            "work_record",
            rid,
        )
    for eid, on, name in session.execute(
        select(PointsEntry.id, PointsEntry.on, Person.name)
        .join(Person, Person.id == PointsEntry.person_id)
        .where(PointsEntry.on > today)
        .order_by(PointsEntry.on, PointsEntry.id)
    ):
        yield f"{name}的积分（记录{eid}）：日期{on:%Y-%m-%d}晚于今天", "points_entry", eid
    for aid, year, on, name in session.execute(
        select(
            InstructorAssessment.id,
            InstructorAssessment.year,
            InstructorAssessment.assessed_on,
            Instructor.name,
        )
        .join(Instructor, Instructor.id == InstructorAssessment.instructor_id)
        .where(
            or_(InstructorAssessment.year > today.year, InstructorAssessment.assessed_on > today)
        )
        .order_by(InstructorAssessment.id)
    ):
        when = f"{year}年度" + (f"（{on:%Y-%m-%d}考核）" if on else "")
        yield f"党建指导员{name}的考核：{when}晚于今天", "instructor_assessment", aid
    for sid, year, name in session.execute(
        select(DemoSite.id, DemoSite.year, Organization.name)
        .join(Organization, Organization.id == DemoSite.org_id)
        .where(DemoSite.year > today.year)
        .order_by(DemoSite.id)
    ):
        yield f"{name}：示范点命名年度{year}年晚于今年", "demo_site", sid
    cols = [getattr(StarRating, a) for a in STEP_FIELDS.values()]
    for row in session.execute(
        select(StarRating.id, StarRating.year, Organization.name, *cols)
        .join(Organization, Organization.id == StarRating.org_id)
        .where(or_(StarRating.year > today.year, *(c > today for c in cols)))
        .order_by(StarRating.id)
    ):
        rid, year, name, *steps = row
        late = [
            f"{step.label}{d:%Y-%m-%d}"
            for step, d in zip(STEP_FIELDS, steps, strict=True)
            if d is not None and d > today
        ]
        what = "、".join(late) if late else f"{year}年度"
        yield f"{name}的{year}年评星定级：{what}晚于今天", "star_rating", rid
