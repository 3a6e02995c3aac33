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
    "partydesk.develop.reminders",  # the next development step of each candidate
    "partydesk.problems.reminders",  # problems on the list due or overdue
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


# Group headings of the reminder kinds (a kind not listed is headed by its first item's
# text). `record_<kind>` headings come from the record kind's own label.
LABELS = {
    "talk": "入党谈话",
    "review": "积极分子考察",
    "target_eligible": "可列为发展对象",
    "target_waiting": "发展对象待接收",
    "probation_end": "预备期满",
    "develop_step": "发展党员下一步",
    "problem": "问题待销号",
    "instructor_log": "指导员工作日志",
    "qualification_review": "红领党务资格复核",
    "certificate_expiring": "证书到期",
    "instructor_reappoint": "指导员续聘",
    "instructor_assessment": "指导员年度考核",
    "dues_alert": "党费欠交达到处理期限",
    "dues_arrears": "党费连续欠交",
}


def kind_label(kind: str) -> str:
    if kind in LABELS:
        return LABELS[kind]
    if kind.startswith("record_"):
        from partydesk.ledger.models.work import RecordKind

        return f"未召开{RecordKind.label_of(kind.removeprefix('record_'))}"
    return kind


@dataclass
class Group:
    """The reminders of one kind, most urgent first, with their counts."""

    kind: str
    label: str
    items: list[Reminder]
    overdue: int

    @property
    def count(self) -> int:
        return len(self.items)


def grouped(items: list[Reminder], today: date) -> list[Group]:
    """Reminders grouped by kind: kinds with overdue items first (the longest overdue
    first), then by the next date falling due."""
    by: dict[str, list[Reminder]] = {}
    for r in by_urgency(items, today):
        by.setdefault(r.kind, []).append(r)
    groups = [
        Group(k, kind_label(k), rs, sum(r.overdue(today) for r in rs)) for k, rs in by.items()
    ]

    def key(g: Group):
        return (0 if g.overdue else 1, g.items[0].due_on, g.kind)

    return sorted(groups, key=key)


def find_kind(text: str) -> set[str] | None:
    """The kinds `text` names (a code, a heading or part of one); None when it names none."""
    t = text.strip()
    from partydesk.ledger.models.work import RecordKind

    codes = set(LABELS) | {f"record_{k.value}" for k in RecordKind}
    if t in codes:
        return {t}
    found = {c for c in codes if t and t in kind_label(c)}
    return found or None
