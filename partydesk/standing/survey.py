"""The half-yearly 六个清 survey of units: operating entity, employees, party
organization, structure, members, instructor — and who is not yet surveyed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import OrgType, UnitStatus
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Unit,
)
from partydesk.ledger.models.standing import UnitSurvey
from partydesk.rules.dates import add_months
from partydesk.standing import config

FIELDS = {  # field -> (label, kind)
    "operating": ("经营主体", str),
    "employees": ("从业人员", int),
    "party_org": ("党组织", str),
    "structure": ("组织架构", str),
    "members": ("党员", int),
    "instructor": ("党建指导员", str),
}


def period_of(day: date, months: int = 6) -> tuple[date, date]:
    """The survey period holding `day` (half-years Jan–Jun, Jul–Dec for 6 months):
    first day and the first day of the next period."""
    months = max(1, min(12, int(months)))
    start_month = (day.month - 1) // months * months + 1
    start = date(day.year, start_month, 1)
    return start, add_months(start, months)


def period_label(day: date, months: int = 6) -> str:
    start, _ = period_of(day, months)
    if months == 6:
        return f"{start.year}年{'上' if start.month == 1 else '下'}半年"
    if months == 3:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年{start.month}月起{months}个月"


def find_unit(session: Session, text: str | int) -> Unit:
    """A unit by id, full name or a unique part of its name."""
    t = str(text).strip()
    if not t:
        raise NotFoundError("未指定单位。")
    if t.isdigit():
        u = session.get(Unit, int(t))
        if u is not None:
            return u
    exact = session.scalars(select(Unit).where(Unit.name == t)).all()
    if len(exact) == 1:
        return exact[0]
    like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = session.scalars(
        select(Unit).where(Unit.name.like(f"%{like}%", escape="\\")).order_by(Unit.id).limit(6)
    ).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"找不到单位“{t}”。可用编号、全称或名称中唯一的一部分。")
    names = "、".join(f"{u.id}:{u.name}" for u in matches[:5])
    raise NotFoundError(
        f"“{t}”对应多个单位：{names}{'等' if len(matches) > 5 else ''}。请写得更具体，或使用编号。"
    )


def ledger_facts(session: Session, unit_id: int) -> dict:
    """The six facts as the ledger knows them now, to pre-fill a survey."""
    u = session.get(Unit, unit_id)
    if u is None:
        raise NotFoundError(f"找不到编号为{unit_id}的单位。")
    orgs = session.execute(
        select(Organization.name, Organization.org_type)
        .join(OrgHostUnit, OrgHostUnit.org_id == Organization.id)
        .where(OrgHostUnit.unit_id == unit_id, Organization.dissolved_on.is_(None))
        .order_by(Organization.id)
    ).all()
    from partydesk.stats import unit_members

    members = unit_members(session).get(unit_id, (0, 0))[1]  # the one member count
    instr = session.scalars(
        select(Instructor.name)
        .join(InstructorAssignment, InstructorAssignment.instructor_id == Instructor.id)
        .where(InstructorAssignment.unit_id == unit_id, InstructorAssignment.end_on.is_(None))
        .order_by(Instructor.id)
    ).all()
    operating = UnitStatus.label_of(u.status)
    if u.legal_rep:
        operating += f"，法定代表人{u.legal_rep}"
    return {
        "operating": operating,
        "employees": u.employees,
        "party_org": "；".join(n for n, _ in orgs) or "未建",
        "structure": "；".join(OrgType.label_of(t) for _, t in orgs) or "无",
        "members": members,
        "instructor": "、".join(instr) or "未选派",
    }


def record_survey(
    session: Session,
    unit_id: int,
    surveyed_on: date,
    surveyor: str | None,
    *,
    prefill: bool = True,
    note: str | None = None,
    **facts,
) -> UnitSurvey:
    """Record a 六个清 survey of a unit; facts not given come from the ledger (`prefill`)."""
    if not surveyor or not str(surveyor).strip():
        raise ValidationError("请填写摸排人。", field="surveyor")
    if surveyed_on > date.today():
        raise ValidationError(f"摸排日期{surveyed_on}晚于今天。", field="surveyed_on")
    unknown = set(facts) - set(FIELDS)
    if unknown:
        raise ValidationError(f"六个清没有字段：{'、'.join(sorted(unknown))}。")
    values = ledger_facts(session, unit_id) if prefill else {}
    if not prefill and session.get(Unit, unit_id) is None:
        raise NotFoundError(f"找不到编号为{unit_id}的单位。")
    for k, v in facts.items():
        label, kind = FIELDS[k]
        if kind is int and v not in (None, ""):
            try:
                v = int(v)
            except (TypeError, ValueError):
                raise ValidationError(f"“{label}”应填人数，填写的是“{v}”。", field=k) from None
            if v < 0:
                raise ValidationError(f"“{label}”人数不能为负数。", field=k)
        values[k] = v if v != "" else None
    s = UnitSurvey(
        unit_id=unit_id,
        surveyed_on=surveyed_on,
        surveyor=str(surveyor).strip(),
        note=note,
        **values,
    )
    session.add(s)
    session.flush()
    s.unit_changes = apply_to_unit(session, s)
    return s


# The unit's own facts a survey answers: survey field -> (unit column, label).
UNIT_FACTS = {"employees": ("employees", "从业人员数"), "members": ("members_employed", "党员数")}


@dataclass(frozen=True)
class FactChange:
    """One fact of a unit changed by a survey: the unit column, its label, before, after."""

    column: str
    label: str
    before: int | None
    after: int | None


def apply_to_unit(session: Session, rec: UnitSurvey) -> list[FactChange]:
    """Write the survey's answers to the unit's facts (从业人员数, 党员数), as the survey is
    the newest word on them — unless a later survey of the unit is on record (an older
    sheet entered late does not undo it). A fact left blank keeps the unit's value. The
    surveys themselves are the facts' history (`fact_history`); the audit log has the
    unit's change too."""
    later = session.scalar(
        select(UnitSurvey.id).where(
            UnitSurvey.unit_id == rec.unit_id,
            UnitSurvey.id != rec.id,
            UnitSurvey.surveyed_on > rec.surveyed_on,
        )
    )
    if later is not None:
        return []
    u = session.get(Unit, rec.unit_id)
    out = []
    for f, (col, label) in UNIT_FACTS.items():
        v = getattr(rec, f)
        if v is None or getattr(u, col) == v:
            continue
        out.append(FactChange(col, label, getattr(u, col), v))
        setattr(u, col, v)
    session.flush()
    return out


