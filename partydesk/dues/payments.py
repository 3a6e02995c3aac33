"""Payments (交纳党费) and corrections (冲正).

Nothing is ever overwritten: a payment stays as entered, and a correction is a reversing
payment (the opposite amount, pointing at the original) with its reason, followed by the
right payment if there is one. `undo` exists only for the window's Ctrl+Z of what was
just entered, and removes exactly those rows (the 操作日志 keeps them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.dues import config, schedule
from partydesk.dues import months as mo
from partydesk.dues.bases import check_member
from partydesk.errors import ValidationError
from partydesk.ledger.models import Person
from partydesk.ledger.models.dues import DuesBase, DuesPayment
from partydesk.points.entries import operator_name

COLUMNS = (
    "person_id",
    "org_id",
    "month",
    "amount_fen",
    "paid_on",
    "method",
    "note",
    "entered_by",
    "source",
    "reverses_id",
    "reason",
)


def cell(session: Session, person: Person, month: int) -> schedule.Cell:
    """The member's due and paid for `month`; refuses a month they owe nothing for."""
    check_member(person)
    cells = schedule.member_cells(session, [month], person_id=person.id).get(person.id, {})
    if month not in cells:
        raise ValidationError(_outside(session, person, month), "month")
    return cells[month]


def _outside(session: Session, person: Person, month: int) -> str:
    ks = mo.span(mo.add(month, -36), mo.add(month, 36))
    owed = sorted(schedule.member_cells(session, ks, person_id=person.id).get(person.id, {}))
    if person.org_id is None:
        return f"{person.name}没有所在党组织，不能登记党费。"
    first_base = session.scalar(
        select(DuesBase.start_month)
        .where(DuesBase.person_id == person.id)
        .order_by(DuesBase.start_month)
        .limit(1)
    )
    if first_base is None:
        return (
            f"{person.name}{mo.label(month)}尚未核定党费基数，请先登记工资基数"
            "（partydesk dues base 或 导入工资基数）。"
        )
    if owed and month < owed[0]:
        return f"{person.name}自{mo.label(owed[0])}起交纳党费，{mo.label(month)}无需交纳。"
    if owed and month > owed[-1] and owed[-1] < mo.add(month, 36):
        return f"{person.name}的党费交至{mo.label(owed[-1])}（已转出或不在册），{mo.label(month)}无需交纳。"
    return f"{person.name}{mo.label(month)}无需交纳党费。"


def pay(
    session: Session,
    person: Person,
    month: int,
    amount_fen: int | None = None,
    *,
    paid_on: date | None = None,
    method: str = "cash",
    note: str | None = None,
    by: str | None = None,
    source: str = "manual",
    today: date | None = None,
) -> DuesPayment:
    """Record a payment for `month`. Without an amount, what is still due that month.
    More than due is accepted (自愿多交)."""
    c = cell(session, person, month)
    if amount_fen is None:
        if c.due is None:
            raise ValidationError(
                f"{person.name}尚未核定党费基数，请填写交纳金额或先登记工资基数。", "amount"
            )
        amount_fen = c.due - c.paid
        if amount_fen <= 0:
            raise ValidationError(
                f"{person.name}{mo.label(month)}的党费已交足（应交 {config.yuan(c.due)} 元，"
                f"已交 {config.yuan(c.paid)} 元）。",
                "amount",
            )
    if amount_fen <= 0:
        raise ValidationError("交纳金额应大于0。更正已登记的金额请用冲正。", "amount")
    if method not in config.METHOD_LABELS:
        raise ValidationError(f"未知的交纳方式：{method}", "method")
    paid_on = paid_on or today or date.today()
    if paid_on > (today or date.today()):
        raise ValidationError("交纳日期不能晚于今天。", "paid_on")
    row = DuesPayment(
        person_id=person.id,
        org_id=person.org_id,
        month=month,
        amount_fen=int(amount_fen),
        paid_on=paid_on,
        method=method,
        note=note or None,
        entered_by=by if by is not None else operator_name(),
        source=source,
    )
    session.add(row)
    session.flush()
    return row


def reverse(
    session: Session, payment_id: int, reason: str, *, by: str | None = None
) -> DuesPayment:
    """冲正: a new payment of the opposite amount for the same month, with the reason."""
    p = session.get(DuesPayment, payment_id)
    if p is None:
        raise ValidationError(f"找不到党费记录 {payment_id}。")
    if not (reason or "").strip():
        raise ValidationError("冲正必须写明原因。", "reason")
    if p.reverses_id is not None:
        raise ValidationError(f"记录 {payment_id} 本身是冲正记录，不能再冲正。")
    done = session.scalar(select(DuesPayment.id).where(DuesPayment.reverses_id == p.id))
    if done is not None:
        raise ValidationError(f"记录 {payment_id} 已被冲正（冲正记录 {done}）。")
    rev = DuesPayment(
        person_id=p.person_id,
        org_id=p.org_id,
        month=p.month,
        amount_fen=-p.amount_fen,
        paid_on=p.paid_on,
        method=p.method,
        entered_by=by if by is not None else operator_name(),
        source="reversal",
        reverses_id=p.id,
        reason=reason.strip(),
    )
    session.add(rev)
    session.flush()
    return rev


