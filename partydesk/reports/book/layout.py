"""Layout helpers shared by every part of the book: page geometry, paragraph styles, and
the building blocks (cells, forms, ruled grids, headings that become contents entries).

Long because it holds the small building blocks (cells, forms, ruled grids, contents
headings) every section draws with."""

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
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from partydesk.reports.book.data import BookData
from partydesk.reports.fonts import HEI, SONG
from partydesk.reports.typography import Paragraph, plain

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


class Grid(Table):
    """A Table that does not draw its empty cells (a sign-in sheet's 签名 column and a blank
    book are mostly empty) and writes its one-line text cells as ONE text object per table
    instead of one per cell (ReportLab's own way: a text object, a font lookup and a width
    measured for every cell; a book has some 30,000 cells)."""

    _batch: list | None = None

    def draw(self):
        self._batch = []
        super().draw()
        batch, self._batch = self._batch, None
        if not batch:
            return
        c = self.canv
        c.saveState()
        tx = c.beginText()
        font = color = None
        for x, y, text, cs in batch:
            if (cs.fontname, cs.fontsize) != font:
                font = (cs.fontname, cs.fontsize)
                tx.setFont(cs.fontname, cs.fontsize, cs.leading)
            if cs.color != color:
                color = cs.color
                tx.setFillColor(color)
            tx.setTextOrigin(x, y)
            tx.textOut(text)
        c.drawText(tx)
        c.restoreState()

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - ReportLab's name
        if cellval == "" or cellval is None:
            return
        cs = cellstyle
        if (
            self._batch is None
            or not isinstance(cellval, str)
            or "\n" in cellval
            or cs.href
            or cs.destination
            or cs.direction
            or cs.shaping
        ):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        just, valign = cs.alignment, cs.valign
        if just == "LEFT":
            x = colpos + cs.leftPadding
        else:
            w = text_width(cellval, cs.fontname, cs.fontsize)
            if just in ("CENTRE", "CENTER"):
                x = colpos + (colwidth + cs.leftPadding - cs.rightPadding - w) * 0.5
            elif just == "RIGHT":
                x = colpos + colwidth - cs.rightPadding - w
            else:
                super()._drawCell(cellval, cellstyle, pos, size)
                return
        # The baseline ReportLab puts a one-line string on.
        if valign == "TOP":
            y = rowpos + rowheight - cs.topPadding - cs.fontsize
        elif valign == "BOTTOM":
            y = rowpos + cs.bottomPadding + cs.leading - cs.fontsize
        else:
            y = (
                rowpos
                + (cs.bottomPadding + rowheight - cs.topPadding + cs.leading) / 2
                - cs.fontsize
            )
        self._batch.append((x, y, cellval, cs))


_TEXT_W: dict[tuple[str, str, float], float] = {}


def text_width(text: str, font: str, size: float) -> float:
    """stringWidth, remembered: a book measures the same names and dates again and again."""
    key = (text, font, size)
    w = _TEXT_W.get(key)
    if w is None:
        if len(_TEXT_W) > 200_000:
            _TEXT_W.clear()
        w = _TEXT_W[key] = stringWidth(text, font, size)
    return w


PAD_X, PAD_Y = 6, 3  # ReportLab's default cell padding, kept by the blocks drawn by hand


class LabelledText(Flowable):
    """One form row with a long value: a label cell and the value at the full width of the
    form. Split across pages, the rest carries the label with （续）."""

    def __init__(self, label, para, label_w, label_style, min_h=0.0, cont=False):
        super().__init__()
        self.label, self.para, self.label_w = str(label), para, label_w
        self.label_style, self.min_h, self.cont = label_style, min_h, cont
        text = f"{self.label}（续）" if cont else self.label
        self.label_para = Paragraph(escape(text), label_style)

    def wrap(self, aw, ah):
        self.width = aw
        _, ph = self.para.wrap(aw - self.label_w - 2 * PAD_X, 1e9)
        _, lh = self.label_para.wrap(self.label_w - 2 * PAD_X, 1e9)
        self.height = max(ph, lh) + 2 * PAD_Y
        if not self.cont:
            self.height = max(self.height, self.min_h)
        return aw, self.height

    def split(self, aw, ah):
        lead = self.para.style.leading
        if ah < lead * 3 + 2 * PAD_Y:
            return []  # not even three lines: the row starts on the next page
        parts = self.para.split(aw - self.label_w - 2 * PAD_X, ah - 2 * PAD_Y)
        if len(parts) < 2:
            return []
        first = LabelledText(self.label, parts[0], self.label_w, self.label_style, 0, self.cont)
        rest = LabelledText(self.label, parts[1], self.label_w, self.label_style, 0, True)
        return [first, rest]

    def draw(self):
        c, w, h, lw = self.canv, self.width, self.height, self.label_w
        c.saveState()
        c.setFillColor(LIGHT)
        c.rect(0, 0, lw, h, stroke=0, fill=1)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        c.line(lw, 0, lw, h)
        c.restoreState()
        _, lh = self.label_para.wrap(lw - 2 * PAD_X, 1e9)
        self.label_para.drawOn(c, PAD_X, h - PAD_Y - lh)
        _, ph = self.para.wrap(w - lw - 2 * PAD_X, 1e9)
        self.para.drawOn(c, lw + PAD_X, h - PAD_Y - ph)


