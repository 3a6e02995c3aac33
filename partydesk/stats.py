"""两个覆盖 (organization and work coverage) and the ledger's headline counts.

`coverage(session)` is what `partydesk stats` prints and what the dashboard shows. Every
figure comes from SQL aggregates, so it stays fast with 100,000 people.

Definitions (a unit is a 两新组织 row of the `unit` table):

- **total** (两新组织总数): units whose status is `operating`. Closed units count nowhere.
- A *live organization* is one with no `dissolved_on`, or one dissolved after `today`.
  Work branches (工作支部) gather members whose membership is elsewhere; they do not
  count as organization coverage of any unit.
- **own** (单独组建): the unit is a host unit of a live organization that is either
  formed `own` (单独建), or is a branch / general branch / committee (党支部 / 党总支 /
  党委) whose only host unit is this one (so a 选派建 or 兜底建 branch in one unit
  counts here).
- **joint** (联合组建): not own, but a host unit of another live organization (a 联合党
  支部, or any organization hosted by two or more units, e.g. a 兜底建 branch covering
  several units).
- **work_only** (仅工作覆盖): no organization, but an active instructor assignment (the
  instructor is active, the assignment has started on or before `today` and has not
  ended before it) or a 工会 (`has_union`) or 团组织 (`has_league`).
- **uncovered** (未覆盖): the rest. own + joint + work_only + uncovered = total.
- 组织覆盖率 `org_rate` = (own + joint) / total; 单独组建率 `own_rate` = own / total;
  工作覆盖率 `work_rate` = (own + joint + work_only) / total (0 when total is 0).

Counts: live organizations by type and by 组建方式; people on the books (status
`active`) by category; party members (full + probationary); flowing and lost-contact
members; active instructors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from partydesk.ledger.enums import Category, Formation, OrgType
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)

SINGLE_HOST_TYPES = (OrgType.COMMITTEE.value, OrgType.GENERAL_BRANCH.value, OrgType.BRANCH.value)


@dataclass
class Coverage:
    """The 两个覆盖 figures on `today`, with the unit ids in each bucket (sorted)."""

    today: date
    total: int = 0
    own_ids: list[int] = field(default_factory=list)
    joint_ids: list[int] = field(default_factory=list)
    work_only_ids: list[int] = field(default_factory=list)
    uncovered_ids: list[int] = field(default_factory=list)
    orgs_by_type: dict[str, int] = field(default_factory=dict)
    orgs_by_formation: dict[str, int] = field(default_factory=dict)  # "" = not set
    people_by_category: dict[str, int] = field(default_factory=dict)
    members: int = 0  # 党员: full + probationary, on the books
    flowing: int = 0  # 流动党员
    lost_contact: int = 0  # 失联党员
    instructors: int = 0  # active 党建指导员
    units_by_kind: dict[str, int] = field(default_factory=dict)  # operating units

    @property
    def own(self) -> int:
        return len(self.own_ids)

    @property
    def joint(self) -> int:
        return len(self.joint_ids)

    @property
    def work_only(self) -> int:
        return len(self.work_only_ids)

    @property
    def uncovered(self) -> int:
        return len(self.uncovered_ids)

    @property
    def org_covered(self) -> int:
        return self.own + self.joint

    @property
    def org_rate(self) -> float:
        """组织覆盖率 = (own + joint) / total."""
        return self.org_covered / self.total if self.total else 0.0

    @property
    def own_rate(self) -> float:
        """单独组建率 = own / total."""
        return self.own / self.total if self.total else 0.0

    @property
    def work_rate(self) -> float:
        """工作覆盖率 = (own + joint + work_only) / total."""
        return (self.org_covered + self.work_only) / self.total if self.total else 0.0

    def bucket_of(self, unit_id: int) -> str | None:
        """ "own" / "joint" / "work_only" / "uncovered", or None for a unit not counted."""
        for name in BUCKETS:
            if unit_id in getattr(self, f"{name}_ids"):
                return name
        return None


# Bucket codes and their Chinese labels, in report order.
BUCKETS = {"own": "单独组建", "joint": "联合组建", "work_only": "仅工作覆盖", "uncovered": "未覆盖"}


def live_org(today: date):
    """SQL condition: the organization exists on `today`."""
    return or_(Organization.dissolved_on.is_(None), Organization.dissolved_on > today)


def active_assignment(today: date):
    """SQL condition on InstructorAssignment joined to Instructor: guiding on `today`."""
    return and_(
        Instructor.active.is_(True),
        or_(InstructorAssignment.start_on.is_(None), InstructorAssignment.start_on <= today),
        or_(InstructorAssignment.end_on.is_(None), InstructorAssignment.end_on >= today),
    )


def unit_members(session: Session) -> dict[int, tuple[int, int]]:
    """{unit id: (full members, full + probationary)} on the books, counted from the
    people whose 工作单位 is the unit: the one member count of a unit (coverage report,
    formation hints, survey defaults, check)."""
    full = func.sum(case((Person.category == Category.FULL.value, 1), else_=0))
    rows = session.execute(
        select(Person.unit_id, full, func.count())
        .where(
            Person.status == "active",
            Person.category.in_((Category.FULL.value, Category.PROBATIONARY.value)),
            Person.unit_id.is_not(None),
        )
        .group_by(Person.unit_id)
    ).all()
    return {k: (int(f or 0), int(n)) for k, f, n in rows}


def org_coverage(session: Session, today: date) -> dict[int, bool]:
    """{unit id: True when covered by its own organization, False when only by a joint
    one} for units hosting a live organization (work branches aside)."""
    hosts = (
        select(OrgHostUnit.org_id, func.count().label("n")).group_by(OrgHostUnit.org_id).subquery()
    )
    own_flag = case(
        (
            or_(
                Organization.formation == Formation.OWN.value,
                and_(Organization.org_type.in_(SINGLE_HOST_TYPES), hosts.c.n == 1),
            ),
            1,
        ),
        else_=0,
    )
    rows = session.execute(
        select(OrgHostUnit.unit_id, func.max(own_flag))
        .join(Organization, Organization.id == OrgHostUnit.org_id)
        .join(hosts, hosts.c.org_id == Organization.id)
        .where(live_org(today), Organization.org_type != OrgType.WORK_BRANCH.value)
        .group_by(OrgHostUnit.unit_id)
    ).all()
    return {uid: bool(flag) for uid, flag in rows}


def coverage(session: Session, today: date | None = None) -> Coverage:
    """The 两个覆盖 figures (see the module docstring for the exact definitions)."""
    today = today or date.today()
    cov = Coverage(today)

    units = session.execute(
        select(Unit.id, Unit.kind, Unit.has_union, Unit.has_league)
        .where(Unit.status == "operating")
        .order_by(Unit.id)
    ).all()
    cov.total = len(units)

    org_cov = org_coverage(session, today)
    guided = set(
        session.scalars(
            select(InstructorAssignment.unit_id)
            .join(Instructor, Instructor.id == InstructorAssignment.instructor_id)
            .where(InstructorAssignment.unit_id.is_not(None), active_assignment(today))
            .distinct()
        )
    )
    kinds: dict[str, int] = {}
    for uid, kind, union, league in units:
        kinds[kind] = kinds.get(kind, 0) + 1
        flag = org_cov.get(uid)
        if flag is True:
            cov.own_ids.append(uid)
        elif flag is False:
            cov.joint_ids.append(uid)
        elif uid in guided or union or league:
            cov.work_only_ids.append(uid)
        else:
            cov.uncovered_ids.append(uid)
    cov.units_by_kind = kinds

    cov.orgs_by_type = dict(
        session.execute(
            select(Organization.org_type, func.count())
            .where(live_org(today))
            .group_by(Organization.org_type)
        ).all()
    )
    cov.orgs_by_formation = {
        (k or ""): n
        for k, n in session.execute(
            select(Organization.formation, func.count())
            .where(live_org(today))
            .group_by(Organization.formation)
        ).all()
    }
    on_books = Person.status == "active"
    cov.people_by_category = dict(
        session.execute(
            select(Person.category, func.count()).where(on_books).group_by(Person.category)
        ).all()
    )
    member = Person.category.in_([c.value for c in (Category.PROBATIONARY, Category.FULL)])
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Person.is_flowing.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(case((Person.lost_contact.is_(True), 1), else_=0)), 0),
        ).where(on_books, member)
    ).one()
    cov.members, cov.flowing, cov.lost_contact = (int(x) for x in row)
    cov.instructors = (
        session.scalar(
            select(func.count()).select_from(Instructor).where(Instructor.active.is_(True))
        )
        or 0
    )
    return cov
