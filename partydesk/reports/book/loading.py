"""Loading the book's data from the ledger: one organization, one year, read once into
the plain objects of data.py."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError
from partydesk.ledger.enums import (
    MEMBER_CATEGORIES,
    Category,
    CommitteeRole,
    EventKind,
    Formation,
    OrgType,
    Sex,
)
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    Person,
    PersonEvent,
    Unit,
)
from partydesk.ledger.models.develop import VisitUnit
from partydesk.records import Appraisal, Attendance, Rating, RecordKind, WorkRecord
from partydesk.records.visits import unit_names as visit_unit_names
from partydesk.reports.book.asof import book_day, committee_on, people_on
from partydesk.reports.book.data import BookData, RecordView
from partydesk.reports.book.data import day_text as _day
from partydesk.reports.book.data import month_text as _d


def _transfer_label(ev: PersonEvent, org_id: int) -> str:
    """A move within the ledger reads as 转出 in the old organization's book and 转入 in
    the new one's."""
    if ev.kind == EventKind.MOVE.value:
        return "组织关系转出" if ev.from_org_id == org_id else "组织关系转入"
    return EventKind.label_of(ev.kind)


def load_book(session: Session, org_id: int, year: int, today: date | None = None) -> BookData:
    """Everything the book of `org_id` for `year` prints, as the organization stood on
    31 December of that year (today while the year runs)."""
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    names: dict[int, str] = {}

    def name_of(pid: int | None) -> str:
        if pid is None:
            return ""
        if pid not in names:
            p = session.get(Person, pid)
            names[pid] = p.name if p else ""
        return names[pid]

    day = book_day(year, today)
    then = people_on(session, org_id, day)
    cat_of = {t.person.id: t.category for t in then}
    people = [t.person for t in then]
    for p in people:
        names[p.id] = p.name
    hosts = org.host_units
    data = BookData(year=year, org_name=org.name, org_type=org.org_type)
    order = {r.value: i for i, r in enumerate(CommitteeRole)}
    committee = sorted(
        committee_on(list(org.committee), day), key=lambda c: (order.get(c.role, 99), c.id)
    )
    secretary = next((c for c in committee if c.role == CommitteeRole.SECRETARY.value), None)
    data.secretary = name_of(secretary.person_id if secretary else org.secretary_id)
    data.issuer = org.parent.name if org.parent else ""
    members = [p for p in people if cat_of[p.id] in MEMBER_CATEGORIES]
    data.facts = [
        ("组织名称", org.name),
        ("组织类别", OrgType.label_of(org.org_type)),
        ("组建方式", Formation.label_of(org.formation)),
        ("所在单位", "、".join(u.name for u in hosts)),
        ("上级党组织", data.issuer),
        ("成立时间", _day(org.founded_on)),
        ("本届任期", f"{_day(org.term_start)} 至 {_day(org.term_end)}" if org.term_start else ""),
        ("书记", data.secretary),
        (
            "党员人数",
            f"{len(members)} 人（其中预备党员 "
            f"{sum(1 for p in members if cat_of[p.id] == Category.PROBATIONARY)} 人）",
        ),
        ("所在街道（村社区）", org.street or ""),
        ("联系电话", org.contact_phone or ""),
    ]
    data.committee = [
        (CommitteeRole.label_of(c.role), name_of(c.person_id), _d(c.since)) for c in committee
    ]
    for g in org.groups:
        in_group = [p.name for p in members if p.party_group_id == g.id]
        data.groups.append((g.name, name_of(g.leader_id), "、".join(in_group)))
    data.members = [
        (
            p.name,
            Sex.label_of(p.sex),
            _d(p.birth_date),
            p.ethnicity or "",
            p.education or "",
            _d(p.admitted_on),
            _d(p.full_on) if cat_of[p.id] == Category.FULL else "",
            Category.label_of(cat_of[p.id]),
            p.job or "",
        )
        for p in members
    ]
    data.candidates = [
        (
            p.name,
            Sex.label_of(p.sex),
            Category.label_of(cat_of[p.id]),
            _d(p.applied_on),
            _d(p.activist_on) if p.activist_on and p.activist_on <= day else "",
            _d(p.target_on) if p.target_on and p.target_on <= day else "",
        )
        for p in people
        if cat_of[p.id] not in MEMBER_CATEGORIES
    ]
    data.flowing = [
        (p.name, p.flow_to or "", _d(p.flow_since), p.phone or "")
        for p in members
        if p.is_flowing and (p.flow_since is None or p.flow_since <= day)
    ]
    transfers = session.execute(
        select(PersonEvent, Person.name)
        .join(Person, Person.id == PersonEvent.person_id)
        .where(
            PersonEvent.kind.in_(
                [EventKind.TRANSFER_IN.value, EventKind.TRANSFER_OUT.value, EventKind.MOVE.value]
            ),
            or_(
                PersonEvent.from_org_id == org_id,
                PersonEvent.to_org_id == org_id,
                # entries written before the organizations were recorded with them
                (Person.org_id == org_id)
                & PersonEvent.from_org_id.is_(None)
                & PersonEvent.to_org_id.is_(None),
            ),
            PersonEvent.on >= date(year, 1, 1),
            PersonEvent.on <= date(year, 12, 31),
        )
        .order_by(PersonEvent.on, PersonEvent.id)
    ).all()
    data.transfers = [
        (_day(ev.on), pname, _transfer_label(ev, org_id), ev.from_value or "", ev.to_value or "")
        for ev, pname in transfers
    ]

    # Records: the organization's own, plus visits to its host units and logs of its
    # instructors kept without an organization.
    unit_ids = [u.id for u in hosts]
    instr_ids = list(
        session.scalars(
            select(InstructorAssignment.instructor_id).where(
                or_(
                    InstructorAssignment.org_id == org_id,
                    InstructorAssignment.unit_id.in_(unit_ids) if unit_ids else False,
                )
            )
        )
    )
    cond = [WorkRecord.org_id == org_id]
    if unit_ids:
        cond.append((WorkRecord.org_id.is_(None)) & WorkRecord.unit_id.in_(unit_ids))
        # a visit may name several units; any of them being a host unit brings it in
        cond.append(
            (WorkRecord.org_id.is_(None))
            & WorkRecord.id.in_(select(VisitUnit.record_id).where(VisitUnit.unit_id.in_(unit_ids)))
        )
    if instr_ids:
        # A log kept for another unit belongs in that unit's book, not this one.
        cond.append(
            (WorkRecord.org_id.is_(None))
            & WorkRecord.unit_id.is_(None)
            & (WorkRecord.kind == RecordKind.INSTRUCTOR_LOG.value)
            & WorkRecord.instructor_id.in_(instr_ids)
        )
    # Plain rows, not ORM objects: a big book has tens of thousands of attendance rows.
    where = (WorkRecord.year == year) & or_(*cond)
    recs = session.execute(
        select(WorkRecord.__table__).where(where).order_by(WorkRecord.held_at, WorkRecord.id)
    ).all()
    ids = select(WorkRecord.id).where(where).scalar_subquery()
    att: dict[int, list] = {}
    for rid, pid, status, reason, name_text in session.execute(
        select(
            Attendance.record_id,
            Attendance.person_id,
            Attendance.status,
            Attendance.reason,
            Attendance.name_text,
        )
        .where(Attendance.record_id.in_(ids))
        .order_by(Attendance.id)
    ):
        att.setdefault(rid, []).append((pid, status, reason, name_text))
    apps: dict[int, list] = {}
    for rid, pid, rating in session.execute(
        select(Appraisal.record_id, Appraisal.person_id, Appraisal.rating)
        .where(Appraisal.record_id.in_(ids))
        .order_by(Appraisal.id)
    ):
        apps.setdefault(rid, []).append((pid, rating))
    instr_names = (
        dict(session.execute(select(Instructor.id, Instructor.name)).all())
        if any(r.instructor_id for r in recs)
        else {}
    )
    unit_names = {u.id: u.name for u in hosts}
    visited = visit_unit_names(session, [r.id for r in recs if r.kind == RecordKind.VISIT.value])
    for r in recs:
        if r.unit_id and r.unit_id not in unit_names:
            u = session.get(Unit, r.unit_id)
            unit_names[r.unit_id] = u.name if u else ""
        v = RecordView(
            kind=r.kind,
            seq=r.seq,
            held_at=r.held_at,
            end_at=r.end_at,
            place=r.place or "",
            host=r.host or "",
            recorder=r.recorder or "",
            expected=r.expected_count,
            topics=r.topics or "",
            content=r.content or "",
            resolutions=r.resolutions or "",
            votes=r.votes or "",
            lecturer=r.lecturer or "",
            lesson_title=r.lesson_title or "",
            problems=r.problems or "",
            measures=r.measures or "",
            instructor=instr_names.get(r.instructor_id, ""),
            unit="、".join(visited[r.id])
            if r.id in visited
            else (unit_names.get(r.unit_id, "") if r.unit_id else ""),
            people_met=r.people_met or "",
            problems_raised=r.problems_raised or "",
            problems_solved=r.problems_solved or "",
            note=r.note or "",
        )
        for pid, status, reason, name_text in att.get(r.id, ()):
            nm = name_text or name_of(pid)
            if status == "present":
                v.present.append(nm)
            elif status == "absent":
                v.absent.append((nm, reason or ""))
            else:
                v.observers.append(nm)
        v.ratings = [(name_of(pid), Rating.label_of(rt)) for pid, rt in apps.get(r.id, ())]
        data.records.append(v)
    # Sections plugged in after the core ones read what they print for themselves.
    from partydesk.reports.book.sections import SECTIONS

    for section in SECTIONS:
        if section.load is not None:
            section.load(session, org, year, data)
    return data
