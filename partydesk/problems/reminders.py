"""Reminders (待办) from the problem list: open problems due soon or overdue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.ledger.models import Unit
from partydesk.ledger.models.develop import Problem
from partydesk.problems.service import OPEN_STATES
from partydesk.reminders import Reminder
from partydesk.standing.reminders import horizon


def reminders(session: Session, today: date, until: date | None = None) -> list[Reminder]:
    until = until or horizon(session, today)
    out = []
    for p, unit in session.execute(
        select(Problem, Unit.name)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
        .where(Problem.state.in_(OPEN_STATES), Problem.due_on <= until)
        .order_by(Problem.due_on, Problem.id)
    ):
        where = f"{unit}：" if unit else ""
        who = f"（责任人：{p.responsible}）" if p.responsible else ""
        out.append(
            Reminder(
                kind="problem",
                text=f"{where}问题“{p.text}”待销号{who}",
                due_on=p.due_on,
                org_id=p.org_id,
                unit_id=p.unit_id,
            )
        )
    return out
