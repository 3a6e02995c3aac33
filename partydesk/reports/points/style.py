"""Styles and page furniture shared by the points notice and cards."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from partydesk.reports.fonts import HEI, SONG, register_fonts
from partydesk.reports.typography import Paragraph, fit_text


def styles():
    register_fonts()
    return {
        "title": ParagraphStyle(
            "t", wordWrap="CJK", fontName=HEI, fontSize=17, leading=24, alignment=TA_CENTER
        ),
        "sub": ParagraphStyle(
            "s", wordWrap="CJK", fontName=SONG, fontSize=10.5, leading=15, alignment=TA_CENTER
        ),
        "body": ParagraphStyle("b", wordWrap="CJK", fontName=SONG, fontSize=10.5, leading=16),
        "cell": ParagraphStyle("c", wordWrap="CJK", fontName=SONG, fontSize=9, leading=11.5),
        "cellc": ParagraphStyle(
            "cc", wordWrap="CJK", fontName=SONG, fontSize=9, leading=11.5, alignment=TA_CENTER
        ),
        "right": ParagraphStyle(
            "r", wordWrap="CJK", fontName=SONG, fontSize=10.5, leading=18, alignment=TA_RIGHT
        ),
        "card_title": ParagraphStyle(
            "ct", wordWrap="CJK", fontName=HEI, fontSize=14, leading=19, alignment=TA_CENTER
        ),
        "small": ParagraphStyle("sm", wordWrap="CJK", fontName=SONG, fontSize=8.5, leading=11),
    }


def name_cell(name: str, width: float, st, size: float = 9.5, pad: float = 6):
    """A name inside its cell: as is when it fits, else set smaller (down to 7 pt), else
    wrapped, centred like its column."""
    room = width - pad
    fitted = fit_text(name, SONG, size, room, 7)
    if stringWidth(name, SONG, fitted) <= room:
        if fitted >= size:
            return name
        style = ParagraphStyle("n", parent=st["cellc"], fontSize=fitted, leading=fitted * 1.2)
        return Paragraph(esc(name), style)
    # Too long even then: wrapped at the smallest size, in as few lines as it takes.
    style = ParagraphStyle("n", parent=st["cellc"], fontSize=7, leading=8.4)
    return Paragraph(esc(name), style)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def grid_style(header_rows: int = 1) -> list:
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


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(SONG, 8.5)
    canvas.drawCentredString(doc.pagesize[0] / 2, 9 * mm, f"第 {doc.page} 页")
    canvas.restoreState()


def date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
