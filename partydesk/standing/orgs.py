"""Per-organization standing: demonstration sites (示范点), 四个一 and the 六有 checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Instructor, Organization
from partydesk.ledger.models.standing import ChecklistMark, DemoLevel, DemoSite, GuidanceLink
from partydesk.rules import facts
from partydesk.standing import config


def _org(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"找不到编号为{org_id}的党组织。")
    return org


# -- demonstration sites ---------------------------------------------------------------


def add_demo_site(
    session: Session,
    org_id: int,
    level: str,
    year: int,
    title: str | None = None,
    today: date | None = None,
) -> DemoSite:
    """Name the organization a 示范点 of `level` in `year`: a designation already made, so
    not for a year after this one."""
    _org(session, org_id)
    lv = DemoLevel.from_text(level)
    if lv is None:
        raise ValidationError(f"示范点级别“{level}”不对，应为省级、市级或县级。", field="level")
    site = session.scalar(
        select(DemoSite).where(
            DemoSite.org_id == org_id, DemoSite.level == lv.value, DemoSite.year == year
        )
    )
    if site is None:
        facts.past_year(year, "命名示范点的年度", today, "year")
        site = DemoSite(org_id=org_id, level=lv.value, year=int(year))
        session.add(site)
    site.title = title or site.title
    session.flush()
    return site


def remove_demo_site(session: Session, site_id: int) -> None:
    session.execute(delete(DemoSite).where(DemoSite.id == site_id))


def demo_sites_by_level(session: Session) -> dict[str, list[int]]:
    """Organization ids by demonstration level (the highest named level counts once per
    organization and level, any year)."""
    out: dict[str, list[int]] = {lv.value: [] for lv in DemoLevel}
    for level, org_id in session.execute(
        select(DemoSite.level, DemoSite.org_id).distinct().order_by(DemoSite.level, DemoSite.org_id)
    ):
        out.setdefault(level, []).append(org_id)
    return out


# -- 四个一 -------------------------------------------------------------------------------

GUIDANCE_FIELDS = (
    "leader_name",
    "leader_post",
    "instructor_id",
    "pairing_unit",
    "whistle_channel",
    "note",
)


def get_guidance(session: Session, org_id: int) -> GuidanceLink | None:
    return session.scalar(select(GuidanceLink).where(GuidanceLink.org_id == org_id))


def set_guidance(session: Session, org_id: int, **fields) -> GuidanceLink:
    """Set the 四个一 of an organization; fields not given keep their value, '' clears."""
    _org(session, org_id)
    unknown = set(fields) - set(GUIDANCE_FIELDS)
    if unknown:
        raise ValidationError(f"四个一没有字段：{'、'.join(sorted(unknown))}。")
    link = get_guidance(session, org_id)
    if link is None:
        link = GuidanceLink(org_id=org_id)
        session.add(link)
    for k, v in fields.items():
        if k == "instructor_id":
            if v in (None, ""):
                v = None
            elif session.get(Instructor, int(v)) is None:
                raise NotFoundError(f"找不到编号为{v}的党建指导员。")
            else:
                v = int(v)
        elif isinstance(v, str):
            v = v.strip() or None
        setattr(link, k, v)
    session.flush()
    return link


def guidance_complete(link: GuidanceLink | None) -> bool:
    """All four of the 四个一 are in place."""
    return bool(
        link
        and link.leader_name
        and link.instructor_id
        and link.pairing_unit
        and link.whistle_channel
    )


# -- 六有 checklist -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    label: str
    done: bool
    checked_on: date | None
    note: str | None


def checklist_name(session: Session) -> str:
    return config.get(session)["checklist"]["name"]


def checklist(session: Session, org_id: int) -> list[ChecklistRow]:
    """The checklist items (from settings) with this organization's marks. Marks of items
    a county has since removed are kept in the ledger but not shown."""
    items = config.get(session)["checklist"]["items"]
    marks = {
        m.item: m
        for m in session.scalars(select(ChecklistMark).where(ChecklistMark.org_id == org_id))
    }
    out = []
    for it in items:
        m = marks.get(it["code"])
        out.append(
            ChecklistRow(
                it["code"],
                it["label"],
                bool(m and m.done),
                m.checked_on if m else None,
                m.note if m else None,
            )
        )
    return out


def set_checklist(
    session: Session, org_id: int, marks: dict[str, bool], on: date | None = None
) -> list[ChecklistRow]:
    _org(session, org_id)
    facts.past(on, "核查日期", None, "on")
    codes = {it["code"] for it in config.get(session)["checklist"]["items"]}
    for code in marks:
        if code not in codes:
            raise ValidationError(f"{checklist_name(session)}清单中没有“{code}”一项。")
    existing = {
        m.item: m
        for m in session.scalars(select(ChecklistMark).where(ChecklistMark.org_id == org_id))
    }
    for code, done in marks.items():
        m = existing.get(code)
        if m is None:
            m = ChecklistMark(org_id=org_id, item=code)
            session.add(m)
        if m.done != bool(done) or m.checked_on is None:
            m.checked_on = on or date.today()
        m.done = bool(done)
    session.flush()
    return checklist(session, org_id)


def checklist_complete_orgs(session: Session) -> list[int]:
    """Organizations with every current checklist item marked done."""
    codes = [it["code"] for it in config.get(session)["checklist"]["items"]]
    if not codes:
        return []
    rows = session.execute(
        select(ChecklistMark.org_id)
        .where(ChecklistMark.item.in_(codes), ChecklistMark.done.is_(True))
        .group_by(ChecklistMark.org_id)
        .having(func.count() == len(codes))
        .order_by(ChecklistMark.org_id)
    )
    return [r[0] for r in rows]
