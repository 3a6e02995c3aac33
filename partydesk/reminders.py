"""Reminders (待办): what falls due, from the ledger.

Each feature contributes a provider `reminders(session, today) -> list[Reminder]`; the
modules are listed in PROVIDERS (a missing function is skipped). `collect()` gathers them
all, sorted by due date. Shown in the dashboard and by `partydesk due`."""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

PROVIDERS = [
    "partydesk.standing.reminders",  # pipeline: talks, reviews, targets, probations
    "partydesk.records.reminders",  # meetings missing this month, instructor logs
    "partydesk.certs.reminders",  # 红领党务 reviews, certificates expiring
    "partydesk.dues.reminders",  # dues unpaid 3 / 6 months in a row
]


@dataclass(frozen=True)
class Reminder:
    kind: str  # stable code, e.g. "probation_end"
    text: str  # Chinese, one line: what is due and for whom
    due_on: date
    person_id: int | None = None
    org_id: int | None = None
    unit_id: int | None = None
    instructor_id: int | None = None
    # False when the date opens something (e.g. eligibility) rather than ends it: never late
    deadline: bool = True

    def overdue(self, today: date) -> bool:
        return self.deadline and self.due_on < today


def collect(
    session: Session, today: date | None = None, until: date | None = None
) -> list[Reminder]:
    """All reminders; with `until`, those due on or before it (overdue included).
    A provider that accepts `until` is asked for that window, others are filtered."""
    today = today or date.today()
    out: list[Reminder] = []
    for name in PROVIDERS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and name.startswith(e.name):
                continue  # that feature is not part of this build
            raise
        fn = getattr(mod, "reminders", None)
        if fn is None:
            continue
        if until is not None and "until" in inspect.signature(fn).parameters:
            items = fn(session, today, until=until)
        else:
            items = fn(session, today)
        if until is not None:
            items = [r for r in items if r.due_on <= until]
        out.extend(items)
    out.sort(key=lambda r: (r.due_on, r.kind, r.text))
    return out


def by_urgency(items: list[Reminder], today: date) -> list[Reminder]:
    """Overdue deadlines first (oldest first), then what falls due next, then what has
    been waiting (eligibility dates already passed)."""

    def key(r: Reminder):
        if r.overdue(today):
            group = 0
        elif r.due_on >= today:
            group = 1
        else:
            group = 2
        return (group, r.due_on, r.kind, r.text)

    return sorted(items, key=key)
