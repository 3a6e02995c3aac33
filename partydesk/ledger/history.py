"""A person's history (person_event): 组织关系转出 / 转入 and moves between the ledger's
organizations, each with its date, as the branch book's 组织关系转接 page prints them.

    ev = transfer_out(s, pid, date(2026, 5, 1), "杭州市某某公司党支部")  # 已转出, off the books
    ev = transfer_in(s, pid, date(2026, 5, 8), "宁波市某某街道党工委")    # for a person just added
    ev = move(s, pid, to_org_id, date(2026, 6, 1))                      # within this ledger
    undo(s, ev)                                                           # the change and its entry

Each function changes the person and writes one entry, and returns a `Step` that `undo`
reverses exactly (the window's undo, the CLI's mistakes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import Category, EventKind, PersonStatus
from partydesk.ledger.models import Organization, Person, PersonEvent


@dataclass
class Step:
    """One recorded change: the entry written and the person's values before/after."""

    person_id: int
    event_id: int
    before: dict
    after: dict
    label: str
    event: dict  # the entry's columns, to write it again on redo


@dataclass
class Entry:
    id: int
    kind: str
    on: date
    text: str  # the change in words: 从… 转至…

    @property
    def kind_label(self) -> str:
        return EventKind.label_of(self.kind)


def _person(session: Session, person_id: int) -> Person:
    p = session.get(Person, person_id)
    if p is None:
        raise NotFoundError(f"人员（编号 {person_id}）不存在，可能已被删除。")
    return p


def _check_day(on: date, today: date | None) -> None:
    if on > (today or date.today()):
        raise ValidationError("日期不能晚于今天。", "on")


def _org_name(session: Session, org_id: int | None) -> str:
    o = session.get(Organization, org_id) if org_id else None
    return o.name if o is not None else ""


_EVENT_COLS = ("kind", "on", "from_value", "to_value", "from_org_id", "to_org_id", "note")


def _step(session: Session, p: Person, ev: PersonEvent, before: dict, label: str) -> Step:
    session.add(ev)
    session.flush()
    after = {k: getattr(p, k) for k in before}
    return Step(p.id, ev.id, before, after, label, {c: getattr(ev, c) for c in _EVENT_COLS})


def transfer_out(
    session: Session,
    person_id: int,
    on: date,
    to_where: str,
    note: str | None = None,
    *,
    today: date | None = None,
) -> Step:
    """组织关系转出: the person leaves the books (已转出) for `to_where`."""
    p = _person(session, person_id)
    _check_day(on, today)
    to_where = (to_where or "").strip()
    if not to_where:
        raise ValidationError("请填写转往的党组织（组织关系介绍信上的抬头）。", "to_where")
    if p.status != PersonStatus.ACTIVE.value:
        raise ValidationError(
            f"{p.name}已是“{PersonStatus.label_of(p.status)}”，不在册，不能再转出。", "status"
        )
    before = {"status": p.status}
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.TRANSFER_OUT.value,
        on=on,
        from_value=_org_name(session, p.org_id) or None,
        to_value=to_where,
        from_org_id=p.org_id,
        note=note or None,
    )
    p.status = PersonStatus.TRANSFERRED_OUT.value
    return _step(session, p, ev, before, f"{p.name}组织关系转出")


def transfer_in(
    session: Session,
    person_id: int,
    on: date,
    from_where: str,
    note: str | None = None,
    *,
    today: date | None = None,
) -> Step:
    """组织关系转入: record where a person (on the books here) came from, and when."""
    p = _person(session, person_id)
    _check_day(on, today)
    from_where = (from_where or "").strip()
    if not from_where:
        raise ValidationError("请填写转出的党组织（介绍信的开具单位）。", "from_where")
    if p.status != PersonStatus.ACTIVE.value:
        raise ValidationError(
            f"{p.name}不在册（{PersonStatus.label_of(p.status)}），请先把在册状态改为在册。",
            "status",
        )
    before = {"status": p.status}
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.TRANSFER_IN.value,
        on=on,
        from_value=from_where,
        to_value=_org_name(session, p.org_id) or None,
        to_org_id=p.org_id,
        note=note or None,
    )
    return _step(session, p, ev, before, f"{p.name}组织关系转入")


def move(
    session: Session,
    person_id: int,
    to_org_id: int,
    on: date,
    note: str | None = None,
    *,
    today: date | None = None,
) -> Step:
    """Move a person to another organization of this ledger (调整所在党组织)."""
    p = _person(session, person_id)
    _check_day(on, today)
    if session.get(Organization, to_org_id) is None:
        raise NotFoundError("目标党组织不存在。")
    if to_org_id == p.org_id:
        raise ValidationError(f"{p.name}已在{_org_name(session, to_org_id)}。", "org_id")
    before = {"org_id": p.org_id, "party_group_id": p.party_group_id}
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.MOVE.value,
        on=on,
        from_value=_org_name(session, p.org_id) or None,
        to_value=_org_name(session, to_org_id),
        from_org_id=p.org_id,
        to_org_id=to_org_id,
        note=note or None,
    )
    p.org_id = to_org_id
    p.party_group_id = None  # the old organization's 党小组
    return _step(session, p, ev, before, f"{p.name}调整所在党组织")


def undo(session: Session, step: Step) -> None:
    p = _person(session, step.person_id)
    for k, v in step.before.items():
        setattr(p, k, v)
    ev = session.get(PersonEvent, step.event_id)
    if ev is not None:
        session.delete(ev)
    session.flush()


def redo(session: Session, step: Step) -> None:
    """Redo after `undo`: the same values, and the entry written again (a new row)."""
    p = _person(session, step.person_id)
    for k, v in step.after.items():
        setattr(p, k, v)
    ev = PersonEvent(person_id=p.id, **step.event)
    session.add(ev)
    session.flush()
    step.event_id = ev.id


# Entries whose from/to values are codes, and the enum that names them.
_CODED = {
    EventKind.CATEGORY.value: Category,
    EventKind.STATUS.value: PersonStatus,
    EventKind.ACTIVIST_CANCELLED.value: Category,
    EventKind.PROBATION_CANCELLED.value: PersonStatus,
}


def entries(session: Session, person_id: int) -> list[Entry]:
    """The person's history, newest first, in words."""
    out = []
    for ev in session.scalars(
        select(PersonEvent)
        .where(PersonEvent.person_id == person_id)
        .order_by(PersonEvent.on.desc(), PersonEvent.id.desc())
    ):
        if ev.kind in _CODED:
            enum = _CODED[ev.kind]
            text = f"{enum.label_of(ev.from_value) if ev.from_value else '（无）'} → {enum.label_of(ev.to_value)}"
        elif ev.from_value and ev.to_value:
            text = f"{ev.from_value} → {ev.to_value}"
        elif ev.to_value:
            text = f"→ {ev.to_value}"
        elif ev.from_value:
            text = f"{ev.from_value} →"
        else:
            text = ""
        if ev.note:
            text = f"{text}（{ev.note}）" if text else ev.note
        out.append(Entry(ev.id, ev.kind, ev.on, text))
    return out
