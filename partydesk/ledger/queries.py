"""Queries shared by the command line, the reports and the window."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError
from partydesk.ledger.models import Organization, Person


def find_org(session: Session, text: str | int) -> Organization:
    """The organization named by `text`: its id, its full name, or a part of the name that
    only one organization contains. Raises NotFoundError (Chinese) otherwise."""
    t = str(text).strip()
    if not t:
        raise NotFoundError("未指定党组织。")
    if t.isdigit():
        org = session.get(Organization, int(t))
        if org is not None:
            return org
    exact = session.scalars(select(Organization).where(Organization.name == t)).all()
    if len(exact) == 1:
        return exact[0]
    like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = session.scalars(
        select(Organization)
        .where(Organization.name.like(f"%{like}%", escape="\\"))
        .order_by(Organization.id)
        .limit(6)
    ).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"找不到党组织“{t}”。可用编号、全称或名称中唯一的一部分。")
    names = "、".join(f"{o.id}:{o.name}" for o in matches[:5])
    more = "等" if len(matches) > 5 else ""
    raise NotFoundError(f"“{t}”对应多个党组织：{names}{more}。请写得更具体，或使用编号。")


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def find_person(session: Session, text: str | int, org: Organization | None = None) -> Person:
    """A person by id, 身份证号 or name (unique within `org` when given)."""
    t = str(text).strip()
    if t.isdigit() and len(t) < 15:
        p = session.get(Person, int(t))
        if p is not None:
            return p
    p = session.scalar(select(Person).where(Person.id_number == t.upper()))
    if p is not None:
        return p
    q = select(Person).where(Person.name == t)
    if org is not None:
        q = q.where(Person.org_id == org.id)
    found = list(session.scalars(q.order_by(Person.id).limit(6)))
    if not found and len(t) >= 2:
        # a unique part of a name, from two characters on (a surname alone matches hundreds)
        like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        part = select(Person).where(Person.name.like(f"%{like}%", escape="\\"))
        if org is not None:
            part = part.where(Person.org_id == org.id)
        found = list(session.scalars(part.order_by(Person.id).limit(6)))
    if len(found) == 1:
        return found[0]
    where = f"在“{org.name}”中" if org is not None else ""
    if not found:
        raise NotFoundError(f"{where}找不到人员“{t}”。可用编号、身份证号或姓名。")
    raise NotFoundError(
        f"{where}“{t}”对应多个人员（{_candidates(session, found)}），请用编号或身份证号。"
    )


def _candidates(session: Session, people: list[Person]) -> str:
    """The first five as 编号:姓名（所在党支部）, so the clerk can pick one."""
    orgs = dict(
        session.execute(
            select(Organization.id, Organization.name).where(
                Organization.id.in_({p.org_id for p in people if p.org_id})
            )
        ).all()
    )
    shown = [f"{p.id}:{p.name}（{orgs.get(p.org_id, '无党组织')}）" for p in people[:5]]
    return "、".join(shown) + ("等" if len(people) > 5 else "")
