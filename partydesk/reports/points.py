"""Points printing: the notice sheet (积分公示) and one card per person (一人一卡), as PDF
(bundled fonts, embedded) or Excel.

`gather(session, scheme, org, period)` copies what is printed out of the session, so the
rendering runs anywhere (a worker thread, after the session closed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Organization
from partydesk.ledger.models.points import PointsScheme
from partydesk.points.entries import period_locked
from partydesk.points.periods import Period
from partydesk.points.totals import Card, compute_cards, fmt
from partydesk.reports.fonts import HEI, SONG, register_fonts

Progress = Callable[[float, str], None]


@dataclass
class ItemInfo:
    id: int
    dimension: str
    name: str
    points: float
    cap: float | None


@dataclass
class PointsSheet:
    """Everything a notice or the cards of one organization for one period show."""

    org_name: str
    scheme_name: str
    scheme_period: str
    period: Period
    base: float
    floor: float | None
    ceiling: float | None
    items: list[ItemInfo]
    cards: list[Card]
    published_on: date | None = None
    band_title: str = "星级"
    dimensions: list[str] = field(default_factory=list)

    def dimension_points(self, card: Card, dim: str) -> float:
        return sum(line.counted for iid, line in card.items.items() if self._dim_of.get(iid) == dim)

    def __post_init__(self):
        self._dim_of = {it.id: it.dimension for it in self.items}
        if not self.dimensions:
            seen: list[str] = []
            for it in self.items:
                if it.dimension not in seen:
                    seen.append(it.dimension)
            self.dimensions = seen


def gather(
    session: Session, scheme: PointsScheme, org: Organization, period: Period
) -> PointsSheet:
    cards = compute_cards(session, scheme, org, period)
    pub = period_locked(session, scheme, org, period)
    kinds = {b.kind for b in scheme.bands}
    return PointsSheet(
        org_name=org.name,
        scheme_name=scheme.name,
        scheme_period=scheme.period,
        period=period,
        base=scheme.base_points,
        floor=scheme.floor,
        ceiling=scheme.ceiling,
        items=[
            ItemInfo(it.id, it.dimension or "其他", it.name, it.points, it.cap)
            for it in scheme.items
        ],
        cards=cards,
        published_on=pub.published_at.date()
        if pub is not None and pub.period_key == period.key
        else None,
        band_title="培养意见" if kinds == {"outcome"} else "星级",
    )


def card_title(sheet: PointsSheet) -> str:
    """积分卡 title: 党员量化积分 → 党员量化积分卡; a name already ending in 卡 is kept."""
    return sheet.scheme_name if sheet.scheme_name.endswith("卡") else sheet.scheme_name + "卡"


def title_of(sheet: PointsSheet) -> str:
    return f"{sheet.period.label}{sheet.scheme_name}"


# --- PDF ----------------------------------------------------------------------------------


def _styles():
    register_fonts()
    return {
        "title": ParagraphStyle("t", fontName=HEI, fontSize=17, leading=24, alignment=TA_CENTER),
        "sub": ParagraphStyle("s", fontName=SONG, fontSize=10.5, leading=15, alignment=TA_CENTER),
        "body": ParagraphStyle("b", fontName=SONG, fontSize=10.5, leading=16),
        "cell": ParagraphStyle("c", fontName=SONG, fontSize=9, leading=11.5),
        "cellc": ParagraphStyle("cc", fontName=SONG, fontSize=9, leading=11.5, alignment=TA_CENTER),
        "right": ParagraphStyle("r", fontName=SONG, fontSize=10.5, leading=18, alignment=TA_RIGHT),
        "card_title": ParagraphStyle(
            "ct", fontName=HEI, fontSize=14, leading=19, alignment=TA_CENTER
        ),
        "small": ParagraphStyle("sm", fontName=SONG, fontSize=8.5, leading=11),
    }


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _grid_style(header_rows: int = 1) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), HEI),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(SONG, 8.5)
    canvas.drawCentredString(doc.pagesize[0] / 2, 9 * mm, f"第 {doc.page} 页")
    canvas.restoreState()


def notice_pdf(
    sheet: PointsSheet,
    out: str | Path,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """积分公示: the organization's ranking for the period, one row per person."""
    st = _styles()
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
    doc.addPageTemplates([PageTemplate("p", [frame], onPage=_footer)])

    header = ["排名", "姓名", "人员类别", "基础分", *dims, "总分", sheet.band_title]
    rows = [header]
    n = max(len(sheet.cards), 1)
    for i, c in enumerate(sheet.cards):
        rows.append(
            [
                str(c.rank),
                c.name,
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
    style = _grid_style()
    # Long dimension names (e.g. 学习进步星) wrap in a paragraph of their own.
    for j, d in enumerate(dims, start=4):
        rows[0][j] = Paragraph(_esc(d), st["cellc"])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))

    story = [
        Paragraph(_esc(sheet.org_name), st["sub"]),
        Paragraph(f"{_esc(title_of(sheet))}公示", st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(
            f"根据“{_esc(sheet.scheme_name)}”有关规定，现将{_esc(sheet.period.label)}积分情况公示如下"
            f"（基础分 {fmt(sheet.base)} 分"
            + (f"，满分 {fmt(sheet.ceiling)} 分" if sheet.ceiling is not None else "")
            + "；各项目按期封顶）：",
            st["body"],
        ),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 5 * mm),
        Paragraph("公示期为五个工作日。公示期间如有异议，请向党支部反映。", st["body"]),
        Paragraph("联系人：____________　　联系电话：____________", st["body"]),
        Spacer(1, 8 * mm),
        Paragraph(_esc(sheet.org_name) + "（盖章）", st["right"]),
        Paragraph(
            _date_cn(sheet.published_on) if sheet.published_on else "　　年　　月　　日",
            st["right"],
        ),
    ]
    if not sheet.cards:
        story.insert(4, Paragraph("（本期没有参加积分的人员。）", st["body"]))
    doc.build(story)
    if progress:
        progress(1.0, "完成")
    return out


