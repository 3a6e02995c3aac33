"""Rows of the lists behind the dashboard figures (units, organizations, people), fetched
by id in small batches so a list of 100,000 people opens at once."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from partydesk.ledger.enums import Category, Formation, OrgType, UnitKind, UnitStatus
from partydesk.ledger.models import Organization, Person, Unit

COLUMNS = {  # kind -> column headers (Chinese, as on the ledger's forms)
    "unit": ["单位名称", "类型", "街道/社区", "从业人员", "状态"],
    "org": ["党组织名称", "类型", "组建方式", "上级党组织", "街道/社区"],
    "person": ["姓名", "人员类别", "所在党组织", "工作岗位", "手机号"],
}


def fetch(session: Session, kind: str, ids: list[int]) -> dict[int, tuple]:
    """Display rows for `ids` of `kind` ("unit", "org", "person")."""
    if not ids:
        return {}
    out: dict[int, tuple] = {}
    if kind == "unit":
        for r in session.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.street, Unit.employees, Unit.status).where(
                Unit.id.in_(ids)
            )
        ):
            out[r.id] = (
                r.name,
                UnitKind.label_of(r.kind),
                r.street or "",
                "" if r.employees is None else r.employees,
                UnitStatus.label_of(r.status),
            )
    elif kind == "org":
        parent = aliased(Organization)
        for r in session.execute(
            select(
                Organization.id,
                Organization.name,
                Organization.org_type,
                Organization.formation,
                parent.name.label("parent"),
                Organization.street,
            )
            .outerjoin(parent, parent.id == Organization.parent_id)
            .where(Organization.id.in_(ids))
        ):
            out[r.id] = (
                r.name,
                OrgType.label_of(r.org_type),
                Formation.label_of(r.formation),
                r.parent or "",
                r.street or "",
            )
    elif kind == "person":
        for r in session.execute(
            select(
                Person.id,
                Person.name,
                Person.category,
                Organization.name.label("org"),
                Person.job,
                Person.phone,
            )
            .outerjoin(Organization, Organization.id == Person.org_id)
            .where(Person.id.in_(ids))
        ):
            out[r.id] = (
                r.name,
                Category.label_of(r.category),
                r.org or "",
                r.job or "",
                r.phone or "",
            )
    else:
        raise ValueError(kind)
    return out
