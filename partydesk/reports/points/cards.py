"""一人一卡: one points card per person, two to an A4 page (PDF)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.points.totals import Card, fmt
from partydesk.reports.fonts import HEI, SONG
from partydesk.reports.points.sheet import PointsSheet, card_title
from partydesk.reports.points.style import esc, grid_style, name_cell, styles
from partydesk.reports.points.types import Progress
from partydesk.reports.typography import Paragraph


def _card_flowables(sheet: PointsSheet, card: Card, total: int, st, width: float) -> list:
    head = [
        Paragraph(esc(card_title(sheet)), st["card_title"]),
        Paragraph(f"{esc(sheet.period.label)}　　{esc(sheet.org_name)}", st["sub"]),
        Spacer(1, 2 * mm),
    ]
    info = Table(
        [
            [
                "姓名",
                name_cell(card.name, 28 * mm, st),
                "人员类别",
                Category.label_of(card.category),
                "排名",
                f"第 {card.rank} 名 / 共 {total} 人",
            ]
        ],
        colWidths=[14 * mm, 28 * mm, 20 * mm, 26 * mm, 14 * mm, width - 102 * mm],
    )
    info.setStyle(
        TableStyle(
            grid_style(0)
            + [
                ("FONTNAME", (0, 0), (0, 0), HEI),
                ("FONTNAME", (2, 0), (2, 0), HEI),
                ("FONTNAME", (4, 0), (4, 0), HEI),
            ]
        )
    )
    per = {"month": "每月上限", "quarter": "每季上限", "year": "每年上限"}[sheet.scheme_period]
    rows = [["方面", "积分项目", "分值", per, "次数", "得分"]]
    spans = []
    start, prev = 1, None
    for it in sheet.items:
        line = card.items.get(it.id)
        rows.append(
            [
                it.dimension if it.dimension != prev else "",
                Paragraph(esc(it.name), st["cell"]),
                fmt(it.points) if it.points < 0 else f"+{fmt(it.points)}",
                fmt(it.cap) if it.cap is not None else "不限",
                str(line.count) if line and line.count else "",
                fmt(line.counted) if line and line.count else "",
            ]
        )
        if it.dimension != prev:
            if prev is not None and len(rows) - 2 > start:
                spans.append(("SPAN", (0, start), (0, len(rows) - 2)))
            start, prev = len(rows) - 1, it.dimension
    if len(rows) - 1 > start:
        spans.append(("SPAN", (0, start), (0, len(rows) - 1)))
    n_items = len(rows)
    sign = "＋" if card.earned >= 0 else "－"
    over = f"基础分 {fmt(card.base)} {sign} 项目得分 {fmt(abs(card.earned))}"
    if abs(card.base + card.earned - card.counted) > 1e-9:
        limit = "满分" if card.counted < card.base + card.earned else "最低分"
        over += f"，按{limit} {fmt(card.counted)} 计"
    if abs(card.raw - card.counted) > 1e-9:
        over += f"（未封顶原始分 {fmt(card.raw)}）"
    rows.append(["基础分", "", "", "", "", fmt(card.base)])
    rows.append(["总分", over, "", "", "", fmt(card.counted)])
    rows.append([sheet.band_title, card.band_label or "—", "", "", "", ""])
    dim_w = 22 * mm
    table = Table(
        rows,
        colWidths=[dim_w, width - dim_w - 64 * mm, 13 * mm, 18 * mm, 13 * mm, 20 * mm],
        repeatRows=1,
    )
    style = (
        grid_style()
        + spans
        + [
            ("ALIGN", (1, 1), (1, -1), "LEFT"),
            ("FONTNAME", (0, n_items), (0, -1), HEI),
            ("SPAN", (0, n_items), (4, n_items)),
            ("SPAN", (1, n_items + 1), (4, n_items + 1)),
            ("SPAN", (1, n_items + 2), (5, n_items + 2)),
            ("FONTSIZE", (0, 1), (-1, -1), 9),
        ]
    )
    table.setStyle(TableStyle(style))
    sign = Paragraph(
        "本人签字：__________　　支部书记签字：__________　　日期：______年____月____日",
        st["small"],
    )
    return [KeepTogether(head + [info, Spacer(1, 2 * mm), table, Spacer(1, 3 * mm), sign])]


def cards_pdf(
    sheet: PointsSheet,
    out: str | Path,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """一人一卡: one card per person, two cards to an A4 page (cut along the middle)."""
    st = styles()
    out = Path(out)
    pw, ph = A4
    margin = 12 * mm
    half = ph / 2
    doc = BaseDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{sheet.period.label}{card_title(sheet)}",
        author="PartyDesk",
        invariant=int(invariant),
        initialFontName=SONG,
    )
    w = pw - 2 * margin
    frames = [
        Frame(margin, half + 6 * mm, w, half - margin - 6 * mm, id="top"),
        Frame(margin, margin, w, half - margin - 6 * mm, id="bottom"),
    ]

    def cut_line(canvas, d):
        canvas.saveState()
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.4)
        canvas.setStrokeColor(colors.grey)
        canvas.line(margin, half, pw - margin, half)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("cards", frames, onPage=cut_line)])
    story: list = []
    total = len(sheet.cards)
    if sheet.wording.get("card_order") == "name":
        ordered = sorted(sheet.cards, key=lambda c: (c.name, c.person_id))
    else:  # the notice's order: rank, then name
        ordered = sorted(sheet.cards, key=lambda c: (c.rank, c.name, c.person_id))
    for i, card in enumerate(ordered):
        story += _card_flowables(sheet, card, total, st, w)
        if i < total - 1:
            story.append(FrameBreak())
        if progress and i % 50 == 0:
            progress(0.8 * i / max(total, 1), f"正在排版第 {i + 1} 张卡…")
    if not story:
        raise ValidationError(
            f"“{sheet.org_name}”{sheet.period.label}没有参加积分的人员，没有卡可打印。"
        )
    doc.build(story)
    if progress:
        progress(1.0, "完成")
    return out
