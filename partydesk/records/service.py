"""Creating, editing and listing work records. Every function takes a session and leaves
committing to the caller (`with ledger.session() as s: …`).

Long because create, edit, the undo snapshot and the 复制上次 draft share one validation
and one set of fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import MEMBER_CATEGORIES, PersonStatus
from partydesk.ledger.models import Instructor, Organization, Person
from partydesk.records import (
    Appraisal,
    Attendance,
    AttendanceStatus,
    Rating,
    RecordKind,
    WorkRecord,
)
from partydesk.rules import facts

# Plain columns a caller may set (everything but keys, kind, year, seq and timestamps).
FIELDS = (
    "org_id",
    "held_at",
    "end_at",
    "place",
    "host",
    "recorder",
    "expected_count",
    "topics",
    "content",
    "resolutions",
    "votes",
    "lecturer",
    "lesson_title",
    "problems",
    "measures",
    "instructor_id",
    "unit_id",
    "people_met",
    "problems_raised",
    "problems_solved",
    "note",
)
# Kinds kept by an instructor; they may have no organization.
INSTRUCTOR_KINDS = (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG)
# Kinds copied by "new from the last one" (复制上次): the regular monthly ones.
MONTHLY_KINDS = (
    RecordKind.COMMITTEE_MEETING,
    RecordKind.GROUP_MEETING,
    RecordKind.THEME_DAY,
    RecordKind.INSTRUCTOR_LOG,
)


def parse_kind(text: str) -> RecordKind:
    k = RecordKind.from_text(text)
    if k is None:
        names = "、".join(RecordKind.labels())
        raise ValidationError(f"无法识别的纪实类型“{text}”。可用：{names}。", "kind")
    return k


def members_of(session: Session, org_id: int) -> list[Person]:
    """Party members (正式 and 预备) on the books of the organization, by name."""
    return list(
        session.scalars(
            select(Person)
            .where(
                Person.org_id == org_id,
                Person.category.in_([c.value for c in MEMBER_CATEGORIES]),
                Person.status == PersonStatus.ACTIVE.value,
            )
            .order_by(Person.id)
        )
    )


def _validate(
    session: Session, kind: RecordKind, values: dict[str, Any], today: date | None
) -> None:
    """`today` None: the date is not judged (an edit that keeps an older record's date)."""
    held = values.get("held_at")
    if not isinstance(held, datetime):
        if isinstance(held, date):
            values["held_at"] = datetime(held.year, held.month, held.day)
        else:
            raise ValidationError("请填写时间（日期和时刻）。", "held_at")
    if today is not None:
        facts.past(values["held_at"], f"{kind.label}的时间", today, "held_at")
    end = values.get("end_at")
    if end is not None and end < values["held_at"]:
        raise ValidationError("结束时间早于开始时间。", "end_at")
    org_id = values.get("org_id")
    if org_id is None:
        if kind not in INSTRUCTOR_KINDS:
            raise ValidationError(f"{kind.label}必须属于一个党组织。", "org_id")
        if values.get("instructor_id") is None:
            raise ValidationError(f"{kind.label}须指定党组织或指导员。", "instructor_id")
    elif session.get(Organization, org_id) is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    if (
        values.get("instructor_id") is not None
        and session.get(Instructor, values["instructor_id"]) is None
    ):
        raise NotFoundError(f"指导员（编号 {values['instructor_id']}）不存在。")
    n = values.get("expected_count")
    if n is not None and (not isinstance(n, int) or n < 0):
        raise ValidationError("应到人数必须是不小于 0 的整数。", "expected_count")


def _attendance_rows(items) -> list[Attendance]:
    rows = []
    for it in items or ():
        status = AttendanceStatus.from_text(it.get("status") or "present")
        if status is None:
            raise ValidationError(f"无法识别的出席情况“{it.get('status')}”。", "attendance")
        if it.get("person_id") is None and not (it.get("name_text") or "").strip():
            raise ValidationError("出席名单中有一行既没有人员也没有姓名。", "attendance")
        rows.append(
            Attendance(
                person_id=it.get("person_id"),
                status=status.value,
                reason=(it.get("reason") or None) if status == AttendanceStatus.ABSENT else None,
                name_text=(it.get("name_text") or None),
            )
        )
    return rows


def _appraisal_rows(items) -> list[Appraisal]:
    rows, seen = [], set()
    for it in items or ():
        r = Rating.from_text(it.get("rating") or "")
        if r is None:
            raise ValidationError(f"无法识别的评议等次“{it.get('rating')}”。", "appraisals")
        if it["person_id"] in seen:
            raise ValidationError("同一党员在一次民主评议中只能有一个等次。", "appraisals")
        seen.add(it["person_id"])
        rows.append(Appraisal(person_id=it["person_id"], rating=r.value, note=it.get("note")))
    return rows


def create_record(
    session: Session,
    kind: str | RecordKind,
    *,
    attendance: list[dict] | None = None,
    appraisals: list[dict] | None = None,
    uuid: str | None = None,
    unit_ids: list[int] | None = None,
    today: date | None = None,
    **values: Any,
) -> WorkRecord:
    """Add a record; `year` comes from `held_at`, `seq` from its date order. `attendance`
    items are dicts with person_id / name_text, status, reason; `appraisals` items
    person_id, rating; `unit_ids` the units a visit or log names (records.visits). A
    record is of something held: `held_at` after `today` (default: today) is refused."""
    k = kind if isinstance(kind, RecordKind) else parse_kind(kind)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown work record fields: {sorted(unknown)}")
    _validate(session, k, values, today or date.today())
    rec = WorkRecord(kind=k.value, year=values["held_at"].year, seq=0, **values)
    if uuid:
        rec.uuid = uuid
    rec.attendance = _attendance_rows(attendance)
    rec.appraisals = _appraisal_rows(appraisals)
    session.add(rec)
    session.flush()
    if unit_ids is not None:
        from partydesk.records.visits import set_units

        set_units(session, rec.id, unit_ids)
    renumber(session, rec.org_id, rec.kind, rec.year, rec.instructor_id)
    return rec


def update_record(
    session: Session,
    record_id: int,
    *,
    attendance: list[dict] | None = None,
    appraisals: list[dict] | None = None,
    unit_ids: list[int] | None = None,
    today: date | None = None,
    **values: Any,
) -> WorkRecord:
    """Change fields of a record; `attendance` / `appraisals` / `unit_ids`, when given,
    replace the lists. A new `held_at` after `today` is refused; a record an older version
    stored with a later date stays editable while its date is kept."""
    rec = get_record(session, record_id)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown work record fields: {sorted(unknown)}")
    merged = {f: getattr(rec, f) for f in FIELDS}
    merged.update(values)
    moved = "held_at" in values and values["held_at"] != rec.held_at
    _validate(session, RecordKind(rec.kind), merged, (today or date.today()) if moved else None)
    old_key = (rec.org_id, rec.kind, rec.year, rec.instructor_id)
    for f in FIELDS:
        setattr(rec, f, merged[f])
    rec.year = rec.held_at.year
    if attendance is not None:
        rec.attendance = _attendance_rows(attendance)
    if appraisals is not None:
        rec.appraisals = _appraisal_rows(appraisals)
    session.flush()
    if unit_ids is not None:
        from partydesk.records.visits import set_units

        set_units(session, rec.id, unit_ids)
    renumber(session, *old_key)
    renumber(session, rec.org_id, rec.kind, rec.year, rec.instructor_id)
    return rec


def delete_record(session: Session, record_id: int) -> None:
    rec = get_record(session, record_id)
    key = (rec.org_id, rec.kind, rec.year, rec.instructor_id)
    session.delete(rec)
    session.flush()
    renumber(session, *key)


def get_record(session: Session, record_id: int) -> WorkRecord:
    rec = session.get(WorkRecord, record_id)
    if rec is None:
        raise NotFoundError(f"工作纪实（编号 {record_id}）不存在，可能已被删除。")
    return rec


def renumber(
    session: Session, org_id: int | None, kind: str, year: int, instructor_id: int | None = None
) -> None:
    """Number the records of one kind in org + year 1, 2, 3 … in date order (records
    without an organization are numbered per instructor)."""
    if session.get_bind().dialect.name == "postgresql":
        # Clerks adding records of one organization at once take turns numbering them
        # (until their commit), so each numbers the other's committed record too and no
        # number is given twice. A ledger file's write lock does the same.
        from sqlalchemy import text

        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('partydesk work_record seq'), :k)"),
            {"k": org_id if org_id is not None else -(instructor_id or 0)},
        )
    q = select(WorkRecord).where(WorkRecord.kind == kind, WorkRecord.year == year)
    if org_id is None:
        q = q.where(WorkRecord.org_id.is_(None), WorkRecord.instructor_id == instructor_id)
    else:
        q = q.where(WorkRecord.org_id == org_id)
    for i, rec in enumerate(session.scalars(q.order_by(WorkRecord.held_at, WorkRecord.id)), 1):
        if rec.seq != i:
            rec.seq = i
    session.flush()


