"""A table as shown, printed as a list (A4 landscape): the rows a `ListQuery` selects, in
its order, the chosen columns with their Chinese labels, the heading row repeated on every
page, and the search and filters named under the title — what a clerk hands round when
"printing the table" (打印当前表格)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from partydesk.ledger import fields as F
from partydesk.ledger import listing
from partydesk.reports.fonts import HEI, SONG, register_fonts

SIZE = 9.0  # body text when the columns fit across a landscape page
MIN_SIZE = 6.5  # smallest body text before wide columns wrap instead
PAD = 2.5  # cell padding left and right (points)
_LATIN_RUN = re.compile(r"[0-9A-Za-z.:\-/@]+")
CHUNK = 400  # rows per platypus table: one table of 100,000 rows would be laid out at once


class Cancelled(Exception):
    """The clerk stopped the list while it was being written."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(headers: list[str], rows: list[list[str]], total: float) -> tuple[float, list]:
    """The font size and column widths: each column as wide as its widest text (the first
    rows as a sample) at the largest size from SIZE down to MIN_SIZE that fits the page;
    when even that is too wide, the widest columns are narrowed (their text wraps) until
    it fits, none below three characters and no date or number broken."""
    natural, unbroken = [], []
    for i, h in enumerate(headers):
        widest = max([stringWidth(h, HEI, 1)] + [stringWidth(r[i], SONG, 1) for r in rows])
        natural.append(widest)
        runs = [t for r in rows for t in _LATIN_RUN.findall(r[i])]
        unbroken.append(max([stringWidth(t, SONG, 1) for t in runs], default=0))
    pad = 2 * PAD + 1
    size = SIZE
    while size > MIN_SIZE and sum(w * size + pad for w in natural) > total:
        size -= 0.5
    widths = [w * size + pad for w in natural]
    # a date or an ID number is never broken; Chinese text may wrap after any character
    floors = [
        min(w, max(3 * size + pad, u * size + pad)) for w, u in zip(widths, unbroken, strict=True)
    ]
    if sum(widths) > total:
        lo, hi = 0.0, max(widths)
        for _ in range(40):  # the cap for which the narrowed columns just fit
            cap = (lo + hi) / 2
            if sum(max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True)) > total:
                hi = cap
            else:
                lo = cap
        widths = [max(f, min(w, lo)) for w, f in zip(widths, floors, strict=True)]
    scale = total / sum(widths)
    return size, [w * scale for w in widths]


def describe(entity: str, query: listing.ListQuery) -> str:
    """The search and filters in words, e.g. 搜索“张”；人员类别：预备党员、发展对象."""
    parts = []
    if query.text.strip():
        parts.append(f"搜索“{query.text.strip()}”")
    for name, values in query.filters.items():
        col = listing.column(entity, name)
        shown = "、".join(listing.display(entity, name, v) or "（空）" for v in values)
        parts.append(f"{col.label}：{shown}")
    if query.sort:
        order = "倒序" if query.descending else "顺序"
        parts.append(f"按{listing.column(entity, query.sort).label}{order}")
    return "；".join(parts)


def write_list(
    session: Session,
    query: listing.ListQuery,
    names: Sequence[str],
    target: str | Path,
    *,
    title: str | None = None,
    today: date | None = None,
    invariant: bool = False,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the rows `query` selects, columns `names`, to `target`; returns the page
    count. Raises Cancelled when `cancelled()` turns true."""
    register_fonts()
    entity = query.entity
    label = F.entity(entity).label
    cols = [listing.column(entity, n) for n in names]
    headers = ["序号", *[c.label for c in cols]]
    ids = listing.query_ids(session, query)
    h1 = ParagraphStyle("h1", fontName=HEI, fontSize=16, leading=22, alignment=1)
    small = ParagraphStyle("small", fontName=SONG, fontSize=9, leading=13)
    day = today or date.today()
    heading = title or f"{label}名单"
    note = describe(entity, query)
    story: list = [
        Paragraph(_escape(heading), h1),
        Paragraph(
            _escape(
                f"共 {len(ids)} 条" + (f"（{note}）" if note else "") + f"  {day:%Y年%m月%d日}"
            ),
            small,
        ),
        Spacer(1, 0.3 * cm),
    ]
    pagesize = landscape(A4)
    margin = 1.2 * cm
    widths: list[float] | None = None
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ]
    )
    for k in range(0, max(len(ids), 1), CHUNK):
        if cancelled is not None and cancelled():
            raise Cancelled
        chunk = ids[k : k + CHUNK]
        rows = listing.fetch_rows(session, entity, chunk, list(names)) if chunk else {}
        texts = [
            [
                str(k + j + 1),
                *[listing.display(entity, n, v) for n, v in zip(names, rows[i][1:], strict=True)],
            ]
            for j, i in enumerate(chunk)
            if i in rows
        ]
        if widths is None:
            size, widths = _layout(headers, texts[:200], pagesize[0] - 2 * margin)
            body = ParagraphStyle("cell", fontName=SONG, fontSize=size, leading=size * 1.3)
            head = ParagraphStyle("head", parent=body, fontName=HEI)
        cells = [[Paragraph(_escape(h), head) for h in headers]]
        cells += [[Paragraph(_escape(v), body) for v in r] for r in texts]
        story.append(Table(cells, colWidths=widths, repeatRows=1, style=style))
        if progress is not None and ids:
            progress(min(k + CHUNK, len(ids)) / len(ids) * 0.6, f"正在排版 {k + len(chunk)} 条…")

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(SONG, 8)
        canvas.drawCentredString(pagesize[0] / 2, 0.6 * cm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(target),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=heading,
        author="PartyDesk",
        creator="PartyDesk",
        invariant=1 if invariant else 0,
        initialFontName=SONG,
    )
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    if progress is not None:
        progress(1.0, "")
    return doc.page
