"""党小组 (party groups) of an organization: name, leader (组长), members. The book prints
them; an organization with groups is expected to hold 党小组会.

    g = add_group(s, org_id, "第一党小组", leader_id=pid)
    assign(s, person_id, g.id)          # None takes the person out of any group
    remove_group(s, g.id)               # its members stay, in no group
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.enums import PersonStatus
from partydesk.ledger.models import Organization, PartyGroup, Person


@dataclass
class Group:
    id: int
    name: str
    leader: str
    members: list[str] = field(default_factory=list)


def groups(session: Session, org_id: int) -> list[Group]:
    """The organization's groups with leader and (on the books) members, by name."""
    out = []
    for g in session.scalars(
        select(PartyGroup)
        .where(PartyGroup.org_id == org_id)
        .order_by(PartyGroup.name, PartyGroup.id)
    ):
        leader = session.get(Person, g.leader_id).name if g.leader_id else ""
        members = session.scalars(
            select(Person.name)
            .where(Person.party_group_id == g.id, Person.status == PersonStatus.ACTIVE.value)
            .order_by(Person.id)
        ).all()
        out.append(Group(g.id, g.name, leader, list(members)))
    return out


def names(session: Session, org_id: int) -> list[str]:
    """The names of the organization's groups, by name."""
    return list(
        session.scalars(
            select(PartyGroup.name)
            .where(PartyGroup.org_id == org_id)
            .order_by(PartyGroup.name, PartyGroup.id)
        )
    )


def find_group(session: Session, org_id: int, text: str | int) -> PartyGroup:
    t = str(text).strip()
    q = select(PartyGroup).where(PartyGroup.org_id == org_id)
    if t.isdigit():
        g = session.get(PartyGroup, int(t))
        if g is not None and g.org_id == org_id:
            return g
    found = session.scalars(q.where(PartyGroup.name == t)).all()
    if len(found) == 1:
        return found[0]
    raise NotFoundError(f"本组织没有名为“{t}”的党小组。")


def _member_of(session: Session, org_id: int, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    p = session.get(Person, person_id)
    if p is None:
        raise NotFoundError(f"人员（编号 {person_id}）不存在。")
    if p.org_id != org_id:
        raise ValidationError(f"{p.name}不是本组织的人员，不能编入本组织的党小组。", "person_id")
    return p


def add_group(session: Session, org_id: int, name: str, leader_id: int | None = None) -> PartyGroup:
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写党小组名称，如“第一党小组”。", "name")
    if session.get(Organization, org_id) is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    if session.scalar(
        select(PartyGroup.id).where(PartyGroup.org_id == org_id, PartyGroup.name == name)
    ):
        raise ValidationError(f"本组织已有“{name}”。", "name")
    leader = _member_of(session, org_id, leader_id)
    g = PartyGroup(org_id=org_id, name=name, leader_id=leader_id)
    session.add(g)
    session.flush()
    if leader is not None:
        leader.party_group_id = g.id  # the leader belongs to the group
        session.flush()
    return g


def set_leader(session: Session, group_id: int, person_id: int | None) -> None:
    g = session.get(PartyGroup, group_id)
    if g is None:
        raise NotFoundError("党小组不存在。")
    p = _member_of(session, g.org_id, person_id)
    g.leader_id = person_id
    if p is not None:
        p.party_group_id = g.id
    session.flush()


def assign(session: Session, person_id: int, group_id: int | None) -> None:
    """Put a person in one of their organization's groups (None: in no group)."""
    p = session.get(Person, person_id)
    if p is None:
        raise NotFoundError(f"人员（编号 {person_id}）不存在。")
    if group_id is not None:
        g = session.get(PartyGroup, group_id)
        if g is None:
            raise NotFoundError("党小组不存在。")
        if g.org_id != p.org_id:
            raise ValidationError(f"{p.name}不是“{g.name}”所在党组织的人员。", "group_id")
    old = p.party_group_id
    if old is not None and old != group_id:
        og = session.get(PartyGroup, old)
        if og is not None and og.leader_id == p.id:
            og.leader_id = None  # a leader who leaves the group no longer leads it
    p.party_group_id = group_id
    session.flush()


def remove_group(session: Session, group_id: int) -> str:
    g = session.get(PartyGroup, group_id)
    if g is None:
        raise NotFoundError("党小组不存在。")
    for p in session.scalars(select(Person).where(Person.party_group_id == group_id)):
        p.party_group_id = None
    name = g.name
    session.delete(g)
    session.flush()
    return name


@dataclass
class Snapshot:
    """The groups of an organization and who is in which (for undo)."""

    org_id: int
    rows: list[tuple[int, str, int | None]]  # id, name, leader
    placed: dict[int, int | None]  # person id -> group id, for the organization's people


def snapshot(session: Session, org_id: int) -> Snapshot:
    rows = [
        tuple(r)
        for r in session.execute(
            select(PartyGroup.id, PartyGroup.name, PartyGroup.leader_id)
            .where(PartyGroup.org_id == org_id)
            .order_by(PartyGroup.id)
        )
    ]
    ids = [r[0] for r in rows]
    placed = dict(
        session.execute(
            select(Person.id, Person.party_group_id).where(
                (Person.org_id == org_id) | (Person.party_group_id.in_(ids) if ids else False)
            )
        ).all()
    )
    return Snapshot(org_id, rows, placed)


def restore(session: Session, snap: Snapshot) -> None:
    want = {r[0]: r for r in snap.rows}
    for g in list(session.scalars(select(PartyGroup).where(PartyGroup.org_id == snap.org_id))):
        r = want.pop(g.id, None)
        if r is None:
            for p in session.scalars(select(Person).where(Person.party_group_id == g.id)):
                p.party_group_id = None
            session.delete(g)
        else:
            g.name, g.leader_id = r[1], r[2]
    for gid, name, leader in want.values():
        session.add(PartyGroup(id=gid, org_id=snap.org_id, name=name, leader_id=leader))
    session.flush()
    for pid, gid in snap.placed.items():
        p = session.get(Person, pid)
        if p is not None:
            p.party_group_id = gid
    session.flush()
