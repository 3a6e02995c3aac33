"""Upward reports (报表) in Excel: the coverage table (one row per unit with the 六个清
fields), the member summary per organization, the organization table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import and_, case, func, or_, select

from partydesk.excel.report_layout import finish_report
from partydesk.excel.writing import write_table
from partydesk.ledger import enums
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    PartyGroup,
    Person,
    Unit,
)

REPORTS = {
    "coverage": "两新组织党建工作覆盖情况统计表",
    "members": "党员队伍情况统计表",
    "orgs": "党组织基本情况统计表",
}
MEMBER_CODES = [c.value for c in enums.MEMBER_CATEGORIES]
HIGHER_EDUCATION = ("大专", "专科", "本科", "研究生", "硕士", "博士")


def _guides(session, today: date) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Instructors currently guiding each unit and each organization (names)."""
    by_unit: dict[int, list[str]] = defaultdict(list)
    by_org: dict[int, list[str]] = defaultdict(list)
    q = (
        select(InstructorAssignment.unit_id, InstructorAssignment.org_id, Instructor.name)
        .join(Instructor, Instructor.id == InstructorAssignment.instructor_id)
        .where(Instructor.active.is_(True))
        .where(or_(InstructorAssignment.end_on.is_(None), InstructorAssignment.end_on >= today))
        .order_by(InstructorAssignment.id)
    )
    for unit_id, org_id, name in session.execute(q):
        if unit_id is not None and name not in by_unit[unit_id]:
            by_unit[unit_id].append(name)
        if org_id is not None and name not in by_org[org_id]:
            by_org[org_id].append(name)
    return by_unit, by_org


def _live_orgs():
    return Organization.dissolved_on.is_(None)


# The coverage column's words for stats' buckets.
COVER_WORDS = {
    "own": "组织覆盖",
    "joint": "组织覆盖",
    "work_only": "工作覆盖",
    "uncovered": "未覆盖",
}


def coverage_rows(session, today: date) -> tuple[list[str], list[tuple]]:
    headers = [
        "序号",
        "单位名称",
        "统一社会信用代码",
        "组织类别",
        "所在街道",  # 经营主体清
        "法定代表人",
        "经营状态",
        "从业人员数",  # 从业人员清
        "党员数",
        "党组织名称",
        "党组织类别",
        "组建方式",  # 党组织清 / 组织架构清 / 党员清
        "党建指导员",
        "建立工会",
        "建立团组织",
        "覆盖情况",  # 指导员清 / 两个覆盖
    ]
    orgs_of: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    q = (
        select(
            OrgHostUnit.unit_id,
            Organization.id,
            Organization.name,
            Organization.org_type,
            Organization.formation,
        )
        .join(Organization, Organization.id == OrgHostUnit.org_id)
        .where(_live_orgs())
        .order_by(Organization.id)
    )
    org_ids_of: dict[int, list[int]] = defaultdict(list)
    for unit_id, org_id, name, otype, formation in session.execute(q):
        orgs_of[unit_id].append((name, otype, formation))
        org_ids_of[unit_id].append(org_id)
    from partydesk.stats import coverage, unit_members

    # The ledger's one set of figures: the same buckets and member counts as `stats`,
    # the dashboard and the survey; a closed unit is listed but counted nowhere.
    counted = {uid: n for uid, (_full, n) in unit_members(session).items()}
    cov = coverage(session, today)
    by_unit, by_org = _guides(session, today)
    rows = []
    units = session.execute(select(Unit).order_by(Unit.street, Unit.id)).scalars()
    for n, u in enumerate(units, start=1):
        orgs = orgs_of.get(u.id, [])
        guides = list(by_unit.get(u.id, []))
        for oid in org_ids_of.get(u.id, []):
            guides += [g for g in by_org.get(oid, []) if g not in guides]
        bucket = cov.bucket_of(u.id)
        cover = COVER_WORDS[bucket] if bucket else "不计（已注销）"
        members = counted.get(u.id, 0)
        rows.append(
            (
                n,
                u.name,
                u.credit_code,
                enums.UnitKind.label_of(u.kind),
                u.street,
                u.legal_rep,
                enums.UnitStatus.label_of(u.status),
                u.employees,
                members,
                "、".join(o[0] for o in orgs) or "未建",
                "、".join(dict.fromkeys(enums.OrgType.label_of(o[1]) for o in orgs)) or "未建",
                "、".join(dict.fromkeys(enums.Formation.label_of(o[2]) for o in orgs if o[2]))
                or ("未建" if not orgs else ""),
                "、".join(guides),
                "是" if u.has_union else "否",
                "是" if u.has_league else "否",
                cover,
            )
        )
    return headers, rows


