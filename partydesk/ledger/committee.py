"""An organization's committee (班子: 书记, 副书记, 委员 …) over time, and its secretary.

    appoint(s, org_id, person_id, "secretary", since=date(2026, 3, 1))  # ends the old one
    leave(s, member_id, until=date(2026, 9, 30))
    state = snapshot(s, org_id); …; restore(s, org_id, state)        # undo

The organization's `secretary_id` (printed on the book, checked by `partydesk check`)
follows the serving member whose role is 书记: it is kept in step here, never edited
on its own. Only 正式党员 on the books may serve (预备党员 have no right to be elected);
serving on the committee of an organization one does not belong to is allowed (a 党委
draws on its branches) but named in the warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import Category, CommitteeRole, PersonStatus
from partydesk.ledger.models import CommitteeMember, Organization, Person

_ORDER = {r.value: i for i, r in enumerate(CommitteeRole)}


@dataclass
class Seat:
    id: int
    person_id: int
    name: str
    role: str
    since: date | None
    until: date | None

    @property
    def role_label(self) -> str:
        return CommitteeRole.label_of(self.role)


@dataclass
class Snapshot:
    """The committee rows and the secretary of one organization (for undo)."""

    org_id: int
    secretary_id: int | None
    rows: list[tuple[int, int, str, date | None, date | None]] = field(default_factory=list)


def serving(seat_until: date | None, on: date) -> bool:
    """A seat ended on `until` (卸任日期) no longer counts from that day on."""
    return seat_until is None or seat_until > on


def seats(
    session: Session, org_id: int, on: date | None = None, history: bool = False
) -> list[Seat]:
    """The committee on `on` (default today), by role then seniority; `history` gives
    every seat ever held, the serving ones first."""
    on = on or date.today()
    rows = session.execute(
        select(
            CommitteeMember.id,
            CommitteeMember.person_id,
            Person.name,
            CommitteeMember.role,
            CommitteeMember.since,
            CommitteeMember.until,
        )
        .join(Person, Person.id == CommitteeMember.person_id)
        .where(CommitteeMember.org_id == org_id)
    ).all()
    out = [Seat(*r) for r in rows]
    if not history:
        out = [s for s in out if serving(s.until, on) and (s.since is None or s.since <= on)]
    return sorted(
        out,
        key=lambda s: (not serving(s.until, on), _ORDER.get(s.role, 99), s.since or date.min, s.id),
    )


def summary(session: Session, org_id: int, on: date | None = None) -> str:
    """书记 张三；副书记 李四；委员 王五、赵六 — one line for a form."""
    return summary_of(seats(session, org_id, on))


def summary_of(serving_seats: list[Seat]) -> str:
    by_role: dict[str, list[str]] = {}
    for s in serving_seats:
        by_role.setdefault(s.role_label, []).append(s.name)
    return "；".join(f"{role} {'、'.join(names)}" for role, names in by_role.items())


def parse_role(text: str) -> str:
    t = (text or "").strip()
    for r in CommitteeRole:
        if t in (r.value, r.label):
            return r.value
    labels = "、".join(r.label for r in CommitteeRole)
    raise ValidationError(f"无法识别的职务“{t}”。可选：{labels}", "role")


def _sync_secretary(session: Session, org: Organization, on: date) -> None:
    sec = [s for s in seats(session, org.id, on) if s.role == CommitteeRole.SECRETARY.value]
    org.secretary_id = sec[0].person_id if sec else None


def appoint(
    session: Session,
    org_id: int,
    person_id: int,
    role: str,
    since: date | None = None,
    *,
    today: date | None = None,
) -> tuple[Seat, list[str]]:
    """Add a person to the committee in `role` from `since` (default today). A new 书记
    ends the serving one's seat on the same day. Returns the seat and warnings."""
    today = today or date.today()
    since = since or today
    role = parse_role(role)
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在，可能已被删除。")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"人员（编号 {person_id}）不存在，可能已被删除。")
    if since > today:
        raise ValidationError("任职日期不能晚于今天。", "since")
    if person.status != PersonStatus.ACTIVE.value:
        raise ValidationError(f"{person.name}不在册，不能担任委员。", "person_id")
    if person.category != Category.FULL.value:
        raise ValidationError(
            f"{person.name}是{Category.label_of(person.category)}，只有正式党员才能担任支部委员。",
            "person_id",
        )
    current = seats(session, org_id, today)
    if any(s.person_id == person_id for s in current):
        raise ValidationError(
            f"{person.name}已是本届委员。要换职务，请先办理卸任再重新任职。", "person_id"
        )
    warnings = []
    if person.org_id != org_id:
        where = session.get(Organization, person.org_id) if person.org_id else None
        warnings.append(
            f"{person.name}的组织关系在{where.name if where else '其他党组织'}，不在本组织"
        )
    if role == CommitteeRole.SECRETARY.value:
        for s in current:
            if s.role == role:
                old = session.get(CommitteeMember, s.id)
                old.until = max(since, old.since or date.min)
                warnings.append(f"原书记{s.name}于{old.until:%Y-%m-%d}卸任")
    seat = CommitteeMember(org_id=org_id, person_id=person_id, role=role, since=since)
    session.add(seat)
    session.flush()
    _sync_secretary(session, org, today)
    session.flush()
    return Seat(seat.id, person_id, person.name, role, since, None), warnings


def leave(
    session: Session, seat_id: int, until: date | None = None, *, today: date | None = None
) -> Seat:
    """End a seat on `until` (default today)."""
    today = today or date.today()
    until = until or today
    row = session.get(CommitteeMember, seat_id)
    if row is None:
        raise NotFoundError(f"委员任职记录（编号 {seat_id}）不存在。")
    if row.until is not None and row.until <= today:
        raise ValidationError("这条任职已经结束。", "until")
    if row.since is not None and until < row.since:
        raise ValidationError(f"卸任日期不能早于任职日期{row.since:%Y-%m-%d}。", "until")
    row.until = until
    session.flush()
    _sync_secretary(session, session.get(Organization, row.org_id), today)
    session.flush()
    name = session.get(Person, row.person_id).name
    return Seat(row.id, row.person_id, name, row.role, row.since, row.until)


def snapshot(session: Session, org_id: int) -> Snapshot:
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在，可能已被删除。")
    rows = session.execute(
        select(
            CommitteeMember.id,
            CommitteeMember.person_id,
            CommitteeMember.role,
            CommitteeMember.since,
            CommitteeMember.until,
        )
        .where(CommitteeMember.org_id == org_id)
        .order_by(CommitteeMember.id)
    ).all()
    return Snapshot(org_id, org.secretary_id, [tuple(r) for r in rows])


def restore(session: Session, snap: Snapshot) -> None:
    """Put the committee and the secretary back as in `snap` (seats added since are
    removed, ended ones reopened, removed ones re-added)."""
    org = session.get(Organization, snap.org_id)
    if org is None:
        raise NotFoundError("党组织已被删除，无法恢复其班子。")
    want = {r[0]: r for r in snap.rows}
    for row in list(
        session.scalars(select(CommitteeMember).where(CommitteeMember.org_id == snap.org_id))
    ):
        r = want.pop(row.id, None)
        if r is None:
            session.delete(row)
        else:
            row.person_id, row.role, row.since, row.until = r[1], r[2], r[3], r[4]
    for rid, pid, role, since, until in want.values():
        session.add(
            CommitteeMember(
                id=rid, org_id=snap.org_id, person_id=pid, role=role, since=since, until=until
            )
        )
    org.secretary_id = snap.secretary_id
    session.flush()
