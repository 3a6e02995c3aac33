"""The acts that step a person back in the membership pipeline, or lengthen a stage: named
decisions with a date and a reason, recorded in the person's 履历 — never cell edits.

    step = cancel_activist(s, pid, date(2026, 3, 1), "考察期间表现不合格")  # 取消积极分子资格
    step = cancel_probation(s, pid, date(2026, 3, 1), "预备期内违反纪律")    # 取消预备党员资格
    step = extend_probation(s, pid, date(2026, 3, 1), 6, "需要继续考察")     # 延长预备期
    history.undo(s, step)

Each returns a `history.Step` (undo/redo as for transfers).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category, EventKind, PersonStatus
from partydesk.ledger.history import Step, _check_day, _person, _step
from partydesk.ledger.models import PersonEvent
from partydesk.rules.dates import add_months
from partydesk.rules.pipeline import extension_error

_CANDIDATE_DATES = ("activist_on", "last_review_on", "target_on")


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请写明原因（支部大会或支委会的决定）。", "reason")
    return reason


def cancel_activist(
    session: Session, person_id: int, on: date, reason: str, *, today: date | None = None
) -> Step:
    """取消入党积极分子资格: an 积极分子 or 发展对象 goes back to 入党申请人; the dates of the
    stages given up are cleared (the entry keeps them in words)."""
    p = _person(session, person_id)
    _check_day(on, today)
    reason = _reason(reason)
    if p.category not in (Category.ACTIVIST.value, Category.TARGET.value):
        raise ValidationError(
            f"{p.name}是{Category.label_of(p.category)}，只有入党积极分子和发展对象才能取消积极分子资格。",
            "category",
        )
    if p.activist_on and on < p.activist_on:
        raise ValidationError("取消日期不能早于确定为积极分子日期。", "on")
    before = {"category": p.category, **{k: getattr(p, k) for k in _CANDIDATE_DATES}}
    dates = "，".join(
        f"{label}{getattr(p, k):%Y-%m-%d}"
        for k, label in (
            ("activist_on", "原确定为积极分子日期"),
            ("target_on", "原确定为发展对象日期"),
        )
        if getattr(p, k)
    )
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.ACTIVIST_CANCELLED.value,
        on=on,
        from_value=p.category,
        to_value=Category.APPLICANT.value,
        from_org_id=p.org_id,
        note=f"{reason}（{dates}）" if dates else reason,
    )
    p.category = Category.APPLICANT.value
    for k in _CANDIDATE_DATES:
        setattr(p, k, None)
    return _step(session, p, ev, before, f"取消{p.name}的积极分子资格")


def cancel_probation(
    session: Session, person_id: int, on: date, reason: str, *, today: date | None = None
) -> Step:
    """取消预备党员资格: the person is no longer on the books as a 预备党员 (在册状态
    已取消预备党员资格); the category and dates stay, as the record of what was withdrawn."""
    p = _person(session, person_id)
    _check_day(on, today)
    reason = _reason(reason)
    if p.category != Category.PROBATIONARY.value or p.status != PersonStatus.ACTIVE.value:
        raise ValidationError(f"{p.name}不是在册的预备党员，不能取消预备党员资格。", "category")
    if p.admitted_on and on < p.admitted_on:
        raise ValidationError("取消日期不能早于加入党组织日期。", "on")
    before = {"status": p.status}
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.PROBATION_CANCELLED.value,
        on=on,
        from_value=p.status,
        to_value=PersonStatus.DISQUALIFIED.value,
        from_org_id=p.org_id,
        note=reason,
    )
    p.status = PersonStatus.DISQUALIFIED.value
    return _step(session, p, ev, before, f"取消{p.name}的预备党员资格")


def extend_probation(
    session: Session,
    person_id: int,
    on: date,
    months: int,
    reason: str,
    *,
    today: date | None = None,
) -> Step:
    """延长预备期 (once, by settings' 6–12 months), decided before the probation ends."""
    p = _person(session, person_id)
    _check_day(on, today)
    reason = _reason(reason)
    cfg = settings.get(session, "pipeline")
    if p.category != Category.PROBATIONARY.value:
        raise ValidationError(f"{p.name}不是预备党员，不能延长预备期。", "category")
    if p.probation_extension_months:
        raise ValidationError(
            f"{p.name}的预备期已延长{p.probation_extension_months}个月，只能延长一次。",
            "probation_extension_months",
        )
    err = extension_error(months, cfg) if months else "延长预备期须填写月数"
    if err:
        raise ValidationError(f"{err}。", "probation_extension_months")
    if p.admitted_on:
        end = add_months(p.admitted_on, cfg["probation_months"])
        if on < p.admitted_on or on > end:
            raise ValidationError(
                f"延长预备期应在预备期内（{p.admitted_on:%Y-%m-%d}至{end:%Y-%m-%d}）决定。", "on"
            )
    before = {"probation_extension_months": p.probation_extension_months}
    ev = PersonEvent(
        person_id=p.id,
        kind=EventKind.PROBATION_EXTENDED.value,
        on=on,
        to_value=f"{months}个月",
        from_org_id=p.org_id,
        note=reason,
    )
    p.probation_extension_months = months
    return _step(session, p, ev, before, f"延长{p.name}的预备期{months}个月")
