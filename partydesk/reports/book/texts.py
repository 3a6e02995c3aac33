"""The book's 年度工作计划 and 年度工作总结 pages: the organization's text for the year,
paragraph by paragraph with the first line indented; ruled lines when none was written
(and in the blank book), so it can still be filled in by hand."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from partydesk.reports.book.layout import Layout


def text_section(kind: str):
    """(build, load) of the section printing the text of `kind` ("plan" / "summary")."""

    def load(session, org, year, data) -> None:
        from partydesk.records.plans import get_text, paragraphs

        data.extra[kind] = paragraphs(get_text(session, org.id, year, kind))

    def build(book: Layout) -> list:
        paras = [] if book.data.blank else book.data.extra.get(kind) or []
        if not paras:
            return [book.lined_page()]
        b = book.g.body
        style = ParagraphStyle(
            f"text_{kind}",
            parent=book.s.body,
            fontSize=b + 0.5,
            leading=(b + 0.5) * 1.75,
            firstLineIndent=2 * (b + 0.5),
            spaceAfter=b * 0.3,
        )
        return [book.p(t, style) for t in paras]

    return build, load
