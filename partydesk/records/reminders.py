"""Reminders from work records: a regular meeting (monthly, quarterly) not yet held is due
in its period's last ten days (setting cadence.remind_last_days) and overdue once the
period has ended (the period before today's is reminded too); instructors without a work
log for last month."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    Organization,
    PartyGroup,
)
from partydesk.records import RecordKind, WorkRecord
from partydesk.records.cadence import PERIODS, rules
from partydesk.reminders import Reminder


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _period(day: date, span: int) -> tuple[date, date]:
    first = (day.month - 1) // span * span + 1
    return date(day.year, first, 1), _month_end(day.year, first + span - 1)


def _period_name(start: date, span: int, current: bool) -> str:
    if span == 1:
        return "本月" if current else f"{start.year}年{start.month}月"
    if current:
        return "本季度"
    return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"


def reminders(session: Session, today: date) -> list[Reminder]:
    cfg = rules(session)
    last_days = int(cfg.get("remind_last_days", 10))
    out: list[Reminder] = []
    orgs = session.execute(
        select(Organization.id, Organization.name, Organization.founded_on).where(
            Organization.org_type.in_(cfg["org_types"]),
            Organization.dissolved_on.is_(None),
        )
    ).all()
    if orgs:
        with_groups = set(session.scalars(select(PartyGroup.org_id).distinct()))
        committee = dict(
            session.execute(
                select(CommitteeMember.org_id, func.count())
                .where(CommitteeMember.until.is_(None))
                .group_by(CommitteeMember.org_id)
            ).all()
        )
        for kind, rule in cfg["kinds"].items():
            every = rule.get("every", "year")
            if every not in ("month", "quarter"):
                continue
            span = PERIODS[every]
            cur_start, cur_end = _period(today, span)
            prev_start, prev_end = _period(cur_start - timedelta(days=1), span)
            periods = [(prev_start, prev_end, False)]
            if today > cur_end - timedelta(days=last_days):
                periods.append((cur_start, cur_end, True))
            label = RecordKind.label_of(kind)
            for start, end, current in periods:
                done = set(
                    session.scalars(
                        select(WorkRecord.org_id)
                        .where(
                            WorkRecord.kind == kind,
                            WorkRecord.held_at >= datetime(start.year, start.month, start.day),
                            WorkRecord.held_at
                            < datetime(end.year, end.month, end.day) + timedelta(days=1),
                        )
                        .distinct()
                    )
                )
                when = _period_name(start, span, current)
                verb = "尚未召开" if current else "未召开"
                for org_id, name, founded in orgs:
                    if org_id in done or (founded is not None and founded > start):
                        continue
                    if kind == RecordKind.GROUP_MEETING and org_id not in with_groups:
                        continue
                    if kind == RecordKind.COMMITTEE_MEETING and committee.get(org_id, 0) < cfg.get(
                        "committee_min", 3
                    ):
                        continue
                    out.append(
                        Reminder(
                            kind=f"record_{kind}",
                            text=f"{name}：{when}{verb}{label}",
                            due_on=end,
                            org_id=org_id,
                        )
                    )
    # Instructor work logs: one a month; remind about last month when it has none.
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    start, end = datetime(y, m, 1), datetime(today.year, today.month, 1)
    logged = set(
        session.scalars(
            select(WorkRecord.instructor_id)
            .where(WorkRecord.kind == RecordKind.INSTRUCTOR_LOG.value)
            .where(WorkRecord.held_at >= start, WorkRecord.held_at < end)
            .distinct()
        )
    )
    for iid, name, appointed in session.execute(
        select(Instructor.id, Instructor.name, Instructor.appointed_on).where(
            Instructor.active.is_(True)
        )
    ):
        if iid in logged or (appointed is not None and appointed > _month_end(y, m)):
            continue
        out.append(
            Reminder(
                kind="instructor_log",
                text=f"指导员{name}：{y}年{m}月工作日志未填写",
                due_on=_month_end(y, m),
                instructor_id=iid,
            )
        )
    return out
