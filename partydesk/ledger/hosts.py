"""Host units (所在单位) of party organizations: the link that makes a unit count as
covered (组织覆盖). One unit for a branch of its own, several for a joint branch.

    ids = parse_units(s, "星光科技有限公司、同心社工")      # names, unique parts or numbers
    change = set_host_units(s, org_id, ids)               # validated; (before, after)
    set_host_units(s, org_id, change.before)              # undo

Writes go through the ORM, so the 操作日志 records each link added or removed. Hints about
组建方式 (an own branch with two units, a joint branch over more than five) are returned as
warnings, never refusals: the ledger records what is, the check says what looks wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Organization, OrgHostUnit, Unit

# How offices separate several names in one cell: 、，,；; and line breaks.
_SEPARATORS = re.compile(r"[、，,；;\n\r]+")


@dataclass
class HostChange:
    org_id: int
    before: list[int]
    after: list[int]
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return sorted(self.before) != sorted(self.after)


def host_units(session: Session, org_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organization's host units, by name."""
    return [
        (r[0], r[1])
        for r in session.execute(
            select(Unit.id, Unit.name)
            .join(OrgHostUnit, OrgHostUnit.unit_id == Unit.id)
            .where(OrgHostUnit.org_id == org_id)
            .order_by(Unit.name, Unit.id)
        )
    ]


def find_unit(session: Session, text: str | int) -> Unit:
    """The unit named by `text`: its number, full name, or a part of the name only one
    unit contains. NotFoundError (Chinese) otherwise."""
    t = str(text).strip()
    if not t:
        raise NotFoundError("未指定单位。")
    if t.isdigit():
        unit = session.get(Unit, int(t))
        if unit is not None:
            return unit
    exact = session.scalars(select(Unit).where(Unit.name == t).order_by(Unit.id)).all()
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise NotFoundError(
            f"有{len(exact)}个单位都叫“{t}”，请用编号：" + "、".join(str(u.id) for u in exact)
        )
    like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = session.scalars(
        select(Unit).where(Unit.name.like(f"%{like}%", escape="\\")).order_by(Unit.id).limit(6)
    ).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"找不到单位“{t}”。可用编号、全称或名称中唯一的一部分。")
    names = "、".join(f"{u.id}:{u.name}" for u in matches[:5])
    more = "等" if len(matches) > 5 else ""
    raise NotFoundError(f"“{t}”对应多个单位（{names}{more}），请写全称或编号。")


def split_names(text: str) -> list[str]:
    return [w.strip() for w in _SEPARATORS.split(text or "") if w.strip()]


def parse_units(session: Session, text: str) -> list[int]:
    """Unit ids from a cell or argument listing units separated by 、，,；; (every name
    must be found; the reasons of all that are not come back together)."""
    ids: list[int] = []
    problems: list[str] = []
    for word in split_names(text):
        try:
            uid = find_unit(session, word).id
        except NotFoundError as e:
            problems.append(str(e).rstrip("。"))
            continue
        if uid not in ids:
            ids.append(uid)
    if problems:
        raise ValidationError("所在单位：" + "；".join(problems), "host_units")
    return ids


def warnings_for(session: Session, org: Organization, unit_ids: list[int]) -> list[str]:
    """组建方式 hints for these host units (never refusals)."""
    from partydesk import settings
    from partydesk.rules.formation import DEFAULTS

    cfg = {**DEFAULTS, **(settings.get(session, "formation") or {})}
    n = len(unit_ids)
    out = []
    if org.formation == "own" and n > 1:
        out.append(f"组建方式为单独组建，却有{n}个所在单位（联合组建请改组建方式）")
    if org.formation == "joint" and n == 1:
        out.append("组建方式为联合组建，只有1个所在单位")
    if org.org_type == "joint_branch" and n > cfg["joint_max_units"]:
        out.append(f"联合党支部覆盖{n}个单位，超过{cfg['joint_max_units']}个")
    closed = (
        session.scalars(
            select(Unit.name).where(Unit.id.in_(unit_ids), Unit.status != "operating")
        ).all()
        if unit_ids
        else []
    )
    if closed:
        out.append("所在单位已注销：" + "、".join(closed))
    return out


def set_host_units(
    session: Session, org_id: int, unit_ids: list[int], *, hints: bool = True
) -> HostChange:
    """Make `unit_ids` the organization's host units (in that order of preference; the
    links not listed are removed). Returns before/after and (with `hints`) 组建方式
    warnings."""
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在，可能已被删除。")
    wanted: list[int] = []
    for uid in unit_ids:
        if uid not in wanted:
            wanted.append(uid)
    if wanted:
        found = set(session.scalars(select(Unit.id).where(Unit.id.in_(wanted))))
        missing = [str(u) for u in wanted if u not in found]
        if missing:
            raise NotFoundError(f"单位（编号 {'、'.join(missing)}）不存在，可能已被删除。")
    links = list(session.scalars(select(OrgHostUnit).where(OrgHostUnit.org_id == org_id)))
    before = [link.unit_id for link in sorted(links, key=lambda k: k.id)]
    for link in links:
        if link.unit_id not in wanted:
            session.delete(link)
    for uid in wanted:
        if uid not in before:
            session.add(OrgHostUnit(org_id=org_id, unit_id=uid))
    session.flush()
    return HostChange(org_id, before, wanted, warnings_for(session, org, wanted) if hints else [])
