"""Reminders (待办) from the membership pipeline: applicants' talks, activists' half-yearly
reviews, activists who may become development targets, development targets waiting to be
admitted, probations ending. Dates come from
partydesk.rules.pipeline with the thresholds in settings["pipeline"]."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.ledger.models import Organization, Person
from partydesk.reminders import Reminder
from partydesk.rules import pipeline

PIPELINE_CATEGORIES = ("applicant", "activist", "target", "probationary")


def horizon(session: Session, today: date) -> date:
    """Last due date shown by default: today + settings pipeline warn_days."""
    return today + timedelta(days=int(settings.get(session, "pipeline")["warn_days"]))


def reminders(session: Session, today: date, until: date | None = None) -> list[Reminder]:
    """Everything in the pipeline due on or before `until` (default: the warn window),
    overdue items included."""
    cfg = settings.get(session, "pipeline")
    until = until or horizon(session, today)
    rows = session.execute(
        select(
            Person.id,
            Person.name,
            Person.category,
            Person.applied_on,
            Person.talked_on,
            Person.activist_on,
            Person.last_review_on,
            Person.target_on,
            Person.admitted_on,
            Person.probation_extension_months,
            Person.org_id,
            Person.unit_id,
            Organization.name.label("org_name"),
            Organization.short_name.label("org_short"),
        )
        .outerjoin(Organization, Organization.id == Person.org_id)
        .where(Person.status == "active", Person.category.in_(PIPELINE_CATEGORIES))
        .order_by(Person.id)
    )
    out: list[Reminder] = []
    for p in rows:
        for due in pipeline.dues_for(p, cfg):
            if due.due_on > until:
                continue
            if due.kind == "target_eligible" and p.target_on is not None:
                continue
            where = p.org_short or p.org_name
            who = f"{p.name}（{where}）" if where else p.name
            out.append(
                Reminder(
                    kind=due.kind,
                    text=f"{who}：{due.text}",
                    due_on=due.due_on,
                    person_id=p.id,
                    org_id=p.org_id,
                    unit_id=p.unit_id,
                    deadline=due.kind not in ("target_eligible", "target_waiting"),
                )
            )
    return out
