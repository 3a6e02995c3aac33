"""积分公示: the notice sheet of one organization's ranking for a period (PDF)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from partydesk.ledger.enums import Category
from partydesk.points.totals import fmt
from partydesk.reports.fonts import SONG
from partydesk.reports.points.sheet import PointsSheet, title_of, working_days_after
from partydesk.reports.points.style import date_cn, esc, footer, grid_style, name_cell, styles
from partydesk.reports.points.types import Progress
from partydesk.reports.typography import Paragraph


def _fill(sheet: PointsSheet, key: str) -> str:
    """One line of the notice's wording (settings data) with the sheet's values."""
    w = sheet.wording
    days = int(w.get("days") or 5)
    start = sheet.published_on
    rules = f"基础分 {fmt(sheet.base)} 分"
    if sheet.ceiling is not None:
        rules += f"，满分 {fmt(sheet.ceiling)} 分"
    rules += "；各项目按期封顶"
    blank = "　　年　　月　　日"
    values = {
        "scheme": sheet.scheme_name,
        "period": sheet.period.label,
        "rules": rules,
        "start": date_cn(start) if start else blank,
        "end": date_cn(working_days_after(start, days)) if start else blank,
        "days": days,
        "org": sheet.org_name,
        "contact": sheet.contact or "____________",
        "phone": sheet.phone or "____________",
    }
    try:
        return str(w.get(key, "")).format(**values)
    except (KeyError, IndexError, ValueError):
        return str(w.get(key, ""))  # a mistyped placeholder prints as written


def notice_pdf(
    sheet: PointsSheet,
    out: str | Path,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """积分公示: the organization's ranking for the period, one row per person."""
    st = styles()
    out = Path(out)
    dims = sheet.dimensions
    wide = len(dims) > 5
    pagesize = landscape(A4) if wide else A4
    doc = BaseDocTemplate(
        str(out),
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=16 * mm,
        title=f"{title_of(sheet)}公示",
        author="PartyDesk",
        invariant=int(invariant),
        initialFontName=SONG,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
    doc.addPageTemplates([PageTemplate("p", [frame], onPage=footer)])

    header = ["排名", "姓名", "人员类别", "基础分", *dims, "总分", sheet.band_title]
    rows = [header]
    n = max(len(sheet.cards), 1)
    for i, c in enumerate(sheet.cards):
        rows.append(
            [
                str(c.rank),
                name_cell(c.name, 20 * mm, st),
                Category.label_of(c.category),
                fmt(c.base),
                *(fmt(sheet.dimension_points(c, d)) for d in dims),
                fmt(c.counted),
                c.band_label or "—",
            ]
        )
        if progress and i % 200 == 0:
            progress(0.8 * i / n, "正在排版…")
    fixed = [11 * mm, 20 * mm, 25 * mm, 13 * mm]
    tail = [15 * mm, 26 * mm]
    rest = doc.width - sum(fixed) - sum(tail)
    widths = fixed + [rest / max(len(dims), 1)] * len(dims) + tail
    if not dims:
        widths = fixed + [tail[0] + rest, tail[1]]
    style = grid_style()
    # Long dimension names (e.g. 学习进步星) wrap in a paragraph of their own.
    for j, d in enumerate(dims, start=4):
        rows[0][j] = Paragraph(esc(d), st["cellc"])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))

    story = [
        Paragraph(esc(sheet.org_name), st["sub"]),
        Paragraph(f"{esc(title_of(sheet))}公示", st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(esc(_fill(sheet, "intro")), st["body"]),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 5 * mm),
        Paragraph(esc(_fill(sheet, "period")), st["body"]),
        Paragraph(esc(_fill(sheet, "contact")), st["body"]),
        Spacer(1, 8 * mm),
        Paragraph(esc(sheet.org_name) + "（盖章）", st["right"]),
        Paragraph(
            date_cn(sheet.published_on) if sheet.published_on else "　　年　　月　　日",
            st["right"],
        ),
    ]
    if not sheet.cards:
        story.insert(4, Paragraph("（本期没有参加积分的人员。）", st["body"]))
    doc.build(story)
    if progress:
        progress(1.0, "完成")
    return out