def list_records(
    session: Session, org_id: int, year: int, kind: str | None = None
) -> list[WorkRecord]:
    """The records of an organization in a year (attendance loaded), in date order."""
    q = (
        select(WorkRecord)
        .where(WorkRecord.org_id == org_id, WorkRecord.year == year)
        .options(selectinload(WorkRecord.attendance), selectinload(WorkRecord.appraisals))
        .order_by(WorkRecord.held_at, WorkRecord.id)
    )
    if kind:
        q = q.where(WorkRecord.kind == str(kind))
    return list(session.scalars(q))


def years_with_records(session: Session, org_id: int) -> list[int]:
    return list(
        session.scalars(
            select(WorkRecord.year)
            .where(WorkRecord.org_id == org_id)
            .distinct()
            .order_by(WorkRecord.year)
        )
    )


def last_record(session: Session, org_id: int, kind: str) -> WorkRecord | None:
    return session.scalar(
        select(WorkRecord)
        .where(WorkRecord.org_id == org_id, WorkRecord.kind == str(kind))
        .order_by(WorkRecord.held_at.desc(), WorkRecord.id.desc())
        .limit(1)
    )


def draft_from_last(
    session: Session,
    org_id: int,
    kind: str,
    held_at: datetime | None = None,
    today: date | None = None,
) -> dict:
    """A new record's values copied from the last one of the same kind (复制上次): place,
    host, recorder, expected count and the attendee list (everyone marked present again);
    the date moves on a month (the time of day is kept), but not past today, as a record is
    written after the meeting. Topics and content stay empty.
    Without a previous record: an empty draft with the organization's members."""
    from partydesk.rules.dates import add_months

    last = last_record(session, org_id, kind)
    members = members_of(session, org_id)
    if last is None:
        when = held_at or datetime.now().replace(hour=14, minute=30, second=0, microsecond=0)
        return {
            "kind": str(kind),
            "org_id": org_id,
            "held_at": when,
            "expected_count": len(members),
            "attendance": [{"person_id": p.id, "status": "present"} for p in members],
        }
    if held_at is None:
        d = min(add_months(last.held_at.date(), 1), today or date.today())
        held_at = datetime.combine(d, last.held_at.time())
    people = [a for a in last.attendance if a.status != AttendanceStatus.OBSERVER.value]
    return {
        "kind": last.kind,
        "org_id": org_id,
        "held_at": held_at,
        "end_at": (held_at + (last.end_at - last.held_at)) if last.end_at else None,
        "place": last.place,
        "host": last.host,
        "recorder": last.recorder,
        "expected_count": last.expected_count,
        "instructor_id": last.instructor_id,
        "unit_id": last.unit_id,
        "attendance": [
            {"person_id": a.person_id, "name_text": a.name_text, "status": "present"}
            for a in people
        ],
    }