def set_unit_facts(session: Session, unit_id: int, values: dict[str, int | None]) -> None:
    """Put unit facts back as they were (undo and redo of a survey in the window)."""
    u = session.get(Unit, unit_id)
    if u is not None:
        for col, v in values.items():
            setattr(u, col, v)
        session.flush()


def fact_history(session: Session, unit_id: int) -> list[UnitSurvey]:
    """Every survey of the unit, oldest first: when, by whom, and what each fact was."""
    return list(
        session.scalars(
            select(UnitSurvey)
            .where(UnitSurvey.unit_id == unit_id)
            .order_by(UnitSurvey.surveyed_on, UnitSurvey.id)
        )
    )


def last_survey(session: Session, unit_id: int) -> UnitSurvey | None:
    return session.scalar(
        select(UnitSurvey)
        .where(UnitSurvey.unit_id == unit_id)
        .order_by(UnitSurvey.surveyed_on.desc(), UnitSurvey.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class SurveyStatus:
    label: str  # e.g. 2026年下半年
    start: date
    end: date  # first day of the next period
    operating: int
    surveyed_ids: list[int]
    unsurveyed_ids: list[int]


def survey_status(session: Session, today: date) -> SurveyStatus:
    """Operating units surveyed / not yet surveyed in the period holding `today`."""
    months = int(config.get(session)["survey_period_months"])
    start, end = period_of(today, months)
    done = exists().where(
        UnitSurvey.unit_id == Unit.id, UnitSurvey.surveyed_on >= start, UnitSurvey.surveyed_on < end
    )
    base = select(Unit.id).where(Unit.status == UnitStatus.OPERATING.value).order_by(Unit.id)
    surveyed = list(session.scalars(base.where(done)))
    pending = list(session.scalars(base.where(~done)))
    return SurveyStatus(
        period_label(today, months), start, end, len(surveyed) + len(pending), surveyed, pending
    )


def unsurveyed_units(session: Session, today: date) -> list[int]:
    return survey_status(session, today).unsurveyed_ids