class RowGroup(Flowable):
    """Consecutive short rows of a form, drawn as one four-column table (a wide row spans
    the three value columns). Form splits it between rows."""

    def __init__(self, rows: list, col_w: list[float], base: list):
        super().__init__()
        self.rows, self.col_w, self.base = rows, col_w, base  # rows: (cells, cmds, min_h)
        self._t = None

    def table(self) -> Table:
        if self._t is None:
            style = list(self.base)
            for i, (_cells, cmds, _h) in enumerate(self.rows):
                style += [(c[0], (c[1][0], i), (c[2][0], i), *c[3:]) for c in cmds]
            self._t = Grid(
                [cells for cells, _c, _h in self.rows],
                colWidths=self.col_w,
                style=TableStyle(style),
                minRowHeights=[h for _c, _s, h in self.rows],
            )
        return self._t

    def wrap(self, aw, ah):
        self.width, self.height = self.table().wrap(aw, ah)
        self.row_heights = list(self.table()._rowHeights)
        return self.width, self.height

    def draw(self):
        self.table().drawOn(self.canv, 0, 0)

    def cut(self, r: int) -> tuple[RowGroup, RowGroup]:
        return (
            RowGroup(self.rows[:r], self.col_w, self.base),
            RowGroup(self.rows[r:], self.col_w, self.base),
        )