def _date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _card_flowables(sheet: PointsSheet, card: Card, total: int, st, width: float) -> list:
    head = [
        Paragraph(_esc(card_title(sheet)), st["card_title"]),
        Paragraph(f"{_esc(sheet.period.label)}　　{_esc(sheet.org_name)}", st["sub"]),
        Spacer(1, 2 * mm),
    ]
    info = Table(
        [
            [
                "姓名",
                card.name,
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
            _grid_style(0)
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
                Paragraph(_esc(it.name), st["cell"]),
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
        _grid_style()
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
    st = _styles()
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
    by_roster = sorted(sheet.cards, key=lambda c: c.person_id)  # cards go out in roster order
    for i, card in enumerate(by_roster):
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


# --- Excel ----------------------------------------------------------------------------------


def notice_xlsx(sheet: PointsSheet, out: str | Path) -> Path:
    """The notice as a workbook: a title row, then one row per person in rank order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = "积分公示"
    dims = sheet.dimensions
    header = ["排名", "姓名", "人员类别", "基础分", *dims, "原始分", "总分", sheet.band_title]
    ws.append([f"{sheet.org_name} {title_of(sheet)}公示"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    for c in sheet.cards:
        ws.append(
            [
                c.rank,
                c.name,
                Category.label_of(c.category),
                c.base,
                *(round(sheet.dimension_points(c, d), 2) for d in dims),
                round(c.raw, 2),
                round(c.counted, 2),
                c.band_label,
            ]
        )
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=len(header)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, width in enumerate([6, 10, 12, 8, *([10] * len(dims)), 8, 8, 14], start=1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    ws.freeze_panes = "C3"
    wb.save(out)
    return out


def cards_xlsx(sheet: PointsSheet, out: str | Path) -> Path:
    """The cards as a workbook: one row per person, one column per item (counts), then the
    totals — the shape offices keep their 积分台账 in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = "积分卡"
    items = sheet.items
    header = [
        "姓名",
        "人员类别",
        *(f"{it.name}（{fmt(it.points)}分）" for it in items),
        "基础分",
        "原始分",
        "总分",
        "排名",
        sheet.band_title,
    ]
    ws.append([f"{sheet.org_name} {sheet.period.label}{card_title(sheet)}（一人一卡汇总）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(size=14, bold=True)
    ws.append(header)
    for c in sorted(sheet.cards, key=lambda c: c.person_id):
        ws.append(
            [
                c.name,
                Category.label_of(c.category),
                *(
                    (c.items[it.id].count if it.id in c.items and c.items[it.id].count else None)
                    for it in items
                ),
                c.base,
                round(c.raw, 2),
                round(c.counted, 2),
                c.rank,
                c.band_label,
            ]
        )
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 45
    ws.freeze_panes = "C3"
    wb.save(out)
    return out


def write(
    kind: str,
    sheet: PointsSheet,
    out: str | Path,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write `kind` ("notice" or "cards") to `out`: Excel when it ends in .xlsx, else PDF."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".xlsx":
            return (notice_xlsx if kind == "notice" else cards_xlsx)(sheet, out)
        fn = notice_pdf if kind == "notice" else cards_pdf
        return fn(sheet, out, invariant=invariant, progress=progress)
    except PermissionError as e:
        raise ValidationError(f"无法写入文件：{out}（文件可能正在被其他程序打开）。") from e
    except OSError as e:
        raise ValidationError(f"无法写入文件：{out}（{e.strerror}）。") from e