def _cat_sum(code: str):
    return func.sum(case((Person.category == code, 1), else_=0))


def members_rows(session, today: date) -> tuple[list[str], list[tuple]]:
    headers = [
        "序号",
        "党组织",
        "所在单位",
        "党员合计",
        "正式党员",
        "预备党员",
        "发展对象",
        "入党积极分子",
        "入党申请人",
        "女党员",
        "少数民族党员",
        "35岁及以下党员",
        "大专及以上学历党员",
        "流动党员",
        "失联党员",
    ]
    member = Person.category.in_(MEMBER_CODES)
    young = date(today.year - 35, today.month, min(today.day, 28))
    higher = or_(*[Person.education.like(f"%{w}%") for w in HIGHER_EDUCATION])

    def msum(cond):
        return func.sum(case((and_(member, cond), 1), else_=0))

    q = (
        select(
            Person.org_id,
            func.sum(case((member, 1), else_=0)),
            _cat_sum("full"),
            _cat_sum("probationary"),
            _cat_sum("target"),
            _cat_sum("activist"),
            _cat_sum("applicant"),
            msum(Person.sex == "F"),
            msum(
                and_(
                    Person.ethnicity.is_not(None),
                    Person.ethnicity != "",
                    Person.ethnicity.not_in(("汉", "汉族")),
                )
            ),
            msum(Person.birth_date > young),
            msum(higher),
            msum(Person.is_flowing.is_(True)),
            msum(Person.lost_contact.is_(True)),
        )
        .where(Person.status == "active")
        .group_by(Person.org_id)
    )
    stats = {r[0]: [int(x or 0) for x in r[1:]] for r in session.execute(q)}
    hosts: dict[int, list[str]] = defaultdict(list)
    for org_id, name in session.execute(
        select(OrgHostUnit.org_id, Unit.name)
        .join(Unit, Unit.id == OrgHostUnit.unit_id)
        .order_by(OrgHostUnit.id)
    ):
        hosts[org_id].append(name)
    rows = []
    totals = [0] * 12
    orgs = session.execute(
        select(Organization.id, Organization.name).where(_live_orgs()).order_by(Organization.id)
    ).all()
    n = 0
    for oid, name in orgs:
        s = stats.get(oid, [0] * 12)
        n += 1
        rows.append((n, name, "、".join(hosts.get(oid, [])), *s))
        totals = [a + b for a, b in zip(totals, s, strict=True)]
    if None in stats:
        s = stats[None]
        n += 1
        rows.append((n, "（未分配党组织）", "", *s))
        totals = [a + b for a, b in zip(totals, s, strict=True)]
    rows.append(("合计", "", "", *totals))
    return headers, rows