class Form(Flowable):
    """A form as a column of blocks (RowGroup and LabelledText). It splits between rows
    or inside a long value, and never leaves a lone short row on either side of a page
    break. Continued on a new page, it starts with its record's title and （续）, as a
    sign-in sheet does."""

    def __init__(self, blocks: list, title: str | None = None, style=None, cont: bool = False):
        super().__init__()
        self.blocks = blocks
        self.title, self.style, self.cont = title, style, cont
        self._head: tuple | None = None

    def _head_h(self, aw) -> float:
        if not (self.cont and self.title and self.style):
            return 0.0
        if self._head is None:
            para = Paragraph(escape(f"{self.title}（续）"), self.style)
            self._head = (para, para.wrap(aw, 1e9)[1] + self.style.spaceAfter)
        return self._head[1]

    def wrap(self, aw, ah):
        self.width = aw
        self._h = [b.wrap(aw, ah)[1] for b in self.blocks]
        self.height = self._head_h(aw) + sum(self._h)
        return aw, self.height

    def draw(self):
        y = self.height
        if self._head_h(self.width):
            para, h = self._head
            para.drawOn(self.canv, 0, y - (h - self.style.spaceAfter))
            y -= h
        for b, h in zip(self.blocks, self._h, strict=True):
            y -= h
            b.drawOn(self.canv, 0, y)

    def split(self, aw, ah):
        self.wrap(aw, ah)
        # The form's rows in order: (block index, row in block or -1, height).
        rows = []
        for bi, b in enumerate(self.blocks):
            if isinstance(b, RowGroup):
                rows += [(bi, r, h) for r, h in enumerate(b.row_heights)]
            else:
                rows.append((bi, -1, self._h[bi]))
        ah -= self._head_h(aw)
        used, m, n = 0.0, 0, len(rows)
        while m < n and used + rows[m][2] <= ah:
            used += rows[m][2]
            m += 1
        if m == n:
            return [self]
        part = None
        bi, r, _h = rows[m]
        if r < 0:
            got = self.blocks[bi].split(aw, ah - used)
            if len(got) == 2:
                part = got
        if part is None:
            if m == n - 1 and m > 1:
                m -= 1  # no lone row at the head of the next page
            if m <= 1 and n > 2:
                return []  # no lone row at the foot: the form starts on the next page
            if m == 0:
                return []
            bi, r, _h = rows[m]
        first = list(self.blocks[:bi])
        rest = list(self.blocks[bi + 1 :])
        b = self.blocks[bi]
        if part is not None:
            first.append(part[0])
            rest.insert(0, part[1])
        elif r > 0:
            a, z = b.cut(r)
            first.append(a)
            rest.insert(0, z)
        else:
            rest.insert(0, b)
        if not first:
            return []
        return [
            Form(first, self.title, self.style, self.cont),
            Form(rest, self.title, self.style, True),
        ]


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
            kept, t = t, plain(t)  # keep() marks matter only when the text wraps
            # No glyph of these fonts is wider than 1 em, so short text needs no measuring.
            if len(t) * style.fontSize <= room:
                return t
            key = (t, style.fontName, style.fontSize)
            w = self._widths.get(key)
            if w is None:
                w = self._widths[key] = stringWidth(t, style.fontName, style.fontSize)
            if w <= room:
                return t
            t = kept
        return Paragraph(para_text(t), style)

    def _cell_style(self, style: ParagraphStyle, align: str, cells=((0, 0), (-1, -1))) -> list:
        a, b = cells
        # Every command is applied cell by cell, so as few as will do: FONT sets the
        # name, size and leading at once.
        return [
            ("FONT", a, b, style.fontName, style.fontSize, style.leading),
            ("ALIGN", a, b, align),
        ]

    def form(self, rows: list, label_w: float = 2.6 * cm, title: str | None = None) -> Form:
        """A two- or four-column form of plain text values. Row items: (label, value)
        spanning the width, (label, value, label, value), or (label, value, min_height)
        for a tall row. A value of several lines is a LabelledText (it splits across pages
        at full width, its label repeated with （续）); the form never leaves one row alone
        at the foot or head of a page. A form with a `title` repeats it, with （续）, on the
        pages it continues onto."""
        w = self.g.width
        half = (w - 2 * label_w) / 2
        wide = w - label_w
        s = self.s
        col_w = [label_w, half, label_w, half]
        base = [
            *self._cell_style(s.cell, "LEFT"),
            *self._cell_style(s.label, "CENTER", ((0, 0), (0, -1))),
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), LIGHT),
        ]
        pair = [
            ("BACKGROUND", (2,), (2,), LIGHT),
            *[(c[0], (2,), (2,), *c[3:]) for c in self._cell_style(s.label, "CENTER")],
        ]
        blocks: list = []
        group: list = []
        for row in rows:
            if len(row) == 4:
                cells = [
                    self.cell(row[0], label_w, s.label),
                    self.cell(row[1], half, s.cell),
                    self.cell(row[2], label_w, s.label),
                    self.cell(row[3], half, s.cell),
                ]
                group.append((cells, pair, 0))
                continue
            min_h = row[2] if len(row) > 2 else 0
            value = self.cell(row[1], wide, s.cell)
            if isinstance(value, Paragraph):
                if group:
                    blocks.append(RowGroup(group, col_w, base))
                    group = []
                blocks.append(LabelledText(row[0], value, label_w, s.label, min_h))
                continue
            cmds = [("SPAN", (1,), (3,))]
            if min_h:
                cmds.append(("VALIGN", (1,), (1,), "TOP"))
            group.append(([self.cell(row[0], label_w, s.label), value, "", ""], cmds, min_h))
        if group:
            blocks.append(RowGroup(group, col_w, base))
        return Form(blocks, title, s.h3)

    def grid(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        repeat: bool = True,
        small: bool = True,
        row_h: float = 0,
        cols: list[float] | None = None,
    ) -> Table:
        """A ruled table, its columns sized to their content (see fit_columns); `widths`
        share out the room left. Cells that fit are centred plain text; wrapped cells are
        centred too, as their column. `cols` gives the column widths instead (the pages of
        one sign-in sheet keep the sheet's)."""
        st = self.s.small_c if small else self.s.cell_c
        head = self.s.label_small if small else self.s.label
        if cols is None:
            cols = self.fit_columns(header, rows, widths, head, st)
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
        return Grid(
            data,
            colWidths=cols,
            repeatRows=1 if repeat else 0,
            style=TableStyle(style),
            minRowHeights=[0] + [row_h] * len(rows),
            hAlign="CENTER",
        )

    def _text_w(self, text: str, style: ParagraphStyle) -> float:
        key = (text, style.fontName, style.fontSize)
        w = self._widths.get(key)
        if w is None:
            w = self._widths[key] = max(
                stringWidth(part, style.fontName, style.fontSize) for part in text.split("\n")
            )
        return w

    def fit_columns(self, header, rows, weights, head, st) -> list[float]:
        """Column widths: each column as wide as its header and its longest cell (so 序号,
        性别, a name of up to 6 characters and 民族 of up to 4 stay on one line) when the
        page allows, the room left shared by `weights`; when it does not, the columns
        that need most wrap and the short ones keep their width."""
        total = self.g.width
        pad = 2 * self.PAD + 1
        need = []
        for j, h in enumerate(header):
            w = self._text_w(h, head) if len(h) <= 4 else head.fontSize * 2
            for r in rows:
                c = r[j]
                if c:
                    w = max(w, self._text_w(str(c), st))
            need.append(w + pad)
        share = sum(weights)
        if sum(need) <= total:
            extra = total - sum(need)
            return [n + extra * x / share for n, x in zip(need, weights, strict=True)]
        # Too wide: keep the columns that need no more than their share, wrap the others.
        fair = [total * x / share for x in weights]
        fixed = {j for j, n in enumerate(need) if n <= fair[j] or n <= st.fontSize * 4 + pad}
        left = total - sum(need[j] for j in fixed)
        flex = [j for j in range(len(need)) if j not in fixed]
        if left <= 0 or not flex:
            return fair
        fw = sum(weights[j] for j in flex)
        return [need[j] if j in fixed else left * weights[j] / fw for j in range(len(need))]

    def lined_page(self, lines: int | None = None) -> Table:
        """Ruled lines for writing by hand."""
        h = self.g.body * 2.3
        n = lines or int((self.g.height - self.g.body * 6) // h)
        t = Grid([[""]] * n, colWidths=[self.g.width], rowHeights=[h] * n)
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), SONG),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
                ]
            )
        )
        return t
