"""Visits (走访): the units a visit went to (several may be named; the first is also kept
in work_record.unit_id, where older ledgers had their one unit) and the problems it
raised, each an item of the problem list."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Unit
from partydesk.ledger.models.develop import VisitUnit
from partydesk.records import RecordKind, WorkRecord


def set_units(session: Session, record_id: int, unit_ids: list[int]) -> None:
    rec = session.get(WorkRecord, record_id)
    if rec is None:
        raise NotFoundError(f"工作纪实（编号 {record_id}）不存在。")
    if unit_ids and rec.kind not in (RecordKind.VISIT.value, RecordKind.INSTRUCTOR_LOG.value):
        raise ValidationError(f"{RecordKind.label_of(rec.kind)}不登记走访单位。", "unit_id")
    seen: list[int] = []
    for uid in unit_ids:
        if session.get(Unit, uid) is None:
            raise NotFoundError(f"单位（编号 {uid}）不存在。")
        if uid not in seen:
            seen.append(uid)
    session.execute(delete(VisitUnit).where(VisitUnit.record_id == record_id))
    session.add_all(VisitUnit(record_id=record_id, unit_id=u) for u in seen)
    rec.unit_id = seen[0] if seen else None
    session.flush()


def unit_ids(session: Session, record_id: int) -> list[int]:
    return list(
        session.scalars(
            select(VisitUnit.unit_id).where(VisitUnit.record_id == record_id).order_by(VisitUnit.id)
        )
    )


def unit_names(session: Session, record_ids) -> dict[int, list[str]]:
    """The names of each record's visited units, in the order they were named."""
    ids = list(record_ids)
    out: dict[int, list[str]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        for rid, name in session.execute(
            select(VisitUnit.record_id, Unit.name)
            .join(Unit, Unit.id == VisitUnit.unit_id)
            .where(VisitUnit.record_id.in_(ids[i : i + 500]))
            .order_by(VisitUnit.id)
        ):
            out[rid].append(name)
    return out


def raise_problems(
    session: Session, record_id: int, items: list[dict], today: date | None = None
) -> list:
    """Each item (text, and optionally responsible, due_on, unit_id) becomes a problem of
    the list, raised on the visit's date, for the visit's first unit unless it names one."""
    from partydesk.problems.service import add_problem

    rec = session.get(WorkRecord, record_id)
    if rec is None:
        raise NotFoundError(f"工作纪实（编号 {record_id}）不存在。")
    units = unit_ids(session, record_id) or ([rec.unit_id] if rec.unit_id else [])
    out = []
    for it in items:
        out.append(
            add_problem(
                session,
                it["text"],
                rec.held_at.date(),
                unit_id=it.get("unit_id") or (units[0] if units else None),
                org_id=rec.org_id,
                record_id=rec.id,
                responsible=it.get("responsible"),
                due_on=it.get("due_on"),
            )
        )
    return out
