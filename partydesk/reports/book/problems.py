"""The book's 问题清单: the problems of the organization and its host units raised in the
year or still open at its end, with who is responsible, the deadline, the state and how
each was closed (销号)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from partydesk.reports.book.layout import Layout

HEADER = ["序号", "单位", "问题", "提出日期", "责任人", "办结时限", "状态", "办结情况"]
WIDTHS = [1.05, 2.0, 2.85, 2.1, 1.6, 2.1, 1.4, 3.0]


def load(session, org, year, data) -> None:
    from partydesk.ledger.models import Unit
    from partydesk.ledger.models.develop import Problem, ProblemState
    from partydesk.problems.service import OPEN_STATES

    units = [u.id for u in org.host_units]
    start, end = date(year, 1, 1), date(year, 12, 31)
    where = [Problem.org_id == org.id]
    if units:
        where.append(Problem.unit_id.in_(units))
    rows = []
    for i, (p, unit) in enumerate(
        session.execute(
            select(Problem, Unit.name)
            .outerjoin(Unit, Unit.id == Problem.unit_id)
            .where(or_(*where), Problem.raised_on <= end)
            .where(
                (Problem.raised_on >= start)
                | Problem.state.in_(OPEN_STATES)
                | (Problem.closed_on >= start)
            )
            .order_by(Problem.raised_on, Problem.id)
        ),
        1,
    ):
        closed = ""
        if p.closed_on:
            closed = f"{p.closed_on:%Y.%m.%d} {p.resolution or ''}".strip()
        rows.append(
            [
                str(i),
                unit or "",
                p.text,
                f"{p.raised_on:%Y.%m.%d}",
                p.responsible or "",
                f"{p.due_on:%Y.%m.%d}" if p.due_on else "",
                ProblemState.label_of(p.state),
                closed,
            ]
        )
    data.extra["problems"] = rows


def build(book: Layout) -> list:
    if book.data.blank:
        rows = [[""] * len(HEADER) for _ in range(12)]
        return [book.grid(HEADER, rows, WIDTHS, row_h=book.g.body * 3)]
    rows = book.data.extra.get("problems") or []
    if not rows:
        return [book.p("本年度无问题记录。", book.s.body)]
    return [book.grid(HEADER, rows, WIDTHS)]
