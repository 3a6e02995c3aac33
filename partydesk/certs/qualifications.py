"""红领党务 qualifications: award a level, review within two years (keep, promote, demote),
withdraw when the holder leaves party work. Every step is kept in the history with its
reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Instructor, Person
from partydesk.ledger.models.certs import (
    Qualification,
    QualificationEvent,
    QualificationLevel,
)
from partydesk.rules.dates import add_months

ORDER = [m.value for m in QualificationLevel]


def review_due(session: Session, awarded_on: date) -> date:
    """The date the level must be reviewed by: `review_months` (24) after the award."""
    months = int(settings.get(session, "certs")["review_months"])
    return add_months(awarded_on, months)


def _level(text: str) -> str:
    m = QualificationLevel.from_text(text)
    if m is None:
        raise ValidationError(
            f"红领党务等级应为{'、'.join(QualificationLevel.labels())}之一，而不是“{text}”", "level"
        )
    return m.value


def get(session: Session, qid: int) -> Qualification:
    q = session.get(Qualification, qid)
    if q is None:
        raise NotFoundError(f"找不到编号为{qid}的红领党务资格。")
    return q


def award(
    session: Session,
    level: str,
    on: date,
    *,
    person_id: int | None = None,
    instructor_id: int | None = None,
    name: str | None = None,
    reason: str | None = None,
) -> Qualification:
    lv = _level(level)
    if person_id is not None:
        p = session.get(Person, person_id)
        if p is None:
            raise NotFoundError(f"找不到编号为{person_id}的人员。")
        name = p.name
        col, key = Qualification.person_id, person_id
    elif instructor_id is not None:
        i = session.get(Instructor, instructor_id)
        if i is None:
            raise NotFoundError(f"找不到编号为{instructor_id}的党建指导员。")
        name = i.name
        col, key = Qualification.instructor_id, instructor_id
    else:
        col = key = None
    if not (name or "").strip():
        raise ValidationError("请指定红领党务资格的持有人。")
    if col is not None:
        existing = session.scalar(
            select(Qualification).where(col == key, Qualification.status == "active")
        )
        if existing is not None:
            raise ValidationError(
                f"{name}已有{QualificationLevel.label_of(existing.level)}红领党务资格，请用复核（晋级/降级）而不是重新认定。"
            )
    q = Qualification(
        person_id=person_id,
        instructor_id=instructor_id,
        holder_name=name.strip(),
        level=lv,
        awarded_on=on,
        review_due_on=review_due(session, on),
        status="active",
    )
    q.events.append(QualificationEvent(kind="award", on=on, to_level=lv, reason=reason))
    session.add(q)
    session.flush()
    return q


def review(
    session: Session, qid: int, on: date, level: str | None = None, reason: str | None = None
) -> Qualification:
    """Record a review: the same level (kept), a higher one (promotion) or a lower one
    (demotion). The next review falls due two years after this one."""
    q = get(session, qid)
    if q.status != "active":
        raise ValidationError(f"{q.holder_name}的红领党务资格已撤销，不能复核。")
    new = _level(level) if level else q.level
    old = q.level
    if new == old:
        kind = "keep"
    else:
        kind = "promote" if ORDER.index(new) > ORDER.index(old) else "demote"
        if not (reason or "").strip():
            raise ValidationError("晋级或降级须写明原因。", "reason")
    q.events.append(
        QualificationEvent(kind=kind, on=on, from_level=old, to_level=new, reason=reason)
    )
    q.level = new
    if new != old:
        q.awarded_on = on
    q.review_due_on = review_due(session, on)
    return q


def withdraw(session: Session, qid: int, on: date, reason: str) -> Qualification:
    q = get(session, qid)
    if q.status != "active":
        raise ValidationError(f"{q.holder_name}的红领党务资格已于{q.withdrawn_on}撤销。")
    if not (reason or "").strip():
        raise ValidationError("撤销资格须写明原因（如：调离党务工作岗位）。", "reason")
    q.events.append(
        QualificationEvent(kind="withdraw", on=on, from_level=q.level, reason=reason.strip())
    )
    q.status = "withdrawn"
    q.withdrawn_on = on
    # its certificates must not verify as valid any more
    from partydesk.ledger.models.certs import Certificate

    for c in session.scalars(
        select(Certificate).where(
            Certificate.qualification_id == q.id, Certificate.status == "valid"
        )
    ):
        c.status = "revoked"
        c.revoked_on = on
        c.revoke_reason = f"红领党务资格撤销：{reason.strip()}"
    return q


def due_for_review(session: Session, until: date) -> list[Qualification]:
    return list(
        session.scalars(
            select(Qualification)
            .where(Qualification.status == "active", Qualification.review_due_on <= until)
            .order_by(Qualification.review_due_on, Qualification.id)
        )
    )
