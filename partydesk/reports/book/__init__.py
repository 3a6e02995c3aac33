"""The branch work-record book (党支部工作纪实手册): one organization, one year.

    write_book(session, org_id, year, "book.pdf", a5=False, blank=False)

The package, one idea a module:
- data.py      what the book prints, as plain objects; the blank template's data
- loading.py   load_book: the ledger's rows for the book's organization and year
- layout.py    geometry, styles and building blocks (cells, forms, grids, headings)
- parts.py     基本情况, 组织机构 and the rosters
- records.py   a work record's form, 评议结果 and the sign-in sheet
- sections.py  SECTIONS, the book's sections in order: where a new section plugs in
- render.py    render_book: one platypus pass, page numbers and contents written last

A *blank* book (`blank=True`) is the same book with empty forms, for offices that still
write by hand.
"""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy.orm import Session

from partydesk.ledger.models import Organization
from partydesk.reports.book.data import BookData, RecordView, blank_book
from partydesk.reports.book.layout import Progress
from partydesk.reports.book.loading import load_book
from partydesk.reports.book.render import render_book
from partydesk.reports.book.sections import SECTIONS, Section


def write_book(
    session: Session | None,
    org_id: int | None,
    year: int | None,
    target: str | Path | io.BytesIO,
    *,
    a5: bool = False,
    blank: bool = False,
    progress: Progress | None = None,
    invariant: bool = False,
) -> int:
    """Load and render the book of `org_id` for `year` (with `blank`, the template; the
    organization and year, when given, are printed on it). Returns the page count."""
    if blank:
        name, org_type = "", ""
        if session is not None and org_id is not None:
            org = session.get(Organization, org_id)
            name = org.name if org else ""
            org_type = org.org_type if org else ""
        data = blank_book(name, year, org_type)
    else:
        data = load_book(session, org_id, year)
    return render_book(data, target, a5=a5, progress=progress, invariant=invariant)


__all__ = [
    "SECTIONS",
    "BookData",
    "RecordView",
    "Section",
    "blank_book",
    "load_book",
    "render_book",
    "write_book",
]
