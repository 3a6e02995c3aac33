"""Instructors (党建指导员): the units and organizations each guides over time, the units
with no instructor, yearly assessments, and the duty cadence checked against the work
records (工作纪实)."""

from __future__ import annotations

import calendar
import fnmatch
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Unit,
)
from partydesk.ledger.models.certs import AssessmentGrade, Certificate, InstructorAssessment
from partydesk.rules import facts


def get(session: Session, text: str | int) -> Instructor:
    """An instructor by id, name or a part of the name only one instructor has."""
    t = str(text).strip()
    if t.isdigit():
        i = session.get(Instructor, int(t))
        if i is not None:
            return i
    rows = session.scalars(select(Instructor).where(Instructor.name == t)).all()
    if not rows and t:
        like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = session.scalars(
            select(Instructor)
            .where(Instructor.name.like(f"%{like}%", escape="\\"))
            .order_by(Instructor.id)
            .limit(6)
        ).all()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"找不到党建指导员“{t}”。可用编号、姓名或姓名中唯一的一部分。")
    shown = "、".join(f"{r.id}:{r.name}（{r.home_unit or '未填派出单位'}）" for r in rows[:5])
    raise NotFoundError(f"“{t}”对应多位党建指导员（{shown}），请用编号。")


def _active_on(on: date):
    return (
        or_(InstructorAssignment.start_on.is_(None), InstructorAssignment.start_on <= on),
        or_(InstructorAssignment.end_on.is_(None), InstructorAssignment.end_on >= on),
    )


def current_assignments(
    session: Session, instructor_id: int, on: date
) -> list[InstructorAssignment]:
    return list(
        session.scalars(
            select(InstructorAssignment)
            .options(
                selectinload(InstructorAssignment.unit), selectinload(InstructorAssignment.org)
            )
            .where(InstructorAssignment.instructor_id == instructor_id, *_active_on(on))
            .order_by(InstructorAssignment.start_on, InstructorAssignment.id)
        )
    )


def history(session: Session, instructor_id: int) -> list[InstructorAssignment]:
    """Every assignment of the instructor, oldest first (ended ones included)."""
    return list(
        session.scalars(
            select(InstructorAssignment)
            .options(
                selectinload(InstructorAssignment.unit), selectinload(InstructorAssignment.org)
            )
            .where(InstructorAssignment.instructor_id == instructor_id)
            .order_by(InstructorAssignment.start_on, InstructorAssignment.id)
        )
    )


def assign(
    session: Session,
    instructor_id: int,
    *,
    unit_id: int | None = None,
    org_id: int | None = None,
    start_on: date,
) -> InstructorAssignment:
    """Start guiding a unit and/or an organization from `start_on`."""
    if unit_id is None and org_id is None:
        raise ValidationError("请指定要联系指导的单位或党组织。")
    ins = get(session, instructor_id)
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise NotFoundError(f"找不到编号为{unit_id}的单位。")
    if org_id is not None and session.get(Organization, org_id) is None:
        raise NotFoundError(f"找不到编号为{org_id}的党组织。")
    for a in current_assignments(session, ins.id, start_on):
        if a.unit_id == unit_id and a.org_id == org_id:
            raise ValidationError(f"{ins.name}已在联系指导该单位（自{a.start_on}起）。")
    a = InstructorAssignment(
        instructor_id=ins.id, unit_id=unit_id, org_id=org_id, start_on=start_on
    )
    session.add(a)
    session.flush()
    return a


def end_assignment(session: Session, assignment_id: int, end_on: date) -> InstructorAssignment:
    a = session.get(InstructorAssignment, assignment_id)
    if a is None:
        raise NotFoundError(f"找不到编号为{assignment_id}的指导关系。")
    if a.start_on and end_on < a.start_on:
        raise ValidationError("结束日期不能早于开始日期。")
    a.end_on = end_on
    return a


def _covered_selects(on: date):
    active = (Instructor.active.is_(True), *_active_on(on))
    direct = (
        select(InstructorAssignment.unit_id)
        .join(Instructor)
        .where(InstructorAssignment.unit_id.is_not(None), *active)
    )
    via_org = (
        select(OrgHostUnit.unit_id)
        .join(InstructorAssignment, InstructorAssignment.org_id == OrgHostUnit.org_id)
        .join(Instructor)
        .where(*active)
    )
    return direct, via_org


