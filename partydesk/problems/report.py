"""The township 问题清单 (Excel): every problem, open ones first and overdue before the
rest, with unit, organization, who is responsible, deadline, state and how it was closed;
the heading counts open, overdue and closed ones, as offices report them upward."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.excel.writing import write_table
from partydesk.ledger.models import Instructor
from partydesk.ledger.models.work import RecordKind, WorkRecord
from partydesk.problems.service import counts, list_problems

HEADERS = [
    "序号",
    "单位",
    "党组织",
    "问题",
    "来源",
    "提出日期",
    "责任人",
    "办结时限",
    "状态",
    "是否逾期",
    "办结日期",
    "解决情况或不能解决的原因",
]


def _sources(session: Session, record_ids: set[int]) -> dict[int, str]:
    if not record_ids:
        return {}
    out = {}
    for rid, kind, held, name in session.execute(
        select(WorkRecord.id, WorkRecord.kind, WorkRecord.held_at, Instructor.name)
        .outerjoin(Instructor, Instructor.id == WorkRecord.instructor_id)
        .where(WorkRecord.id.in_(record_ids))
    ):
        who = f"（{name}）" if name else ""
        out[rid] = f"{held:%Y-%m-%d}{RecordKind.label_of(kind)}{who}"
    return out


def rows(session: Session, today: date) -> list[tuple]:
    items = list_problems(session, today)
    src = _sources(session, {r.record_id for r in items if r.record_id})
    return [
        (
            i,
            r.unit,
            r.org,
            r.text,
            src.get(r.record_id, ""),
            r.raised_on,
            r.responsible,
            r.due_on,
            r.state_label,
            "逾期" if r.overdue else "",
            r.closed_on,
            r.resolution,
        )
        for i, r in enumerate(items, 1)
    ]


def write_problem_report(session: Session, path: str | Path, today: date | None = None) -> int:
    today = today or date.today()
    c = counts(session, today)
    data = rows(session, today)
    return write_table(
        path,
        HEADERS,
        data,
        sheet_title="问题清单",
        title="问题清单（销号管理）",
        subtitle=(
            f"统计日期：{today:%Y年%m月%d日}　共{c.total}个问题：未销号{c.open}个（其中逾期"
            f"{c.overdue}个），已解决{c.solved}个，不能解决{c.unsolvable}个"
        ),
        total=len(data),
    )
