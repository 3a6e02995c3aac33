"""The book's sections, in print order: the one place a new section plugs in.

A section is a `Section(key, title, build, load=None)`:
- `build(book)` returns the section's flowables (book is a layout.Layout: its data,
  geometry, styles and building blocks — heading, subhead, form, grid, lined_page);
- `load(session, org, year, data)`, if given, reads what the section prints from the
  ledger into `data.extra[key]` (called by load_book after the core data is read, so the
  layout still runs without a session). In a blank book `load` is not called and
  `data.blank` is true: `build` prints empty forms.

To add a section, write its builder (and loader) in a module of its own and insert a
`Section` into SECTIONS where it belongs in the book; the contents, bookmarks, page
numbers and section numeral (一、二、…) follow from the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import CondPageBreak, PageBreak

from partydesk.records import MEETING_KINDS
from partydesk.reports.book import development, dues, parts, problems
from partydesk.reports.book.data import RecordView
from partydesk.reports.book.layout import Layout
from partydesk.reports.book.records import record, record_title
from partydesk.reports.book.texts import text_section


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Callable[[Layout], list]
    load: Callable[[Any, Any, int, Any], None] | None = None


# Which section prints each kind of work record.
SECTION_OF_KIND = {
    "member_meeting": "three_one",
    "committee_meeting": "three_one",
    "group_meeting": "three_one",
    "lecture": "three_one",
    "theme_day": "theme_day",
    "life_meeting": "life",
    "appraisal": "life",
    "talk": "talk",
    "visit": "visit",
    "instructor_log": "instructor_log",
}


def records_of(book: Layout, key: str) -> list[RecordView]:
    return [r for r in book.data.records if SECTION_OF_KIND.get(r.kind, "three_one") == key]


def record_section(key: str) -> Callable[[Layout], list]:
    """A section listing the year's records of the kinds SECTION_OF_KIND maps to `key`."""

    def build(book: Layout) -> list:
        d = book.data
        recs = records_of(book, key)
        out: list = []
        if not recs:
            out.append(book.p("本年度无记录。", book.s.body))
        for j, r in enumerate(recs):
            if d.blank and j and r.kind in MEETING_KINDS:
                out.append(PageBreak())  # one meeting form (and sign-in) a page
            elif d.blank and j:
                out.append(CondPageBreak(book.g.height * 0.45))
            elif j:
                out.append(CondPageBreak(book.g.height * 0.3))
            title = record_title(book, r)
            if d.blank:
                out += book.subhead(title)
            else:
                out += book.heading(title, 1)
            out += record(book, r)
        return out

    return build


SECTIONS: list[Section] = [
    Section("facts", "基本情况", parts.facts),
    Section("org", "组织机构", parts.organization),
    Section("rosters", "党员名册", parts.rosters),
    Section("plan", "年度工作计划", *text_section("plan")),
    Section("three_one", "“三会一课”记录", record_section("three_one")),
    Section("theme_day", "主题党日活动记录", record_section("theme_day")),
    Section("life", "组织生活会和民主评议党员", record_section("life")),
    Section("talk", "谈心谈话记录", record_section("talk")),
    Section(dues.KEY, "党费收缴", dues.build, dues.load),
    Section("develop", "发展党员工作记录", development.build, development.load),
    Section("visit", "走访记录", record_section("visit")),
    Section("problems", "问题清单", problems.build, problems.load),
    Section("instructor_log", "党建指导员工作日志", record_section("instructor_log")),
    Section("summary", "年度工作总结", *text_section("summary")),
]