def orgs_rows(session, today: date) -> tuple[list[str], list[tuple]]:
    headers = [
        "序号",
        "党组织全称",
        "党组织类别",
        "组建方式",
        "上级党组织",
        "所在单位",
        "所在街道",
        "成立日期",
        "本届任期开始",
        "本届任期届满",
        "书记",
        "正式党员",
        "预备党员",
        "党小组数",
        "党建指导员",
        "联系电话",
    ]
    names = dict(session.execute(select(Organization.id, Organization.name)).all())
    people = dict(
        session.execute(
            select(Person.id, Person.name).where(Person.id.in_(select(Organization.secretary_id)))
        ).all()
    )
    counts = defaultdict(lambda: [0, 0])
    for org_id, cat, c in session.execute(
        select(Person.org_id, Person.category, func.count())
        .where(Person.status == "active", Person.category.in_(MEMBER_CODES))
        .group_by(Person.org_id, Person.category)
    ):
        counts[org_id][0 if cat == "full" else 1] += c
    groups = dict(
        session.execute(select(PartyGroup.org_id, func.count()).group_by(PartyGroup.org_id)).all()
    )
    hosts: dict[int, list[str]] = defaultdict(list)
    for org_id, name in session.execute(
        select(OrgHostUnit.org_id, Unit.name)
        .join(Unit, Unit.id == OrgHostUnit.unit_id)
        .order_by(OrgHostUnit.id)
    ):
        hosts[org_id].append(name)
    _, by_org = _guides(session, today)
    rows = []
    q = select(Organization).where(_live_orgs()).order_by(Organization.id)
    for n, o in enumerate(session.execute(q).scalars(), start=1):
        rows.append(
            (
                n,
                o.name,
                enums.OrgType.label_of(o.org_type),
                enums.Formation.label_of(o.formation),
                names.get(o.parent_id, ""),
                "、".join(hosts.get(o.id, [])),
                o.street,
                o.founded_on,
                o.term_start,
                o.term_end,
                people.get(o.secretary_id, ""),
                counts[o.id][0],
                counts[o.id][1],
                groups.get(o.id, 0),
                "、".join(by_org.get(o.id, [])),
                o.contact_phone,
            )
        )
    return headers, rows


BUILDERS = {"coverage": coverage_rows, "members": members_rows, "orgs": orgs_rows}


def write_report(
    ledger,
    name: str,
    path: str | Path,
    *,
    today: date | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write report `name` (coverage, members, orgs) to `path`; returns its data rows."""
    from partydesk.errors import ValidationError

    if name not in BUILDERS:
        raise ValidationError(f"未知的报表：{name}（可用：{'、'.join(BUILDERS)}）")
    today = today or date.today()
    with ledger.Session() as session:
        headers, rows = BUILDERS[name](session, today)
        totals = _totals(headers, rows)
        notes = []
        if name == "coverage":
            rate, notes = _coverage_notes(session, today)
            totals[-1] = f"组织覆盖率 {rate}"
    n = write_table(
        path,
        headers,
        rows,
        sheet_title=REPORTS[name],
        title=REPORTS[name],
        subtitle=f"统计日期：{today:%Y年%m月%d日}",
        total=len(rows),
        progress=progress,
        cancelled=cancelled,
    )
    has_own = bool(rows) and rows[-1][0] == "合计"  # a builder that totals for itself
    finish_report(path, len(headers), header_row=3, totals=[] if has_own else [totals], notes=notes)
    return n


def _totals(headers: list[str], rows: list[tuple]) -> list:
    """合计: the number of rows, and the sum of every numeric column."""
    out: list = ["合计", f"{len(rows)} 个"] + [""] * (len(headers) - 2)
    for j in range(2, len(headers)):
        vals = [r[j] for r in rows if r[j] is not None and r[j] != ""]
        if vals and all(isinstance(v, int | float) and not isinstance(v, bool) for v in vals):
            out[j] = sum(vals)
    return out


def _coverage_notes(session, today: date) -> tuple[str, list[str]]:
    """The coverage rates under the coverage table, as `partydesk stats` counts them."""
    from partydesk.stats import coverage

    c = coverage(session, today)
    return f"{c.org_rate:.1%}", [
        f"在营两新组织 {c.total} 个：单独组建 {c.own} 个，联合组建 {c.joint} 个，"
        f"仅工作覆盖 {c.work_only} 个，未覆盖 {c.total - c.org_covered - c.work_only} 个。"
        f"组织覆盖率 {c.org_rate:.1%}，单独组建率 {c.own_rate:.1%}，工作覆盖率 {c.work_rate:.1%}。"
    ]
