"""The cadence check (三会一课 etc.): for an organization and a year, what was done
against what was expected so far.

Expected frequencies are data (`partydesk.settings`, key "cadence"), defaults from the
common rules: 支部党员大会 quarterly, 支委会 monthly, 党小组会 monthly, 党课 quarterly,
主题党日 monthly, 组织生活会 and 民主评议 yearly. A period counts as expected once it has
ended; the current period is reported as "due" while it has no record yet."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.ledger.models import CommitteeMember, Organization, PartyGroup
from partydesk.records import RecordKind, WorkRecord

PERIODS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
PERIOD_LABELS = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}

settings.DEFAULTS["cadence"] = {
    # kind -> {"every": month|quarter|half|year, "times": records per period}
    "kinds": {
        "member_meeting": {"every": "quarter", "times": 1},
        "committee_meeting": {"every": "month", "times": 1},
        "group_meeting": {"every": "month", "times": 1},
        "lecture": {"every": "quarter", "times": 1},
        "theme_day": {"every": "month", "times": 1},
        "life_meeting": {"every": "year", "times": 1},
        "appraisal": {"every": "year", "times": 1},
    },
    # Organization types the check applies to.
    "org_types": ["branch", "joint_branch", "work_branch", "general_branch"],
    # 支委会 is expected only where a committee exists (at least this many members);
    # 党小组会 only where the organization has party groups.
    "committee_min": 3,
}


@dataclass
class KindCheck:
    """One row of the check: a kind, its rule, and how the year stands."""

    kind: str
    label: str
    every: str
    times: int
    expected: int  # records expected in the periods that have ended
    done: int  # records held in the year up to today
    missing: list[str] = field(default_factory=list)  # ended periods short of records
    due_now: str | None = None  # the current period, when it still lacks its records
    applies: bool = True  # False: e.g. no committee, so no 支委会 expected

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def rule(self) -> str:
        times = "" if self.times == 1 else f"{self.times}次"
        return f"{PERIOD_LABELS.get(self.every, self.every)}{times}"

    @property
    def status(self) -> str:
        if not self.applies:
            return "不适用"
        if self.missing:
            return "缺：" + "、".join(self.missing)
        if self.due_now:
            return f"{self.due_now}待开"
        return "齐全"


def _period_label(every: str, idx: int) -> str:
    if every == "month":
        return f"{idx + 1}月"
    if every == "quarter":
        return f"第{'一二三四'[idx]}季度"
    if every == "half":
        return "上半年" if idx == 0 else "下半年"
    return "全年"


def _period_end(year: int, every: str, idx: int) -> date:
    m = (idx + 1) * PERIODS[every]
    return date(year, m, calendar.monthrange(year, m)[1])


def rules(session: Session) -> dict:
    return settings.get(session, "cadence")


def check(session: Session, org_id: int, year: int, today: date) -> list[KindCheck]:
    """Per kind with a cadence rule: expected so far, done, missing periods, current due."""
    cfg = rules(session)
    org = session.get(Organization, org_id)
    counts: dict[tuple[str, int], int] = {}
    q = (
        select(WorkRecord.kind, extract("month", WorkRecord.held_at), func.count())
        .where(WorkRecord.org_id == org_id, WorkRecord.year == year)
        .where(WorkRecord.held_at < date.fromordinal(today.toordinal() + 1))
        .group_by(WorkRecord.kind, extract("month", WorkRecord.held_at))
    )
    for kind, month, n in session.execute(q):
        counts[(kind, int(month))] = n
    has_groups = bool(session.scalar(select(func.count()).where(PartyGroup.org_id == org_id)))
    committee = (
        session.scalar(
            select(func.count()).where(
                CommitteeMember.org_id == org_id, CommitteeMember.until.is_(None)
            )
        )
        or 0
    )
    founded = org.founded_on if org is not None else None
    out = []
    for kind, rule in cfg["kinds"].items():
        every = rule.get("every", "year")
        times = int(rule.get("times", 1))
        span = PERIODS.get(every, 12)
        applies = True
        if kind == RecordKind.GROUP_MEETING and not has_groups:
            applies = False
        if kind == RecordKind.COMMITTEE_MEETING and committee < cfg.get("committee_min", 3):
            applies = False
        row = KindCheck(kind, RecordKind.label_of(kind), every, times, 0, 0, applies=applies)
        row.done = sum(n for (k, _m), n in counts.items() if k == kind)
        for idx in range(12 // span):
            end = _period_end(year, every, idx)
            start = date(year, idx * span + 1, 1)
            if founded is not None and end < founded:
                continue
            if start > today:
                break
            done = sum(
                counts.get((kind, m), 0) for m in range(idx * span + 1, (idx + 1) * span + 1)
            )
            if end < today:
                row.expected += times
                if applies and done < times:
                    row.missing.append(_period_label(every, idx))
            elif applies and done < times:
                row.due_now = _period_label(every, idx)
        if not applies:
            row.expected = 0
        out.append(row)
    return out


def summary_line(rows: list[KindCheck]) -> str:
    missing = [r for r in rows if r.missing]
    if not missing:
        return "齐全"
    return "；".join(f"{r.label}缺{len(r.missing)}" for r in missing)
