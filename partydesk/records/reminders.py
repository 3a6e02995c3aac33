"""Reminders from work records: regular meetings not yet held this month / this quarter,
and instructors without a work log for last month."""

from __future__ import annotations

import calendar
from datetime import date, datetime

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


def reminders(session: Session, today: date) -> list[Reminder]:
    cfg = rules(session)
    out: list[Reminder] = []
    orgs = session.execute(
        select(Organization.id, Organization.name).where(
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
            first_month = (today.month - 1) // span * span + 1
            start = datetime(today.year, first_month, 1)
            end = _month_end(today.year, first_month + span - 1)
            done = set(
                session.scalars(
                    select(WorkRecord.org_id)
                    .where(WorkRecord.kind == kind, WorkRecord.held_at >= start)
                    .where(WorkRecord.held_at < datetime(end.year, end.month, end.day, 23, 59, 59))
                    .distinct()
                )
            )
            when = "本月" if every == "month" else "本季度"
            label = RecordKind.label_of(kind)
            for org_id, name in orgs:
                if org_id in done:
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
                        text=f"{name}：{when}尚未召开{label}",
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