@dataclass(frozen=True)
class Counts:
    expected: int
    present: int
    absent: int
    observers: int


def counts(rec: WorkRecord) -> Counts:
    present = sum(1 for a in rec.attendance if a.status == "present")
    absent = sum(1 for a in rec.attendance if a.status == "absent")
    observers = sum(1 for a in rec.attendance if a.status == "observer")
    expected = rec.expected_count if rec.expected_count is not None else present + absent
    return Counts(expected, present, absent, observers)


def appraisal_warning(ratings: list[str], max_share: float = 1 / 3) -> str | None:
    """A warning when more than `max_share` of the ratings are 优秀 (else None)."""
    if not ratings:
        return None
    n = sum(1 for r in ratings if r == Rating.EXCELLENT.value)
    if n * 1.0 > max_share * len(ratings) + 1e-9:
        return f"评为优秀的有 {n} 人，超过参评人数（{len(ratings)} 人）的三分之一，请核对评议结果。"
    return None


def snapshot(rec: WorkRecord) -> dict:
    """Everything needed to recreate the record (for undo)."""
    from sqlalchemy.orm import object_session

    from partydesk.records.visits import unit_ids

    s = object_session(rec)
    units: dict = {}
    if rec.kind in INSTRUCTOR_KINDS:
        # a record from before visits named several units has only work_record.unit_id
        ids = unit_ids(s, rec.id) if s is not None else []
        units["unit_ids"] = ids or ([rec.unit_id] if rec.unit_id else [])
    return {
        **units,
        "kind": rec.kind,
        "uuid": rec.uuid,
        **{f: getattr(rec, f) for f in FIELDS},
        "attendance": [
            {
                "person_id": a.person_id,
                "status": a.status,
                "reason": a.reason,
                "name_text": a.name_text,
            }
            for a in rec.attendance
        ],
        "appraisals": [
            {"person_id": a.person_id, "rating": a.rating, "note": a.note} for a in rec.appraisals
        ],
    }


def restore(session: Session, snap: dict) -> WorkRecord:
    """Recreate a record from `snapshot` (same uuid), or overwrite it if it still exists."""
    snap = dict(snap)
    kind = snap.pop("kind")
    uid = snap.pop("uuid")
    existing = session.scalar(select(WorkRecord).where(WorkRecord.uuid == uid))
    # undo puts back what was stored, whatever its date
    if existing is not None:
        return update_record(session, existing.id, today=date.max, **snap)
    return create_record(session, kind, uuid=uid, today=date.max, **snap)


def find_by_uuid(session: Session, uid: str) -> WorkRecord | None:
    return session.scalar(select(WorkRecord).where(WorkRecord.uuid == uid))


def delete_by_uuid(session: Session, uid: str) -> None:
    rec = find_by_uuid(session, uid)
    if rec is not None:
        delete_record(session, rec.id)


def count_by_kind(session: Session, org_id: int, year: int) -> dict[str, int]:
    rows = session.execute(
        select(WorkRecord.kind, func.count())
        .where(WorkRecord.org_id == org_id, WorkRecord.year == year)
        .group_by(WorkRecord.kind)
    )
    return {k: n for k, n in rows}


def delete_all_of_org_year(session: Session, org_id: int, year: int) -> int:
    res = session.execute(
        delete(WorkRecord).where(WorkRecord.org_id == org_id, WorkRecord.year == year)
    )
    return res.rowcount or 0
