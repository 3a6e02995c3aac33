"""Layout helpers shared by every part of the book: page geometry, paragraph styles, and
the building blocks (cells, forms, ruled grids, headings that become contents entries)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

from partydesk.reports.book.data import BookData
from partydesk.reports.fonts import HEI, SONG

Progress = Callable[[float, str], None]


def para_text(text: str | None) -> str:
    """Text for a Paragraph: escaped, line breaks kept."""
    if not text:
        return ""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass
class Geometry:
    pagesize: tuple[float, float]
    margin_x: float
    margin_top: float
    margin_bottom: float
    body: float  # body font size
    small: float

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin_x

    @property
    def height(self) -> float:
        return self.pagesize[1] - self.margin_top - self.margin_bottom


A4_GEOMETRY = Geometry(A4, 2.0 * cm, 2.2 * cm, 2.0 * cm, 10.5, 9)
A5_GEOMETRY = Geometry(A5, 1.3 * cm, 1.6 * cm, 1.4 * cm, 9, 7.5)


class Styles:
    def __init__(self, g: Geometry):
        b = g.body
        self.body = ParagraphStyle(
            "body", fontName=SONG, fontSize=b, leading=b * 1.5, wordWrap="CJK"
        )
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=b - 0.5, leading=(b - 0.5) * 1.4
        )
        self.cell_c = ParagraphStyle("cellc", parent=self.cell, alignment=TA_CENTER)
        self.small = ParagraphStyle(
            "small", parent=self.cell, fontSize=g.small, leading=g.small * 1.35
        )
        self.small_c = ParagraphStyle("smallc", parent=self.small, alignment=TA_CENTER)
        self.label_small = ParagraphStyle(
            "labels", parent=self.small, fontName=HEI, alignment=TA_CENTER
        )
        self.label = ParagraphStyle("label", parent=self.cell, fontName=HEI, alignment=TA_CENTER)
        self.h1 = ParagraphStyle(
            "h1",
            fontName=HEI,
            fontSize=b + 5.5,
            leading=(b + 5.5) * 1.4,
            alignment=TA_CENTER,
            spaceAfter=b,
            wordWrap="CJK",
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontName=HEI,
            fontSize=b + 2,
            leading=(b + 2) * 1.4,
            spaceBefore=b * 0.6,
            spaceAfter=b * 0.5,
            wordWrap="CJK",
        )
        self.h3 = ParagraphStyle(
            "h3",
            fontName=HEI,
            fontSize=b + 0.5,
            leading=(b + 0.5) * 1.4,
            spaceBefore=b * 0.4,
            spaceAfter=b * 0.3,
            wordWrap="CJK",
        )
        self.cover_title = ParagraphStyle(
            "ct",
            fontName=HEI,
            fontSize=b * 2.8,
            leading=b * 3.8,
            alignment=TA_CENTER,
            wordWrap="CJK",
        )
        self.cover_line = ParagraphStyle(
            "cl",
            fontName=SONG,
            fontSize=b * 1.55,
            leading=b * 2.6,
            alignment=TA_CENTER,
            wordWrap="CJK",
        )


GRID = colors.black
LIGHT = colors.Color(0.93, 0.93, 0.93)


class Heading(Paragraph):
    """A heading that becomes a contents entry and a PDF bookmark."""

    def __init__(self, text, style, key: str, level: int, title: str):
        super().__init__(text, style)
        self.toc = (key, level, title)


class Layout:
    """One layout run's state and building blocks: what every section builder is given."""

    def __init__(self, data: BookData, g: Geometry, progress: Progress | None):
        self.data = data
        self.g = g
        self.s = Styles(g)
        self.progress = progress
        self.entries: list[tuple[str, int, str]] = []  # key, level, title
        self.pages: dict[str, int] = {}  # key -> physical page
        self._widths: dict[tuple, float] = {}
        self.lines_per_contents_page = int((g.height - g.body * 4) // (g.body * 1.9))

    @property
    def a5(self) -> bool:
        return self.g is A5_GEOMETRY

    # ---- building blocks ----
    def p(self, text, style=None):
        return Paragraph(para_text(text), style or self.s.cell)

    def heading(self, text: str, level: int, key: str | None = None) -> list:
        """A contents entry: a page break first when less than ~4 lines are left (cheaper
        than keepWithNext, whose KeepTogether lays the whole next table out twice)."""
        style = self.s.h2 if level == 0 else self.s.h3
        key = key or f"k{len(self.entries)}"
        self.entries.append((key, level, text))
        return [CondPageBreak(self.g.body * 7), Heading(escape(text), style, key, level, text)]

    def subhead(self, text: str) -> list:
        return [CondPageBreak(self.g.body * 6), Paragraph(escape(text), self.s.h3)]

    PAD = 6  # left / right cell padding: ReportLab's default, so no command is needed

    def cell(self, text, width: float, style: ParagraphStyle):
        """A table cell: the plain string when it fits on one line (drawn directly, no
        Paragraph to parse and wrap three times), else a CJK-wrapping Paragraph."""
        t = "" if text is None else str(text)
        room = width - 2 * self.PAD
        if "\n" not in t:
            # No glyph of these fonts is wider than 1 em, so short text needs no measuring.
            if len(t) * style.fontSize <= room:
                return t
            key = (t, style.fontName, style.fontSize)
            w = self._widths.get(key)
            if w is None:
                w = self._widths[key] = stringWidth(t, style.fontName, style.fontSize)
            if w <= room:
                return t
        return Paragraph(para_text(t), style)

    def _cell_style(self, style: ParagraphStyle, align: str, cells=((0, 0), (-1, -1))) -> list:
        a, b = cells
        # Every command is applied cell by cell, so as few as will do: FONT sets the
        # name, size and leading at once.
        return [
            ("FONT", a, b, style.fontName, style.fontSize, style.leading),
            ("ALIGN", a, b, align),
        ]

    def form(self, rows: list, label_w: float = 2.6 * cm) -> Table:
        """A two- or four-column form of plain text values. Row items: (label, value)
        spanning the width, (label, value, label, value), or (label, value, min_height)
        for a tall row."""
        w = self.g.width
        half = (w - 2 * label_w) / 2
        wide = w - label_w
        s = self.s
        data, style, heights = [], [], []
        for i, row in enumerate(rows):
            if len(row) == 4:
                data.append(
                    [
                        self.cell(row[0], label_w, s.label),
                        self.cell(row[1], half, s.cell),
                        self.cell(row[2], label_w, s.label),
                        self.cell(row[3], half, s.cell),
                    ]
                )
                heights.append(0)
                style.append(("BACKGROUND", (2, i), (2, i), LIGHT))
                style += self._cell_style(s.label, "CENTER", ((2, i), (2, i)))
            else:
                value = self.cell(row[1], wide, s.cell)
                data.append([self.cell(row[0], label_w, s.label), value, "", ""])
                style.append(("SPAN", (1, i), (3, i)))
                heights.append(row[2] if len(row) > 2 else 0)
                if len(row) > 2 or isinstance(value, Paragraph):
                    style.append(("VALIGN", (1, i), (1, i), "TOP"))
        style = [
            *self._cell_style(s.cell, "LEFT"),
            *self._cell_style(s.label, "CENTER", ((0, 0), (0, -1))),
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), LIGHT),
        ] + style
        return Table(
            data,
            colWidths=[label_w, half, label_w, half],
            style=TableStyle(style),
            minRowHeights=heights,
            splitInRow=1,
            hAlign="CENTER",
        )

    def grid(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        repeat: bool = True,
        small: bool = True,
        row_h: float = 0,
    ) -> Table:
        """A ruled table; widths are relative. Cells that fit are centred plain text."""
        total = sum(widths)
        cols = [self.g.width * x / total for x in widths]
        st = self.s.small if small else self.s.cell
        head = self.s.label_small if small else self.s.label
        data = [[self.cell(h, w, head) for h, w in zip(header, cols, strict=True)]]
        for r in rows:
            data.append([self.cell(c, w, st) for c, w in zip(r, cols, strict=True)])
        style = [
            *self._cell_style(st, "CENTER"),
            *self._cell_style(head, "CENTER", ((0, 0), (-1, 0))),
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        return Table(
            data,
            colWidths=cols,
            repeatRows=1 if repeat else 0,
            style=TableStyle(style),
            minRowHeights=[0] + [row_h] * len(rows),
            hAlign="CENTER",
        )

    def lined_page(self, lines: int | None = None) -> Table:
        """Ruled lines for writing by hand."""
        h = self.g.body * 2.3
        n = lines or int((self.g.height - self.g.body * 6) // h)
        t = Table([[""]] * n, colWidths=[self.g.width], rowHeights=[h] * n)
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), SONG),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
                ]
            )
        )
        return t
