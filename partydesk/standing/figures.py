"""The figures of the dashboard (工作台), computed headless so the window, the command line
and the tests read the same numbers. Each figure carries the ids of the list behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import reminders as reminders_mod
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Person
from partydesk.ledger.models.standing import DemoLevel
from partydesk.standing import orgs, rating, survey

STAR_NAMES = {5: "五星", 4: "四星", 3: "三星", 2: "二星", 1: "一星", 0: "未评星"}


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard and the records behind it."""

    key: str
    label: str
    value: str  # as shown, e.g. "85.0%" or "12"
    kind: str  # "unit", "org" or "person": what `ids` are
    ids: list[int] = field(default_factory=list)
    count: int = 0  # how many records the figure stands for (len(ids) unless a rate)


@dataclass
class DashboardData:
    today: date
    rating_year: int
    coverage: list[Figure]  # 组织覆盖率, 单独组建率, 工作覆盖率, 未覆盖单位
    coverage_parts: list[Figure]  # own / joint / work-only / uncovered, for the pie
    stars: list[Figure]  # five stars … no star, for rating_year
    demo_sites: list[Figure]  # provincial / city / county
    categories: list[Figure]  # people by category (the pipeline)
    survey: Figure  # units not yet surveyed this period
    survey_label: str
    reminders: list[reminders_mod.Reminder]
    coverage_note: str = ""  # why coverage is missing, when it is

    def all_figures(self) -> list[Figure]:
        return [
            *self.coverage,
            *self.coverage_parts,
            *self.stars,
            *self.demo_sites,
            *self.categories,
            self.survey,
        ]

    def figure(self, key: str) -> Figure:
        for f in self.all_figures():
            if f.key == key:
                return f
        raise KeyError(key)


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "—"


def coverage_figures(session: Session, today: date) -> tuple[list[Figure], list[Figure], str]:
    """Coverage figures from partydesk.stats.coverage (the ledger's one set of coverage
    formulas), with the unit ids behind each."""
    from partydesk.stats import coverage

    c = coverage(session, today)
    own, joint = list(c.own_ids), list(c.joint_ids)
    work, unc = list(c.work_only_ids), list(c.uncovered_ids)
    org_cov = sorted(own + joint)
    work_cov = sorted(own + joint + work)

    def rate(r: float) -> str:
        return f"{r:.1%}" if c.total else "—"

    main = [
        Figure("org_coverage", "组织覆盖率", rate(c.org_rate), "unit", org_cov, len(org_cov)),
        Figure("own_rate", "单独组建率", rate(c.own_rate), "unit", own, len(own)),
        Figure("work_coverage", "工作覆盖率", rate(c.work_rate), "unit", work_cov, len(work_cov)),
        Figure("uncovered", "未覆盖单位", str(len(unc)), "unit", unc, len(unc)),
    ]
    parts = [
        Figure("cov_own", "单独组建", str(len(own)), "unit", own, len(own)),
        Figure("cov_joint", "联合组建", str(len(joint)), "unit", joint, len(joint)),
        Figure("cov_work", "仅工作覆盖", str(len(work)), "unit", work, len(work)),
        Figure("cov_none", "未覆盖", str(len(unc)), "unit", unc, len(unc)),
    ]
    return main, parts, ""


def star_figures(session: Session, year: int) -> list[Figure]:
    by = rating.stars_by_level(session, year)
    out = []
    for s in (5, 4, 3, 2, 1, 0):
        ids = by.get(s, [])
        out.append(Figure(f"stars_{s}", STAR_NAMES[s], str(len(ids)), "org", ids, len(ids)))
    return out


def demo_figures(session: Session) -> list[Figure]:
    by = orgs.demo_sites_by_level(session)
    return [
        Figure(
            f"demo_{lv.value}",
            f"{lv.label}示范点",
            str(len(by.get(lv.value, []))),
            "org",
            by.get(lv.value, []),
            len(by.get(lv.value, [])),
        )
        for lv in DemoLevel
    ]


def category_figures(session: Session) -> list[Figure]:
    ids: dict[str, list[int]] = {c.value: [] for c in Category}
    for pid, cat in session.execute(
        select(Person.id, Person.category).where(Person.status == "active").order_by(Person.id)
    ):
        ids.setdefault(cat, []).append(pid)
    return [
        Figure(
            f"cat_{c.value}",
            c.label,
            str(len(ids[c.value])),
            "person",
            ids[c.value],
            len(ids[c.value]),
        )
        for c in Category
    ]


def dashboard(
    session: Session,
    today: date | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DashboardData | None:
    """Every figure of the dashboard. Returns None when `cancelled()` turns true."""
    today = today or date.today()
    step = progress or (lambda f, t: None)
    stop = cancelled or (lambda: False)
    step(0.05, "正在统计覆盖情况…")
    cov, parts, note = coverage_figures(session, today)
    if stop():
        return None
    step(0.35, "正在统计评星定级…")
    year = today.year
    by_year = rating.stars_by_level(session, year)
    if not by_year:
        year = rating.latest_year(session) or today.year
    stars = star_figures(session, year)
    demo = demo_figures(session)
    if stop():
        return None
    step(0.5, "正在统计党员与发展对象…")
    cats = category_figures(session)
    if stop():
        return None
    step(0.7, "正在统计六个清摸排…")
    st = survey.survey_status(session, today)
    surv = Figure(
        "unsurveyed",
        f"{st.label}未摸排单位",
        str(len(st.unsurveyed_ids)),
        "unit",
        st.unsurveyed_ids,
        len(st.unsurveyed_ids),
    )
    if stop():
        return None
    step(0.85, "正在汇总待办…")
    rem = reminders_mod.by_urgency(reminders_mod.collect(session, today), today)
    step(1.0, "")
    return DashboardData(today, year, cov, parts, stars, demo, cats, surv, st.label, rem, note)