def covered_unit_ids(session: Session, on: date) -> set[int]:
    """Units reached by an active instructor on `on`: assigned directly, or hosting an
    organization the instructor guides."""
    direct, via_org = _covered_selects(on)
    return set(session.scalars(direct)) | set(session.scalars(via_org))


def uncovered_units(session: Session, on: date) -> list[Unit]:
    """Operating units with no instructor on `on` (only those units are loaded)."""
    direct, via_org = _covered_selects(on)
    return list(
        session.scalars(
            select(Unit)
            .where(
                Unit.status == "operating",
                Unit.id.not_in(direct.scalar_subquery()),
                Unit.id.not_in(via_org.scalar_subquery()),
            )
            .order_by(Unit.id)
        )
    )


# ---------------------------------------------------------------- assessments


def grade_code(text: str) -> str:
    m = AssessmentGrade.from_text(text)
    if m is None:
        raise ValidationError(
            f"考核等次应为{'、'.join(AssessmentGrade.labels())}之一，而不是“{text}”", "grade"
        )
    return m.value


def set_assessment(
    session: Session,
    instructor_id: int,
    year: int,
    grade: str,
    assessed_on: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> InstructorAssessment:
    """Record (or correct) the instructor's assessment for `year`: a year that has begun,
    assessed on a day not after `today` (default: today)."""
    ins = get(session, instructor_id)
    code = grade_code(grade)
    if not 2000 <= year <= 2100:
        raise ValidationError(f"考核年度{year}不合理。")
    facts.past_year(year, "考核年度", today, "year")
    facts.past(assessed_on, "考核日期", today, "assessed_on")
    row = session.scalar(
        select(InstructorAssessment).where(
            InstructorAssessment.instructor_id == ins.id, InstructorAssessment.year == year
        )
    )
    if row is None:
        row = InstructorAssessment(instructor_id=ins.id, year=year)
        session.add(row)
    row.grade = code
    row.assessed_on = assessed_on
    row.note = note
    session.flush()
    return row


def assessments(session: Session, year: int) -> dict[int, InstructorAssessment]:
    rows = session.scalars(select(InstructorAssessment).where(InstructorAssessment.year == year))
    return {r.instructor_id: r for r in rows}


def missing_assessments(session: Session, year: int) -> list[Instructor]:
    """Active instructors appointed by the end of `year` with no assessment for it."""
    done = set(assessments(session, year))
    rows = session.scalars(
        select(Instructor)
        .where(
            Instructor.active.is_(True),
            or_(Instructor.appointed_on.is_(None), Instructor.appointed_on <= date(year, 12, 31)),
        )
        .order_by(Instructor.id)
    )
    return [i for i in rows if i.id not in done]


# ---------------------------------------------------------------- duty cadence


@dataclass
class Period:
    label: str
    start: date
    end: date


def periods(kind: str, year: int) -> list[Period]:
    """The periods of a year for a cadence: half_month, month, half_year, year."""
    out: list[Period] = []
    if kind == "half_month":
        for m in range(1, 13):
            last = calendar.monthrange(year, m)[1]
            out.append(Period(f"{m}月上半月", date(year, m, 1), date(year, m, 15)))
            out.append(Period(f"{m}月下半月", date(year, m, 16), date(year, m, last)))
    elif kind == "month":
        for m in range(1, 13):
            out.append(
                Period(f"{m}月", date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
            )
    elif kind == "half_year":
        out = [
            Period("上半年", date(year, 1, 1), date(year, 6, 30)),
            Period("下半年", date(year, 7, 1), date(year, 12, 31)),
        ]
    elif kind == "year":
        out = [Period(f"{year}年", date(year, 1, 1), date(year, 12, 31))]
    else:
        raise ValidationError(f"未知的周期“{kind}”（可用 half_month、month、half_year、year）")
    return out


@dataclass
class DutyStatus:
    """One duty of one instructor in a year so far."""

    key: str
    label: str
    expected: int  # periods ended so far (while the instructor was in post)
    done: int
    missing: list[str] = field(default_factory=list)  # labels of periods with nothing
    known: bool = True  # False: the work records are not part of this build

    @property
    def ok(self) -> bool:
        return self.known and not self.missing


@dataclass
class InstructorDuties:
    instructor_id: int
    name: str
    duties: list[DutyStatus]

    @property
    def missing_count(self) -> int:
        return sum(len(d.missing) for d in self.duties)


def _work_record_model():
    from partydesk.ledger.models.work import WorkRecord

    return WorkRecord


def _as_date(v) -> date:
    if isinstance(v, str):  # SQLite's date() gives text
        return date.fromisoformat(v[:10])
    return v.date() if isinstance(v, datetime) else v


def _held_within(days: list[date], start: date, end: date) -> bool:
    i = bisect_left(days, start)
    return i < len(days) and days[i] <= end


def duty_status(
    session: Session, year: int, today: date, instructor_ids: list[int] | None = None
) -> list[InstructorDuties]:
    """Each active instructor's duties in `year` up to `today`: the periods that have
    ended with no matching work record are listed as missing."""
    cfg = settings.get(session, "certs")["duties"]
    q = select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.id)
    if instructor_ids is not None:
        q = q.where(Instructor.id.in_(instructor_ids))
    instructors = list(session.scalars(q))
    ids = [i.id for i in instructors]
    y0 = date(year, 1, 1)

    WorkRecord = _work_record_model()
    # instructor -> record kind -> the days records were held, grouped in SQL: one pass
    # over the year's records, whatever the number of instructors
    dates: dict[int, dict[str, list[date]]] = {}
    if WorkRecord is not None and ids:
        held = WorkRecord.held_at
        start = datetime(year, 1, 1) if _is_datetime(held) else y0
        end = datetime(year + 1, 1, 1) if _is_datetime(held) else date(year + 1, 1, 1)
        day = func.date(held)
        stmt = (
            select(WorkRecord.instructor_id, WorkRecord.kind, day)
            .where(WorkRecord.instructor_id.is_not(None), held >= start, held < end)
            .group_by(WorkRecord.instructor_id, WorkRecord.kind, day)
        )
        if instructor_ids is not None:
            stmt = stmt.where(WorkRecord.instructor_id.in_(ids))
        wanted = set(ids)
        for iid, kind, at in session.execute(stmt):
            if at is not None and iid in wanted:
                dates.setdefault(iid, {}).setdefault(kind, []).append(_as_date(at))
    matches: dict[tuple[str, str], bool] = {}  # (duty, record kind) -> the kind counts
    year_periods: dict[str, list] = {}  # the same for every instructor

    certs_by: dict[int, list[Certificate]] = {}
    for c in session.scalars(
        select(Certificate).where(
            Certificate.kind == "instructor",
            Certificate.instructor_id.in_(ids),
            Certificate.status != "revoked",
        )
    ):
        certs_by.setdefault(c.instructor_id, []).append(c)

    out: list[InstructorDuties] = []
    for ins in instructors:
        since = max(ins.appointed_on or y0, y0)
        rows: list[DutyStatus] = []
        for key, spec in cfg.items():
            period_kind = spec["period"]
            if key == "reappoint" or not spec.get("kinds"):
                rows.append(_reappoint_status(key, spec, certs_by.get(ins.id, []), year, today))
                continue
            if WorkRecord is None:
                rows.append(DutyStatus(key, spec["label"], 0, 0, known=False))
                continue
            got: list[date] = []
            for kind, ds in dates.get(ins.id, {}).items():
                hit = matches.get((key, kind))
                if hit is None:
                    hit = matches[key, kind] = any(
                        fnmatch.fnmatchcase(kind, pat) for pat in spec["kinds"]
                    )
                if hit:
                    got += ds
            got.sort()
            if period_kind not in year_periods:
                year_periods[period_kind] = periods(period_kind, year)
            ended = [p for p in year_periods[period_kind] if p.end < today and p.end >= since]
            missing = [p.label for p in ended if not _held_within(got, p.start, p.end)]
            rows.append(
                DutyStatus(key, spec["label"], len(ended), len(ended) - len(missing), missing)
            )
        out.append(InstructorDuties(ins.id, ins.name, rows))
    return out


def _is_datetime(column) -> bool:
    try:
        return column.type.python_type is datetime
    except NotImplementedError:
        return False


def _reappoint_status(
    key: str, spec: dict, certs: list[Certificate], year: int, today: date
) -> DutyStatus:
    """Reappointment: an instructor certificate issued in the year, or one still running.
    Missing once the year is over, or once the last certificate has run out."""
    in_year = [c for c in certs if c.issued_on.year == year]
    running = [
        c for c in certs if c.valid_until is None or c.valid_until >= min(today, date(year, 12, 31))
    ]
    if in_year:
        return DutyStatus(key, spec["label"], 1, 1)
    lapsed = (year < today.year) or not running
    if lapsed and today >= date(year, 1, 1):
        return DutyStatus(key, spec["label"], 1, 0, [f"{year}年"])
    return DutyStatus(key, spec["label"], 0, 0)