def standing(session: Session, person_id: int, month: int) -> list[DuesPayment]:
    """The month's payments that are neither reversals nor reversed."""
    rows = list(
        session.scalars(
            select(DuesPayment)
            .where(DuesPayment.person_id == person_id, DuesPayment.month == month)
            .order_by(DuesPayment.id)
        )
    )
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id is not None}
    return [r for r in rows if r.reverses_id is None and r.id not in reversed_ids]


def set_cell(
    session: Session,
    person: Person,
    month: int,
    amount_fen: int,
    *,
    reason: str | None = None,
    paid_on: date | None = None,
    method: str = "cash",
    by: str | None = None,
    today: date | None = None,
) -> list[DuesPayment]:
    """Make the month's paid amount `amount_fen` (what typing in the grid means). An empty
    cell takes a payment; changing a filled one is a correction and needs `reason`: its
    payments are reversed and the right amount paid. Returns the rows written."""
    if amount_fen < 0:
        raise ValidationError("交纳金额不能为负数。", "amount")
    c = cell(session, person, month)
    if amount_fen == c.paid:
        return []
    if c.paid == 0:
        return [
            pay(
                session,
                person,
                month,
                amount_fen,
                paid_on=paid_on,
                method=method,
                by=by,
                source="grid",
                today=today,
            )
        ]
    if not (reason or "").strip():
        raise ValidationError(
            f"{person.name}{mo.label(month)}已登记 {config.yuan(c.paid)} 元。"
            "修改已登记的金额是更正，请写明更正原因。",
            "reason",
        )
    out = [reverse(session, p.id, reason, by=by) for p in standing(session, person.id, month)]
    if amount_fen > 0:
        out.append(
            pay(
                session,
                person,
                month,
                amount_fen,
                paid_on=paid_on,
                method=method,
                note=f"更正：{reason.strip()}",
                by=by,
                source="correction",
                today=today,
            )
        )
    return out


@dataclass
class Settled:
    payments: list[DuesPayment]
    skipped: list[str]  # members without a base, by name


def settle_month(
    session: Session,
    org_id: int,
    month: int,
    *,
    paid_on: date | None = None,
    method: str = "cash",
    by: str | None = None,
    today: date | None = None,
) -> Settled:
    """本月按应交全部收讫: everyone of the organization who still owes for `month` pays
    what is due. Members with no base (未核定) are skipped and named."""
    cells = schedule.member_cells(session, [month], org_id=org_id)
    out, skipped = [], []
    for pid in sorted(cells):
        c = cells[pid][month]
        person = session.get(Person, pid)
        if c.due is None:
            if c.paid <= 0:
                skipped.append(person.name)
            continue
        if c.paid >= c.due:
            continue
        out.append(
            pay(
                session,
                person,
                month,
                c.due - c.paid,
                paid_on=paid_on,
                method=method,
                by=by,
                source="month",
                today=today,
            )
        )
    return Settled(out, skipped)


def snapshot(rows: list[DuesPayment]) -> list[dict]:
    """The columns of `rows`, to write them again (redo)."""
    return [{c: getattr(r, c) for c in COLUMNS} | {"uuid": r.uuid} for r in rows]


def undo(session: Session, ids: list[int]) -> None:
    """Remove payments just entered (the window's undo), reversals first."""
    for pid in sorted(ids, reverse=True):
        row = session.get(DuesPayment, pid)
        if row is not None:
            session.delete(row)
    session.flush()


def redo(session: Session, rows: list[dict]) -> list[int]:
    """Write again what `undo` removed (same uuids); returns the new ids."""
    out = []
    for r in rows:
        row = DuesPayment(**r)
        session.add(row)
        session.flush()
        out.append(row.id)
    return out


def list_payments(
    session: Session, org_id: int, year: int, person_id: int | None = None
) -> list[DuesPayment]:
    q = select(DuesPayment).where(
        DuesPayment.org_id == org_id,
        DuesPayment.month >= mo.key(year, 1),
        DuesPayment.month <= mo.key(year, 12),
    )
    if person_id is not None:
        q = q.where(DuesPayment.person_id == person_id)
    return list(session.scalars(q.order_by(DuesPayment.month, DuesPayment.id)))
