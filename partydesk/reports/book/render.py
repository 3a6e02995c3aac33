"""Rendering the book in ONE platypus pass: pages are kept until the end (deferred canvas),
and only then are the page count ("第 N 页 共 M 页") and the contents page numbers written
onto them — no second layout pass. The cover has no page number; numbering starts at the
contents."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from partydesk.reports.book.data import BookData, book_title
from partydesk.reports.book.layout import A4_GEOMETRY, A5_GEOMETRY, Layout, Progress
from partydesk.reports.book.sections import SECTIONS
from partydesk.reports.fonts import HEI, SONG, register_fonts
from partydesk.reports.typography import Paragraph, fit_text

NUMERALS = "一二三四五六七八九十"


def _numeral(i: int) -> str:
    if i <= 10:
        return NUMERALS[i - 1]
    if i < 20:
        return "十" + NUMERALS[i - 11]
    return NUMERALS[i // 10 - 1] + "十" + (NUMERALS[i % 10 - 1] if i % 10 else "")


class _ContentsPage(Flowable):
    """Reserves one page of the contents; the entries are drawn when the page count is
    known (see _BookCanvas.save)."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index

    def wrap(self, aw, ah):
        return aw, ah - 1

    def draw(self):
        self.canv._contents_pages[self.index] = self.canv.getPageNumber()


