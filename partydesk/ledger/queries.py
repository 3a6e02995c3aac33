"""Queries shared by the command line, the reports and the window."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError
from partydesk.ledger.models import Organization


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
