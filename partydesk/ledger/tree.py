"""Rules that need the rest of the ledger: the organization tree (no cycles, no own parent,
nothing under a 党支部, only 党支部 under a 党总支) and unique names (full names among
organizations not dissolved, unit names, credit codes). Asked by `editing.plan` for every
way a record is written, and by `partydesk check` for old ledgers.

    problems = record_problems(session, "org", merged, rec_id)   # Chinese, empty = fine
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.ledger.enums import OrgType
from partydesk.ledger.models import Organization, OrgHostUnit, Unit

BRANCHES = (OrgType.BRANCH.value, OrgType.JOINT_BRANCH.value, OrgType.WORK_BRANCH.value)


def _type_label(code: str | None) -> str:
    return OrgType.label_of(code) if code else "党组织"


def record_problems(
    session: Session,
    entity_key: str,
    values: Mapping[str, Any],
    rec_id: int | None,
    changed: set[str],
    today: date | None = None,
) -> list[str]:
    """The tree and uniqueness rules `values` (the record as it would be) breaks; only the
    rules touching a `changed` field are asked, so an old break elsewhere does not block."""
    if entity_key == "org":
        out = []
        if changed & {"parent_id", "org_type"}:
            out += _tree(session, values, rec_id)
        if "name" in changed and values.get("name"):
            out += _unique_org_name(session, values["name"], rec_id, today or date.today())
        return out
    if entity_key == "unit" and "name" in changed and values.get("name"):
        q = select(Unit.id).where(Unit.name == values["name"].strip())
        if rec_id is not None:
            q = q.where(Unit.id != rec_id)
        if session.scalar(q) is not None:
            return [f"已有名为“{values['name']}”的单位，单位名称不能重复。请核对是否为同一单位"]
    return []


def _tree(session: Session, values: Mapping[str, Any], rec_id: int | None) -> list[str]:
    parent_id, kind = values.get("parent_id"), values.get("org_type")
    out = []
    if parent_id is not None:
        if parent_id == rec_id:
            return ["上级党组织不能是它自己。请选择另一个党组织"]
        parent = session.get(Organization, parent_id)
        if parent is not None:
            if rec_id is not None and rec_id in ancestors(session, parent_id):
                out.append(
                    f"“{parent.name}”是本组织的下级，不能作为上级党组织（会形成循环）。"
                    "请选择另一个党组织"
                )
            if parent.org_type in BRANCHES:
                out.append(
                    f"“{parent.name}”是{_type_label(parent.org_type)}，党支部下不能再设党组织。"
                    "请选择党委或党总支"
                )
            elif parent.org_type == OrgType.GENERAL_BRANCH.value and kind not in BRANCHES:
                out.append(
                    f"“{parent.name}”是党总支，其下只能设党支部（本组织为{_type_label(kind)}）。"
                    "请选择党委作为上级，或改党组织类别"
                )
    if rec_id is not None:
        children = session.execute(
            select(Organization.org_type, func.count())
            .where(Organization.parent_id == rec_id)
            .group_by(Organization.org_type)
        ).all()
        n = sum(c for _t, c in children)
        if kind in BRANCHES and n:
            out.append(
                f"本组织下有{n}个党组织，不能改为{_type_label(kind)}（党支部下不设党组织）。"
                "请先调整下级党组织的上级"
            )
        elif kind == OrgType.GENERAL_BRANCH.value and any(t not in BRANCHES for t, _ in children):
            out.append(
                "本组织下有党委或党总支，不能改为党总支（党总支下只设党支部）。"
                "请先调整下级党组织的上级"
            )
    return out


def ancestors(session: Session, org_id: int) -> list[int]:
    """`org_id` and the chain of its parents (stopping at a cycle an old ledger holds)."""
    seen: list[int] = []
    cur: int | None = org_id
    while cur is not None and cur not in seen:
        seen.append(cur)
        cur = session.scalar(select(Organization.parent_id).where(Organization.id == cur))
    return seen


def _unique_org_name(session: Session, name: str, rec_id: int | None, today: date) -> list[str]:
    from partydesk.stats import live_org

    q = select(Organization.id).where(Organization.name == name.strip(), live_org(today))
    if rec_id is not None:
        q = q.where(Organization.id != rec_id)
    if session.scalar(q) is not None:
        return [
            f"已有全称为“{name}”的党组织（未撤销），党组织全称不能重复。"
            "请核对是否为同一组织，或写出全称的区别"
        ]
    return []


def sole_host_of(session: Session, unit_id: int, today: date | None = None) -> list[str]:
    """Names of the live organizations whose only host is this unit: deleting it takes
    their 组织覆盖 away."""
    from partydesk.stats import live_org

    hosts = (
        select(OrgHostUnit.org_id)
        .group_by(OrgHostUnit.org_id)
        .having(func.count() == 1, func.max(OrgHostUnit.unit_id) == unit_id)
    )
    return list(
        session.scalars(
            select(Organization.name)
            .where(Organization.id.in_(hosts), live_org(today or date.today()))
            .order_by(Organization.name)
        )
    )


def coverage_loss(session: Session, unit_ids: list[int], today: date | None = None) -> str:
    """What deleting these units takes away, in Chinese ("" when nothing): asked before the
    delete in the window and on the command line."""
    names = sorted({n for uid in unit_ids for n in sole_host_of(session, uid, today)})
    if not names:
        return ""
    shown = "、".join(f"“{n}”" for n in names[:5]) + (f"等{len(names)}个" if len(names) > 5 else "")
    return (
        f"删除后，{shown}党组织将没有所在单位，所在单位不再计入组织覆盖"
        "（覆盖情况表、统计和工作台的覆盖数随之减少）。"
    )
