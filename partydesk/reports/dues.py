"""党费收缴明细表: one organization's year — each member's base, rate and kind, the due
and the paid amount of every month, totals — as a landscape A4 PDF. The same table is
the work-record book's 党费收缴 page (`detail_flowables`).

`gather(session, org, year, through)` copies what is printed out of the session, so the
rendering runs anywhere (a worker thread, after the session closed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from partydesk.dues import config, schedule
from partydesk.dues import months as mo
from partydesk.errors import ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Organization
from partydesk.reports.fonts import HEI, SONG, register_fonts
from partydesk.reports.typography import Paragraph
from partydesk.rules import dues as rules


@dataclass
class DuesSheet:
    org_name: str
    year: int
    through: int  # the last month counted as late when unpaid
    grid: schedule.Grid
    tiers: dict
    made_on: date

    @property
    def title(self) -> str:
        return f"{self.year}年党费收缴明细表"

    def rate_text(self, r: schedule.MemberRow) -> str:
        if r.kind == "minimum":
            return "最低"
        if r.base_fen is None:
            return ""
        rate = rules.rate(Decimal(r.base_fen) / 100, r.kind == "retired", self.tiers)
        return f"{(rate * 100).normalize():f}%"

    def kind_text(self, r: schedule.MemberRow) -> str:
        return config.KIND_LABELS.get(r.kind, "") if r.kind else "未核定"

    def short(self, r: schedule.MemberRow) -> int:
        return sum(c.short for k, c in r.cells.items() if k <= self.through)

    def late_months(self, r: schedule.MemberRow) -> list[int]:
        return r.unpaid_months(self.through)

    @property
    def total_due(self) -> int:
        return sum(r.total_due() for r in self.grid.rows)

    @property
    def total_paid(self) -> int:
        return sum(r.total_paid() for r in self.grid.rows)


def gather(session: Session, org: Organization, year: int, through: int) -> DuesSheet:
    return DuesSheet(
        org.name,
        year,
        through,
        schedule.grid(session, org.id, year),
        config.get(session),
        date.today(),
    )


def _styles():
    register_fonts()
    return {
        "title": ParagraphStyle(
            "t", wordWrap="CJK", fontName=HEI, fontSize=16, leading=22, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "s", wordWrap="CJK", fontName=SONG, fontSize=10, leading=14, alignment=TA_CENTER
        ),
        "body": ParagraphStyle("b", wordWrap="CJK", fontName=SONG, fontSize=9.5, leading=14),
        "right": ParagraphStyle(
            "r", wordWrap="CJK", fontName=SONG, fontSize=9.5, leading=16, alignment=TA_RIGHT
        ),
    }


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paid_text(c: schedule.Cell | None, k: int, through: int) -> str:
    if c is None:
        return ""
    if c.paid == 0:
        return "未交" if c.owed and k <= through else ""
    return config.yuan(c.paid)


def detail_table(sheet: DuesSheet, width: float) -> Table:
    """Two lines per member (应交 / 实交) under the month columns, then the totals."""
    g = sheet.grid
    head = ["序号", "姓名", "类别", "工资基数", "比例", "项目"]
    head += [f"{k % 100}月" for k in g.months] + ["合计", "欠交"]
    rows = [head]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("FONTNAME", (0, 0), (-1, 0), HEI),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (6, 1), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for i, r in enumerate(g.rows, start=1):
        top = len(rows)
        cat = Category.label_of(r.category)
        if r.status != "active":
            cat = "已转出" if r.status == "transferred_out" else cat
        due = [config.yuan(r.cells[k].due) if k in r.cells else "" for k in g.months]
        paid = [_paid_text(r.cells.get(k), k, sheet.through) for k in g.months]
        rows.append(
            [
                str(i),
                r.name,
                cat,
                config.yuan(r.base_fen) if r.base_fen else sheet.kind_text(r),
                sheet.rate_text(r),
                "应交",
                *due,
                config.yuan(r.total_due()),
                config.yuan(sheet.short(r)) if sheet.short(r) else "",
            ]
        )
        rows.append(["", "", "", "", "", "实交", *paid, config.yuan(r.total_paid()), ""])
        for c in range(5):
            style.append(("SPAN", (c, top), (c, top + 1)))
        style.append(("SPAN", (19, top), (19, top + 1)))
        for j, k in enumerate(g.months, start=6):
            c = r.cells.get(k)
            if c is not None and c.owed and k <= sheet.through:
                style.append(("TEXTCOLOR", (j, top + 1), (j, top + 1), colors.Color(0.75, 0, 0)))
    top = len(rows)
    rows.append(
        [
            "合计",
            "",
            "",
            "",
            "",
            "应交",
            *(config.yuan(g.month_due(k)) for k in g.months),
            config.yuan(sheet.total_due),
            config.yuan(sum(sheet.short(r) for r in g.rows)),
        ]
    )
    rows.append(
        [
            "",
            "",
            "",
            "",
            "",
            "实交",
            *(config.yuan(g.month_paid(k)) for k in g.months),
            config.yuan(sheet.total_paid),
            "",
        ]
    )
    style += [
        ("SPAN", (0, top), (4, top + 1)),
        ("SPAN", (19, top), (19, top + 1)),
        ("FONTNAME", (0, top), (-1, top + 1), HEI),
    ]
    fixed = [8 * mm, 15 * mm, 14 * mm, 15 * mm, 9 * mm, 9 * mm]
    tail = [16 * mm, 13 * mm]
    month_w = (width - sum(fixed) - sum(tail)) / 12
    t = Table(rows, colWidths=fixed + [month_w] * 12 + tail, repeatRows=1)
    t.setStyle(TableStyle(style))
    return t


def summary_text(sheet: DuesSheet) -> str:
    """The year in one sentence; the rate counts the months that have ended (through)."""
    due, paid = sheet.total_due, sheet.total_paid
    rows = sheet.grid.rows
    late = [r for r in rows if sheet.late_months(r)]
    due_t = sum(r.total_due(sheet.through) for r in rows)
    counted = sum(
        min(c.paid, c.due or 0) for r in rows for k, c in r.cells.items() if k <= sheet.through
    )
    rate = f"{counted / due_t:.1%}" if due_t else "—"
    names = "、".join(r.name for r in late[:12]) + ("等" if len(late) > 12 else "")
    upto = mo.label(sheet.through)
    parts = [f"党员 {len(rows)} 人，全年应交 {config.yuan(due)} 元，实交 {config.yuan(paid)} 元"]
    if sheet.through < mo.key(sheet.year, 12):
        parts[0] += f"（截至{upto}应交 {config.yuan(due_t)} 元）"
    parts[0] += f"，收缴率 {rate}"
    parts.append(f"截至{upto}欠交 {len(late)} 人" + (f"（{names}）" if late else ""))
    unpriced = [r.name for r in rows if r.unpriced]
    if unpriced:
        parts.append(f"未核定基数 {len(unpriced)} 人（{'、'.join(unpriced[:8])}）")
    return "；".join(parts) + "。"


def detail_flowables(sheet: DuesSheet, width: float) -> list:
    st = _styles()
    return [
        Paragraph(_esc(sheet.org_name), st["sub"]),
        Paragraph(_esc(sheet.title), st["title"]),
        Spacer(1, 2 * mm),
        detail_table(sheet, width),
        Spacer(1, 3 * mm),
        Paragraph(_esc(summary_text(sheet)), st["body"]),
        Paragraph(
            "说明：按月计，金额单位为元；“未交”为截至统计月份应交而未交足；多于应交的为自愿多交。",
            st["body"],
        ),
    ]


def _footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(SONG, 8.5)
    canvas.drawCentredString(doc.pagesize[0] / 2, 8 * mm, f"第 {doc.page} 页")
    canvas.restoreState()


def write_pdf(sheet: DuesSheet, out: str | Path, *, invariant: bool = False) -> Path:
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        out = out.with_suffix(out.suffix + ".pdf") if out.suffix else out.with_suffix(".pdf")
    st = _styles()
    doc = BaseDocTemplate(
        str(out),
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{sheet.org_name}{sheet.title}",
        author="PartyDesk",
        invariant=int(invariant),
        initialFontName=SONG,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
    doc.addPageTemplates([PageTemplate("p", [frame], onPage=_footer)])
    story = detail_flowables(sheet, doc.width)
    story += [
        Spacer(1, 8 * mm),
        Paragraph("经办人：____________　　支部书记：____________", st["body"]),
        Paragraph(
            f"制表日期：{sheet.made_on.year}年{sheet.made_on.month}月{sheet.made_on.day}日",
            st["right"],
        ),
    ]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.build(story)
    except PermissionError as e:
        raise ValidationError(f"无法写入文件：{out}（文件可能正在被其他程序打开）。") from e
    except OSError as e:
        raise ValidationError(f"无法写入文件：{out}（{e.strerror}）。") from e
    return out
