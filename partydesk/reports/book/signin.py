"""The sign-in sheet (签到表) of a meeting: two columns of 序号 / 姓名 / 签名, numbered down
the page (the left column first), with rows tall enough to sign. Across a page break each
page is a whole sheet of its own — never rows 8–10 beside 18–19 — and a continuation
carries the record's title and （续）."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from partydesk.reports.book.layout import Layout
from partydesk.reports.typography import Paragraph


class SignInSheet(Flowable):
    def __init__(
        self,
        book: Layout,
        title: str,
        cells: list[list[str]],
        cont: bool = False,
        cols: list[float] | None = None,
    ):
        super().__init__()
        self.book, self.title, self.cells, self.cont = book, title, cells, cont
        self.cols = cols  # the column widths, shared by the pages of one sheet
        self.row_h = (0.8 if book.a5 else 0.9) * cm
        self._built: tuple | None = None
        self._head: tuple | None = None

    def _table(self, aw):
        """The sheet's table, built and wrapped once per width: (table, its height)."""
        if self._built is None or self._built[0] != aw:
            cells = self.cells
            half = -(-len(cells) // 2)
            rows = []
            for i in range(half):
                right = cells[half + i] if half + i < len(cells) else ["", "", ""]
                rows.append(cells[i] + right)
            t = self.book.grid(
                ["序号", "姓名", "签名"] * 2,
                rows,
                [0.8, 2.0, 3.0] * 2,
                row_h=self.row_h,
                cols=self.cols,
            )
            _, th = t.wrap(aw, 1e9)
            self._built = (aw, t, th)
        return self._built[1], self._built[2]

    def _head_h(self, aw) -> float:
        if self._head is None:
            text = f"{self.title}　签到表（续）" if self.cont else "签到表"
            para = Paragraph(escape(text), self.book.s.h3)
            self._head = (para, para.wrap(aw, 1e9)[1])
        return self._head[1] + self.book.s.h3.spaceBefore + self.book.s.h3.spaceAfter

    def wrap(self, aw, ah):
        self.width = aw
        self.height = self._head_h(aw) + self._table(aw)[1]
        return aw, self.height

    def split(self, aw, ah):
        t, _ = self._table(aw)
        header, row = t._rowHeights[0], max(t._rowHeights[1:] or [self.row_h])
        fit = int((ah - self._head_h(aw) - header) // row)
        # split() is called when the whole sheet does not fit: at least one row fewer.
        fit = min(fit, -(-len(self.cells) // 2) - 1)
        if fit < 3:
            return []  # not three rows: the sheet starts on the next page
        # With the same column widths no row of a piece is taller than the sheet's tallest,
        # so the first piece fits without laying it out to check.
        cols = list(t._argW)
        first = SignInSheet(self.book, self.title, self.cells[: 2 * fit], self.cont, cols)
        rest = SignInSheet(self.book, self.title, self.cells[2 * fit :], True, cols)
        return [first, rest]

    def draw(self):
        t, th = self._table(self.width)
        self._head_h(self.width)
        self._head[0].drawOn(self.canv, 0, th + self.book.s.h3.spaceAfter)
        t.drawOn(self.canv, 0, 0)


def signin_cells(book: Layout, present, absent, observers) -> list[list[str]]:
    """序号, 姓名, what goes in 签名: blank for who came (they sign), the reason for who
    did not, 列席 for observers. A blank book has 24 numbered rows to fill in."""
    if book.data.blank:
        return [[str(i), "", ""] for i in range(1, 25)]
    cells = [[n, ""] for n in present]
    cells += [[n, f"缺席（{why}）" if why else "缺席"] for n, why in absent]
    cells += [[n, "列席"] for n in observers]
    return [[str(i), *c] for i, c in enumerate(cells, 1)]
