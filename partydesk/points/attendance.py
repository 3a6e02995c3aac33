"""Points proposed from a meeting's attendance (按会议出勤加分).

`propose_from_attendance` lists one entry for everyone present at a work record (工作纪实)
— nothing is written; the clerk reviews the list, then `save_proposals` writes the ones
kept. A person already scored for that meeting and item, outside the scheme's categories,
or in a published period is listed with the reason and not saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsEntry, PointsItem, PointsScheme
from partydesk.ledger.models.work import Attendance, RecordKind, WorkRecord
from partydesk.points import entries
from partydesk.points.schemes import scheme_categories

# Which item a meeting of each kind earns, by scheme code: the first item whose name
# contains one of the words. Editable (setting "points.attendance").
settings.DEFAULTS["points.attendance"] = {
    "member": {
        "member_meeting": ["三会一课"],
        "committee_meeting": ["三会一课"],
        "group_meeting": ["三会一课"],
        "lecture": ["三会一课"],
        "theme_day": ["主题党日"],
        "life_meeting": ["三会一课"],
        "appraisal": ["三会一课"],
    },
    "candidate": {
        "member_meeting": ["支部活动"],
        "lecture": ["集中学习"],
        "theme_day": ["支部活动"],
        "group_meeting": ["支部活动"],
        "life_meeting": ["支部活动"],
    },
}


@dataclass
class ProposedEntry:
    """One proposed entry; `problem` (Chinese) says why it would not be saved."""

    person_id: int
    name: str
    category: str
    scheme_id: int
    item_id: int
    org_id: int | None
    on: object
    count: int = 1
    note: str = ""
    problem: str | None = None
    source: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def suggest_item(session: Session, scheme: PointsScheme, record_kind: str) -> PointsItem | None:
    """The scheme's item a meeting of `record_kind` earns, from the editable table."""
    table = settings.get(session, "points.attendance") or {}
    words = table.get(scheme.code, {}).get(record_kind, [])
    for w in words:
        for it in scheme.items:
            if it.active and w in it.name and it.points > 0:
                return it
    return None


def propose_from_attendance(session: Session, record_id: int, item_id: int) -> list[ProposedEntry]:
    """Proposed entries of `item_id` for everyone present at work record `record_id`."""
    rec = session.get(WorkRecord, record_id)
    if rec is None:
        raise NotFoundError(f"找不到工作纪实记录 {record_id}。")
    item = session.get(PointsItem, item_id)
    if item is None:
        raise NotFoundError(f"找不到积分项目 {item_id}。")
    scheme = session.get(PointsScheme, item.scheme_id)
    cats = scheme_categories(scheme)
    on = rec.held_at.date()
    kind = RecordKind.label_of(rec.kind)
    note = f"{kind}（{on:%Y-%m-%d}）出勤"
    source = f"attendance:{rec.id}"
    rows = session.execute(
        select(Person.id, Person.name, Person.category, Person.org_id)
        .join(Attendance, Attendance.person_id == Person.id)
        .where(Attendance.record_id == rec.id, Attendance.status == "present")
        .order_by(Attendance.id)
    ).all()
    done = set(
        session.scalars(
            select(PointsEntry.person_id).where(
                PointsEntry.source == source,
                PointsEntry.item_id == item.id,
                PointsEntry.reverses_id.is_(None),
            )
        )
    )
    org_id = rec.org_id
    pub = entries.publication_covering(session, scheme.id, org_id, on)
    out = []
    for pid, name, cat, person_org in rows:
        p = ProposedEntry(
            pid, name, cat, scheme.id, item.id, org_id or person_org, on, 1, note, source=source
        )
        if pid in done:
            p.problem = "已按本次会议记过分"
        elif cat not in cats:
            p.problem = f"{Category.label_of(cat)}不参加“{scheme.name}”"
        elif pub is not None:
            p.problem = "该期间已公示锁定"
        elif not item.active:
            p.problem = "积分项目已停用"
        out.append(p)
    return out


def save_proposals(
    session: Session,
    proposals: list[ProposedEntry],
    *,
    by: str | None = None,
    today: date | None = None,
) -> list[PointsEntry]:
    """Write the proposals that have no problem (the ones the clerk kept)."""
    saved = []
    for p in proposals:
        if not p.ok:
            continue
        scheme = session.get(PointsScheme, p.scheme_id)
        item = session.get(PointsItem, p.item_id)
        person = session.get(Person, p.person_id)
        if scheme is None or item is None or person is None:
            raise ValidationError("积分方案、项目或人员已被删除，请重新生成建议。")
        saved.append(
            entries.add_entry(
                session,
                scheme,
                person,
                item,
                p.on,
                p.count,
                note=p.note,
                by=by,
                source=p.source,
                org_id=p.org_id,
                today=today,
            )
        )
    return saved


def meetings_of(session: Session, org_id: int, start, end) -> list[WorkRecord]:
    """Meetings (records with attendance) of an organization between two dates."""
    from datetime import datetime, time

    has_att = select(Attendance.record_id).where(Attendance.status == "present")
    return list(
        session.scalars(
            select(WorkRecord)
            .where(
                WorkRecord.org_id == org_id,
                WorkRecord.held_at >= datetime.combine(start, time.min),
                WorkRecord.held_at <= datetime.combine(end, time.max),
                WorkRecord.id.in_(has_att),
            )
            .order_by(WorkRecord.held_at)
        )
    )