class _Book(Layout):
    """One layout run: the cover, the contents, the sections and the deferred canvas."""

    def cover(self) -> list:
        d, s, g = self.data, self.s, self.g
        year = f"{d.year} 年度" if d.year and not d.blank else "________ 年度"
        name = d.org_name or "______________________________"
        sec = d.secretary or ("" if not d.blank else "")
        out = [
            Spacer(1, g.height * 0.16),
            Paragraph(book_title(d.org_type), s.cover_title),
            Spacer(1, g.body * 3),
            Paragraph(escape(year), s.cover_line),
            Spacer(1, g.height * 0.2),
            Paragraph(f"党组织名称：{escape(name)}", s.cover_line),
            Paragraph(f"书　　记：{escape(sec) if sec else '____________'}", s.cover_line),
        ]
        if d.issuer:
            out += [Spacer(1, g.height * 0.12), Paragraph(f"{escape(d.issuer)}　制", s.cover_line)]
        return out

    def contents(self, n_entries: int) -> list:
        pages = max(1, -(-n_entries // self.lines_per_contents_page))
        out: list = [NextPageTemplate("body"), PageBreak()]
        for i in range(pages):
            out += [_ContentsPage(i), PageBreak()]
        return out

    def story(self) -> list:
        # The contents entries come first so that the contents pages can be reserved.
        body: list = []
        for i, section in enumerate(SECTIONS, 1):
            if i > 1:
                body.append(PageBreak())
            body += self.heading(f"{_numeral(i)}、{section.title}", 0, section.key)
            body += section.build(self)
        return self.cover() + self.contents(len(self.entries)) + body

    # ---- page decoration, drawn when the page count is known ----
    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        g = self.g
        if page == 1:
            return  # the cover
        w, h = g.pagesize
        canv.saveState()
        canv.setFont(SONG, g.small)
        canv.setStrokeColor(colors.grey)
        canv.setLineWidth(0.4)
        top = h - g.margin_top + g.small * 1.1
        title, size = self.running_header()
        canv.setFont(SONG, size)
        canv.drawRightString(w - g.margin_x, top + 3, title)
        canv.setFont(SONG, g.small)
        canv.line(g.margin_x, top, w - g.margin_x, top)
        canv.drawCentredString(w / 2, g.margin_bottom * 0.45, f"第 {page - 1} 页 共 {total - 1} 页")
        canv.restoreState()

    def running_header(self) -> tuple[str, float]:
        """The running header's text and size, the same on every page (worked out once)."""
        if getattr(self, "_header", None) is None:
            g = self.g
            title = f"{self.data.org_name}　{self.data.year or '　　'}年工作纪实"
            if self.data.blank and not self.data.org_name:
                title = book_title(self.data.org_type)
            # A long organization name shrinks, then is shortened, to stay inside the margins.
            room = g.width
            size = fit_text(title, SONG, g.small, room, g.small * 0.7)
            while stringWidth(title, SONG, size) > room and len(title) > 8:
                title = title[:6] + "…" + title[8:]
            self._header = (title, size)
        return self._header

    def draw_contents(self, canv: Canvas, index: int) -> None:
        g, s = self.g, self.s
        w, h = g.pagesize
        per = self.lines_per_contents_page
        entries = self.entries[index * per : (index + 1) * per]
        y = h - g.margin_top - g.body * 2
        if index == 0:
            canv.setFont(HEI, s.h1.fontSize)
            canv.drawCentredString(w / 2, y, "目　录")
        y -= g.body * 3
        line_h = g.body * 1.9
        right = w - g.margin_x
        for key, level, title in entries:
            page = self.pages.get(key)
            num = str(page - 1) if page else ""
            font = HEI if level == 0 else SONG
            size = g.body if level == 0 else g.body - 0.5
            x = g.margin_x + (0 if level == 0 else g.body * 2)
            canv.setFont(font, size)
            room = right - x - stringWidth(num, SONG, size) - size * 3
            text = title
            while stringWidth(text, font, size) > room and len(text) > 1:
                text = text[:-2] + "…"
            canv.drawString(x, y, text)
            canv.setFont(SONG, size)
            canv.drawRightString(right, y, num)
            # dot leader
            start = x + stringWidth(text, font, size) + size * 0.5
            end = right - stringWidth(num, SONG, size) - size * 0.5
            if end > start:
                dots = "·" * int((end - start) // stringWidth("·", SONG, size))
                canv.drawRightString(end, y, dots)
            y -= line_h


def _canvas_factory(book: _Book):
    class _BookCanvas(Canvas):
        """Keeps every page until save(), then writes page numbers and the contents."""

        def __init__(self, *a, **kw):
            kw["initialFontName"] = SONG
            kw["initialFontSize"] = book.g.body
            super().__init__(*a, **kw)
            self._kept: list[dict] = []
            self._contents_pages: dict[int, int] = {}

        def showPage(self):
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._kept)
            contents_at = {p: i for i, p in self._contents_pages.items()}
            by_page: dict[int, list] = {}
            for key, level, title in book.entries:
                by_page.setdefault(book.pages.get(key, 0), []).append((key, level, title))
            for n, state in enumerate(self._kept, 1):
                self.__dict__.update(state)
                book.decorate(self, n, total)
                if n in contents_at:
                    book.draw_contents(self, contents_at[n])
                if n == 2:
                    self.bookmarkPage("contents")
                    self.addOutlineEntry("目录", "contents", 0)
                for key, level, title in by_page.get(n, ()):
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level)
                Canvas.showPage(self)
                if book.progress and n % 20 == 0:
                    book.progress(0.9 + 0.1 * n / total, "正在写入页码…")
            binary_streams(lambda: Canvas.save(self))

    return _BookCanvas


def binary_streams(write) -> None:
    """Run `write` (a canvas's save) with the page streams compressed but not ASCII85
    encoded: ReportLab's default makes every stream a quarter larger and its pure-Python
    encoder is a tenth of a book's time; every PDF reader reads binary streams."""
    old = rl_config.useA85
    rl_config.useA85 = 0
    try:
        write()
    finally:
        rl_config.useA85 = old


class _Doc(BaseDocTemplate):
    def __init__(self, target, book: _Book, **kw):
        super().__init__(target, **kw)
        self.book = book

    def afterFlowable(self, flowable):
        toc = getattr(flowable, "toc", None)
        if toc is not None:
            self.book.pages.setdefault(toc[0], self.page)


def render_book(
    data: BookData,
    target: str | Path | io.BytesIO,
    *,
    a5: bool = False,
    progress: Progress | None = None,
    invariant: bool = False,
) -> int:
    """Lay the book out into `target` (path or binary file); returns the page count.
    `progress(fraction, text)` is called as pages are laid out; it may raise to cancel."""
    register_fonts()
    g = A5_GEOMETRY if a5 else A4_GEOMETRY
    book = _Book(data, g, progress)
    story = book.story()
    title = f"{data.org_name} {data.year or ''}年工作纪实".strip()
    doc = _Doc(
        str(target) if isinstance(target, Path) else target,
        book,
        pagesize=g.pagesize,
        leftMargin=g.margin_x,
        rightMargin=g.margin_x,
        topMargin=g.margin_top,
        bottomMargin=g.margin_bottom,
        title=title,
        author="PartyDesk",
        creator="PartyDesk",
        invariant=1 if invariant else 0,
        initialFontName=SONG,
        initialFontSize=g.body,
    )
    frame = Frame(
        g.margin_x,
        g.margin_bottom,
        g.width,
        g.height,
        id="f",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate("cover", frames=[frame]),
            PageTemplate("body", frames=[frame]),
        ]
    )
    if progress:
        state = {"n": 1, "last": 0.0}

        def cb(kind, value):
            if kind == "SIZE_EST":
                state["n"] = max(1, value)
            elif kind == "PROGRESS":
                # Split flowables lengthen the story, so keep the figure from going back.
                f = min(0.9, 0.9 * value / state["n"])
                if f >= state["last"] + 0.01:
                    state["last"] = f
                    progress(f, "正在排版…")

        doc.setProgressCallBack(cb)
    doc.build(story, canvasmaker=_canvas_factory(book))
    if progress:
        progress(1.0, "完成")
    return doc.page
