"""Reminders (待办): what falls due, from the ledger.

Each feature contributes a provider `reminders(session, today) -> list[Reminder]`; the
modules are listed in PROVIDERS (a missing function is skipped). `collect()` gathers them
all, sorted by due date. Shown in the dashboard and by `partydesk due`."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

PROVIDERS = [
    "partydesk.standing.reminders",  # pipeline: talks, reviews, targets, probations (issue 10)
    "partydesk.records.reminders",  # meetings missing this month, instructor logs (issue 4)
    "partydesk.certs.reminders",  # 红领党务 reviews, certificates expiring (issue 6)
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

    def overdue(self, today: date) -> bool:
        return self.due_on < today


def collect(session: Session, today: date | None = None) -> list[Reminder]:
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
        if fn is not None:
            out.extend(fn(session, today))
    out.sort(key=lambda r: (r.due_on, r.kind, r.text))
    return out
