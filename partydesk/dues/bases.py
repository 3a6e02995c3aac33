"""Bases (工资基数) with the month they apply from, and reliefs (减免).

    b = set_base(s, person, 202601, 4200)                   # 在职, due 42.00 a month
    b = set_base(s, person, 202601, None, kind="minimum")   # 0.20 a month (setting)
    r = set_relief(s, person, 202603, 202608, 0, "大病住院", date(2026, 2, 27))

A new base never edits an older one: the history is the list of bases, each in force
from its month until the next. Setting a base for a month that already has one replaces
that one (a mistake corrected before anything was collected on it is not history)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.dues import config
from partydesk.dues import months as mo
from partydesk.errors import ValidationError
from partydesk.ledger.enums import MEMBER_CATEGORIES, Category
from partydesk.ledger.models import Person
from partydesk.ledger.models.dues import DuesBase, DuesRelief
from partydesk.points.entries import operator_name
from partydesk.rules import dues as rules


def check_member(p: Person) -> None:
    if p.category not in MEMBER_CATEGORIES:
        raise ValidationError(
            f"{p.name}是{Category.label_of(p.category)}，不是党员，不交纳党费。", "person"
        )


def compute_due(session: Session, kind: str, base_fen: int | None) -> int:
    cfg = config.get(session)
    try:
        return rules.due_fen(kind, None if base_fen is None else base_fen / 100, cfg)
    except ValueError as e:
        raise ValidationError(str(e), "base") from None


def set_base(
    session: Session,
    person: Person,
    start_month: int,
    base_fen: int | None,
    *,
    kind: str = "working",
    note: str | None = None,
    by: str | None = None,
) -> DuesBase:
    """Record `person`'s base from `start_month` on; the due follows the tiers (or the
    minimum) in force now. Returns the base row."""
    check_member(person)
    if kind not in rules.KINDS:
        raise ValidationError(f"未知的党费类别：{kind}", "kind")
    if kind == "minimum":
        base_fen = None if not base_fen else base_fen
    elif base_fen is None:
        raise ValidationError(f"请填写{person.name}的工资基数（税后工资收入，元/月）。", "base")
    if base_fen is not None and base_fen < 0:
        raise ValidationError("工资基数不能为负数。", "base")
    due = compute_due(session, kind, base_fen)
    row = session.scalar(
        select(DuesBase).where(DuesBase.person_id == person.id, DuesBase.start_month == start_month)
    )
    if row is None:
        row = DuesBase(person_id=person.id, start_month=start_month)
        session.add(row)
    row.kind = kind
    row.base_fen = base_fen
    row.due_fen = due
    row.note = note
    row.entered_by = by if by is not None else operator_name()
    session.flush()
    return row


def history(session: Session, person_id: int) -> list[DuesBase]:
    return list(
        session.scalars(
            select(DuesBase)
            .where(DuesBase.person_id == person_id)
            .order_by(DuesBase.start_month, DuesBase.id)
        )
    )


def base_in(session: Session, person_id: int, month: int) -> DuesBase | None:
    return session.scalar(
        select(DuesBase)
        .where(DuesBase.person_id == person_id, DuesBase.start_month <= month)
        .order_by(DuesBase.start_month.desc(), DuesBase.id.desc())
        .limit(1)
    )


def set_relief(
    session: Session,
    person: Person,
    from_month: int,
    to_month: int,
    due_fen: int,
    reason: str,
    approved_on: date | None,
    *,
    approved_by: str | None = None,
    by: str | None = None,
) -> DuesRelief:
    """减免: from `from_month` to `to_month` the member owes `due_fen` a month (0: 免交).
    A reason and the date of approval are required."""
    check_member(person)
    if not (reason or "").strip():
        raise ValidationError("减免党费必须写明原因。", "reason")
    if approved_on is None:
        raise ValidationError("减免党费必须填写批准日期。", "approved_on")
    if to_month < from_month:
        raise ValidationError("减免的结束月份早于开始月份。", "to_month")
    if due_fen < 0:
        raise ValidationError("减免后每月应交金额不能为负数。", "amount")
    b = base_in(session, person.id, to_month)
    if b is not None and due_fen > b.due_fen:
        raise ValidationError(
            f"减免后每月应交（{config.yuan(due_fen)}元）高于原应交（{config.yuan(b.due_fen)}元）。",
            "amount",
        )
    r = DuesRelief(
        person_id=person.id,
        from_month=from_month,
        to_month=to_month,
        due_fen=due_fen,
        reason=reason.strip(),
        approved_on=approved_on,
        approved_by=approved_by,
        entered_by=by if by is not None else operator_name(),
    )
    session.add(r)
    session.flush()
    return r


def reliefs(session: Session, person_id: int) -> list[DuesRelief]:
    return list(
        session.scalars(
            select(DuesRelief)
            .where(DuesRelief.person_id == person_id)
            .order_by(DuesRelief.from_month, DuesRelief.id)
        )
    )


def describe(b: DuesBase) -> str:
    kind = config.KIND_LABELS.get(b.kind, b.kind)
    base = "" if b.base_fen is None else f"基数 {config.yuan(b.base_fen)} 元，"
    return f"{mo.label(b.start_month)}起：{kind}，{base}每月应交 {config.yuan(b.due_fen)} 元"
