"""Reminders (待办) of development steps: for each candidate followed step by step (at
least one step recorded), the next step and the date it falls due."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.develop.service import progress
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.develop import DevelopmentStep
from partydesk.reminders import Reminder
from partydesk.standing.reminders import horizon


def reminders(session: Session, today: date, until: date | None = None) -> list[Reminder]:
    until = until or horizon(session, today)
    rows: dict[int, list[DevelopmentStep]] = defaultdict(list)
    for r in session.scalars(
        select(DevelopmentStep)
        .join(Person, Person.id == DevelopmentStep.person_id)
        .where(Person.status == "active")
        .order_by(DevelopmentStep.person_id, DevelopmentStep.step_no, DevelopmentStep.done_on)
    ):
        rows[r.person_id].append(r)
    org_names = {
        oid: short or name
        for oid, name, short in session.execute(
            select(Organization.id, Organization.name, Organization.short_name)
        )
    }
    out: list[Reminder] = []
    for pid, recs in rows.items():
        pr = progress(session, pid, recs)
        if pr.next is None or pr.next_due is None or pr.next_due > until:
            continue
        p = pr.person
        where = org_names.get(p.org_id)
        who = f"{p.name}（{where}）" if where else p.name
        out.append(
            Reminder(
                kind="develop_step",
                text=f"{who}：发展党员下一步 {pr.next.title}",
                due_on=pr.next_due,
                person_id=p.id,
                org_id=p.org_id,
                deadline=pr.deadline,
            )
        )
    return out
