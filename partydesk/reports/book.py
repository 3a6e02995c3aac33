"""The branch work-record book (党支部工作纪实手册): one organization, one year.

    write_book(session, org_id, year, "book.pdf", a5=False, blank=False)

`load_book` reads everything the book prints into plain objects (so the layout can run in
a worker thread without a session); `render_book` lays it out with platypus in ONE pass:
pages are kept until the end (deferred canvas), and only then are the page count
("第 N 页 共 M 页") and the contents page numbers written onto them — no second layout
pass. The cover has no page number; numbering starts at the contents.

A *blank* book (`blank=True`) is the same book with empty forms, for offices that still
write by hand.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError
from partydesk.ledger.enums import (
    MEMBER_CATEGORIES,
    Category,
    CommitteeRole,
    EventKind,
    Formation,
    OrgType,
    PersonStatus,
    Sex,
)
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    Person,
    PersonEvent,
    Unit,
)
from partydesk.records import (
    MEETING_KINDS,
    Appraisal,
    Attendance,
    Rating,
    RecordKind,
    WorkRecord,
)
from partydesk.reports.fonts import HEI, SONG, register_fonts

Progress = Callable[[float, str], None]

# ---------------------------------------------------------------------------------------
# Data: what the book prints, read from the ledger once.


@dataclass
class RecordView:
    kind: str
    seq: int
    held_at: datetime | None
    end_at: datetime | None = None
    place: str = ""
    host: str = ""
    recorder: str = ""
    expected: int | None = None
    present: list[str] = field(default_factory=list)
    absent: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    observers: list[str] = field(default_factory=list)
    topics: str = ""
    content: str = ""
    resolutions: str = ""
    votes: str = ""
    lecturer: str = ""
    lesson_title: str = ""
    problems: str = ""
    measures: str = ""
    instructor: str = ""
    unit: str = ""
    people_met: str = ""
    problems_raised: str = ""
    problems_solved: str = ""
    note: str = ""
    ratings: list[tuple[str, str]] = field(default_factory=list)  # (name, rating label)

    @property
    def label(self) -> str:
        return RecordKind.label_of(self.kind)


@dataclass
class BookData:
    year: int | None
    org_name: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)  # 基本情况 label, value
    secretary: str = ""
    issuer: str = ""  # the parent organization, printed at the foot of the cover
    committee: list[tuple[str, str, str]] = field(default_factory=list)  # role, name, since
    groups: list[tuple[str, str, str]] = field(default_factory=list)  # group, leader, members
    members: list[tuple] = field(default_factory=list)
    candidates: list[tuple] = field(default_factory=list)
    flowing: list[tuple] = field(default_factory=list)
    transfers: list[tuple] = field(default_factory=list)
    records: list[RecordView] = field(default_factory=list)
    blank: bool = False


def _d(v: date | None) -> str:
    return f"{v.year}.{v.month:02d}" if v else ""


def _day(v: date | None) -> str:
    return f"{v.year}年{v.month}月{v.day}日" if v else ""


def load_book(session: Session, org_id: int, year: int) -> BookData:
    """Everything the book of `org_id` for `year` prints."""
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    names: dict[int, str] = {}

    def name_of(pid: int | None) -> str:
        if pid is None:
            return ""
        if pid not in names:
            p = session.get(Person, pid)
            names[pid] = p.name if p else ""
        return names[pid]

    people = list(
        session.scalars(select(Person).where(Person.org_id == org_id).order_by(Person.id))
    )
    for p in people:
        names[p.id] = p.name
    hosts = org.host_units
    data = BookData(year=year, org_name=org.name)
    data.secretary = name_of(org.secretary_id)
    data.issuer = org.parent.name if org.parent else ""
    active = [p for p in people if p.status == PersonStatus.ACTIVE.value]
    members = [p for p in active if p.category in MEMBER_CATEGORIES]
    data.facts = [
        ("组织名称", org.name),
        ("组织类别", OrgType.label_of(org.org_type)),
        ("组建方式", Formation.label_of(org.formation)),
        ("所在单位", "、".join(u.name for u in hosts)),
        ("上级党组织", data.issuer),
        ("成立时间", _day(org.founded_on)),
        ("本届任期", f"{_day(org.term_start)} 至 {_day(org.term_end)}" if org.term_start else ""),
        ("书记", data.secretary),
        (
            "党员人数",
            f"{len(members)} 人（其中预备党员 "
            f"{sum(1 for p in members if p.category == Category.PROBATIONARY)} 人）",
        ),
        ("所在街道（村社区）", org.street or ""),
        ("联系电话", org.contact_phone or ""),
    ]
    order = {r.value: i for i, r in enumerate(CommitteeRole)}
    committee = sorted(
        (c for c in org.committee if c.until is None),
        key=lambda c: (order.get(c.role, 99), c.id),
    )
    data.committee = [
        (CommitteeRole.label_of(c.role), name_of(c.person_id), _d(c.since)) for c in committee
    ]
    for g in org.groups:
        in_group = [p.name for p in members if p.party_group_id == g.id]
        data.groups.append((g.name, name_of(g.leader_id), "、".join(in_group)))
    data.members = [
        (
            p.name,
            Sex.label_of(p.sex),
            _d(p.birth_date),
            p.ethnicity or "",
            p.education or "",
            _d(p.admitted_on),
            _d(p.full_on),
            Category.label_of(p.category),
            p.job or "",
        )
        for p in members
    ]
    data.candidates = [
        (
            p.name,
            Sex.label_of(p.sex),
            Category.label_of(p.category),
            _d(p.applied_on),
            _d(p.activist_on),
            _d(p.target_on),
        )
        for p in active
        if p.category not in MEMBER_CATEGORIES
    ]
    data.flowing = [
        (p.name, p.flow_to or "", _d(p.flow_since), p.phone or "") for p in members if p.is_flowing
    ]
    transfers = session.execute(
        select(PersonEvent, Person.name)
        .join(Person, Person.id == PersonEvent.person_id)
        .where(
            PersonEvent.kind.in_([EventKind.TRANSFER_IN.value, EventKind.TRANSFER_OUT.value]),
            or_(
                PersonEvent.from_org_id == org_id,
                PersonEvent.to_org_id == org_id,
                Person.org_id == org_id,
            ),
            PersonEvent.on >= date(year, 1, 1),
            PersonEvent.on <= date(year, 12, 31),
        )
        .order_by(PersonEvent.on, PersonEvent.id)
    ).all()
    data.transfers = [
        (_day(ev.on), pname, EventKind.label_of(ev.kind), ev.from_value or "", ev.to_value or "")
        for ev, pname in transfers
    ]

    # Records: the organization's own, plus visits to its host units and logs of its
    # instructors kept without an organization.
    unit_ids = [u.id for u in hosts]
    instr_ids = list(
        session.scalars(
            select(InstructorAssignment.instructor_id).where(
                or_(
                    InstructorAssignment.org_id == org_id,
                    InstructorAssignment.unit_id.in_(unit_ids) if unit_ids else False,
                )
            )
        )
    )
    cond = [WorkRecord.org_id == org_id]
    if unit_ids:
        cond.append((WorkRecord.org_id.is_(None)) & WorkRecord.unit_id.in_(unit_ids))
    if instr_ids:
        cond.append(
            (WorkRecord.org_id.is_(None))
            & (WorkRecord.kind == RecordKind.INSTRUCTOR_LOG.value)
            & WorkRecord.instructor_id.in_(instr_ids)
        )
    # Plain rows, not ORM objects: a big book has tens of thousands of attendance rows.
    where = (WorkRecord.year == year) & or_(*cond)
    recs = session.execute(
        select(WorkRecord.__table__).where(where).order_by(WorkRecord.held_at, WorkRecord.id)
    ).all()
    ids = select(WorkRecord.id).where(where).scalar_subquery()
    att: dict[int, list] = {}
    for rid, pid, status, reason, name_text in session.execute(
        select(
            Attendance.record_id,
            Attendance.person_id,
            Attendance.status,
            Attendance.reason,
            Attendance.name_text,
        )
        .where(Attendance.record_id.in_(ids))
        .order_by(Attendance.id)
    ):
        att.setdefault(rid, []).append((pid, status, reason, name_text))
    apps: dict[int, list] = {}
    for rid, pid, rating in session.execute(
        select(Appraisal.record_id, Appraisal.person_id, Appraisal.rating)
        .where(Appraisal.record_id.in_(ids))
        .order_by(Appraisal.id)
    ):
        apps.setdefault(rid, []).append((pid, rating))
    instr_names = (
        dict(session.execute(select(Instructor.id, Instructor.name)).all())
        if any(r.instructor_id for r in recs)
        else {}
    )
    unit_names = {u.id: u.name for u in hosts}
    for r in recs:
        if r.unit_id and r.unit_id not in unit_names:
            u = session.get(Unit, r.unit_id)
            unit_names[r.unit_id] = u.name if u else ""
        v = RecordView(
            kind=r.kind,
            seq=r.seq,
            held_at=r.held_at,
            end_at=r.end_at,
            place=r.place or "",
            host=r.host or "",
            recorder=r.recorder or "",
            expected=r.expected_count,
            topics=r.topics or "",
            content=r.content or "",
            resolutions=r.resolutions or "",
            votes=r.votes or "",
            lecturer=r.lecturer or "",
            lesson_title=r.lesson_title or "",
            problems=r.problems or "",
            measures=r.measures or "",
            instructor=instr_names.get(r.instructor_id, ""),
            unit=unit_names.get(r.unit_id, "") if r.unit_id else "",
            people_met=r.people_met or "",
            problems_raised=r.problems_raised or "",
            problems_solved=r.problems_solved or "",
            note=r.note or "",
        )
        for pid, status, reason, name_text in att.get(r.id, ()):
            nm = name_text or name_of(pid)
            if status == "present":
                v.present.append(nm)
            elif status == "absent":
                v.absent.append((nm, reason or ""))
            else:
                v.observers.append(nm)
        v.ratings = [(name_of(pid), Rating.label_of(rt)) for pid, rt in apps.get(r.id, ())]
        data.records.append(v)
    return data


def blank_book(org_name: str = "", year: int | None = None) -> BookData:
    """The template: every form empty, as many forms per kind as a year needs."""
    data = BookData(year=year, org_name=org_name, blank=True)
    data.facts = [
        (k, "")
        for k in (
            "组织名称",
            "组织类别",
            "组建方式",
            "所在单位",
            "上级党组织",
            "成立时间",
            "本届任期",
            "书记",
            "党员人数",
            "所在街道（村社区）",
            "联系电话",
        )
    ]
    data.facts[0] = ("组织名称", org_name)
    per_kind = {
        RecordKind.MEMBER_MEETING: 4,
        RecordKind.COMMITTEE_MEETING: 12,
        RecordKind.GROUP_MEETING: 12,
        RecordKind.LECTURE: 4,
        RecordKind.THEME_DAY: 12,
        RecordKind.LIFE_MEETING: 1,
        RecordKind.APPRAISAL: 1,
        RecordKind.TALK: 6,
        RecordKind.VISIT: 6,
        RecordKind.INSTRUCTOR_LOG: 12,
    }
    for kind, n in per_kind.items():
        data.records += [RecordView(kind=kind.value, seq=0, held_at=None) for _ in range(n)]
    return data


# ---------------------------------------------------------------------------------------
# Layout.

SECTIONS = [
    ("facts", "基本情况"),
    ("org", "组织机构"),
    ("rosters", "党员名册"),
    ("plan", "年度工作计划"),
    ("three_one", "“三会一课”记录"),
    ("theme_day", "主题党日活动记录"),
    ("life", "组织生活会和民主评议党员"),
    ("talk", "谈心谈话记录"),
    ("visit", "走访记录"),
    ("instructor_log", "党建指导员工作日志"),
    ("summary", "年度工作总结"),
]
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
NUMERALS = "一二三四五六七八九十"


def _numeral(i: int) -> str:
    if i <= 10:
        return NUMERALS[i - 1]
    return "十" + NUMERALS[i - 11]


def _t(text: str | None) -> str:
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


class _Styles:
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


class _Heading(Paragraph):
    """A heading that becomes a contents entry and a PDF bookmark."""

    def __init__(self, text, style, key: str, level: int, title: str):
        super().__init__(text, style)
        self.toc = (key, level, title)


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


class _Book:
    """One layout run: flowables, contents entries and the deferred canvas."""

    def __init__(self, data: BookData, g: Geometry, progress: Progress | None):
        self.data = data
        self.g = g
        self.s = _Styles(g)
        self.progress = progress
        self.entries: list[tuple[str, int, str]] = []  # key, level, title
        self.pages: dict[str, int] = {}  # key -> physical page
        self._widths: dict[tuple, float] = {}
        self.lines_per_contents_page = int((g.height - g.body * 4) // (g.body * 1.9))

    # ---- building blocks ----
    def p(self, text, style=None):
        return Paragraph(_t(text), style or self.s.cell)

    def heading(self, text: str, level: int, key: str | None = None) -> list:
        """A contents entry: a page break first when less than ~4 lines are left (cheaper
        than keepWithNext, whose KeepTogether lays the whole next table out twice)."""
        style = self.s.h2 if level == 0 else self.s.h3
        key = key or f"k{len(self.entries)}"
        self.entries.append((key, level, text))
        return [CondPageBreak(self.g.body * 7), _Heading(escape(text), style, key, level, text)]

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
        return Paragraph(_t(t), style)

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

    # ---- the parts ----
    def cover(self) -> list:
        d, s, g = self.data, self.s, self.g
        year = f"{d.year} 年度" if d.year and not d.blank else "________ 年度"
        name = d.org_name or "______________________________"
        sec = d.secretary or ("" if not d.blank else "")
        out = [
            Spacer(1, g.height * 0.16),
            Paragraph("党支部工作纪实手册", s.cover_title),
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

    def facts(self) -> list:
        rows = list(self.data.facts)
        if self.data.blank:
            rows = [(k, "", 0.9 * cm) for k, _ in self.data.facts]
        return [self.form(rows, label_w=3.8 * cm)]

    def organization(self) -> list:
        d = self.data
        out = [*self.heading("支部委员会", 1)]
        comm = [[str(i), r, n, s] for i, (r, n, s) in enumerate(d.committee, 1)]
        if d.blank:
            comm = [[""] * 4 for _ in range(7)]
        out.append(
            self.grid(
                ["序号", "职务", "姓名", "任职时间"],
                comm or [["", "（未设支委会）", "", ""]],
                [1, 3, 3, 3],
                small=self.g is A5_GEOMETRY,
                row_h=0.8 * cm,
            )
        )
        out += self.heading("党小组", 1)
        groups = [
            [str(i), gname, leader, mem] for i, (gname, leader, mem) in enumerate(d.groups, 1)
        ]
        if d.blank:
            groups = [[""] * 4 for _ in range(5)]
        out.append(
            self.grid(
                ["序号", "党小组", "组长", "成员"],
                groups or [["", "（未设党小组）", "", ""]],
                [1, 2.5, 2, 8],
                small=self.g is A5_GEOMETRY,
                row_h=1.2 * cm if d.blank else 0,
            )
        )
        return out

    def rosters(self) -> list:
        d = self.data
        out = [*self.heading("党员名册", 1)]

        def rows(items, blank_n, ncols):
            if d.blank:
                return [[""] * ncols for _ in range(blank_n)]
            return [[str(i), *r] for i, r in enumerate(items, 1)] or [[""] * ncols]

        header = [
            "序号",
            "姓名",
            "性别",
            "出生年月",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "类别",
            "工作岗位",
        ]
        widths = [0.9, 1.5, 0.8, 1.5, 1.0, 2.2, 1.5, 1.5, 1.5, 2.4]
        members = rows(d.members, 25, 10)
        if self.g is A5_GEOMETRY:  # a pocket page has no room for 民族 and 转正时间
            keep = [0, 1, 2, 3, 5, 6, 8, 9]
            header = [header[i] for i in keep]
            widths = [0.9, 1.5, 0.8, 1.6, 1.9, 1.6, 1.6, 2.2]
            members = [[r[i] for i in keep] for r in members]
        out.append(self.grid(header, members, widths, row_h=0.75 * cm if d.blank else 0))
        out += self.heading("入党积极分子和发展对象名册", 1)
        out.append(
            self.grid(
                [
                    "序号",
                    "姓名",
                    "性别",
                    "类别",
                    "递交申请时间",
                    "确定积极分子时间",
                    "确定发展对象时间",
                ],
                rows(d.candidates, 10, 7),
                [0.9, 1.8, 0.9, 2.2, 2.2, 2.4, 2.4],
                row_h=0.75 * cm if d.blank else 0,
            )
        )
        out += self.heading("流动党员名册", 1)
        out.append(
            self.grid(
                ["序号", "姓名", "外出流向", "外出时间", "联系电话"],
                rows(d.flowing, 6, 5),
                [0.9, 1.8, 5, 1.8, 2.5],
                row_h=0.75 * cm if d.blank else 0,
            )
        )
        out += self.heading("组织关系转接登记", 1)
        out.append(
            self.grid(
                ["序号", "日期", "姓名", "类别", "转出单位", "转入单位"],
                rows(d.transfers, 6, 6),
                [0.9, 2.2, 1.8, 2.4, 3.5, 3.5],
                row_h=0.75 * cm if d.blank else 0,
            )
        )
        return out

    def _when(self, r: RecordView) -> str:
        if r.held_at is None:
            return "　　年　　月　　日　　时　　分"
        t = f"{r.held_at.year}年{r.held_at.month}月{r.held_at.day}日 {r.held_at:%H:%M}"
        if r.end_at:
            t += f"—{r.end_at:%H:%M}"
        return t

    def record_title(self, r: RecordView) -> str:
        if self.data.blank:
            return f"{r.label}记录（第　　次）"
        return f"{r.label}（第{r.seq}次） {r.held_at.month}月{r.held_at.day}日"

    def record(self, r: RecordView) -> list:
        blank = self.data.blank
        tall = 3.2 * cm if blank else 0
        kind = r.kind
        if kind == "talk":
            who = "、".join(r.present) or r.people_met
            rows = [
                ("谈话时间", self._when(r), "地点", (r.place)),
                ("谈话人", (r.host), "记录人", (r.recorder)),
                ("谈话对象", (who)),
                ("谈话内容", (r.content), 6 * cm if blank else 0),
            ]
            if r.note or blank:
                rows.append(("备注", (r.note)))
            return [self.form(rows)]
        if kind == "visit":
            rows = [
                ("走访时间", self._when(r), "走访人", (r.instructor or r.host)),
                ("走访单位", (r.unit or r.place)),
                ("见面人员", (r.people_met)),
                ("反映问题", (r.problems_raised), tall),
                ("解决情况", (r.problems_solved), tall),
            ]
            if r.note or blank:
                rows.append(("备注", (r.note)))
            return [self.form(rows)]
        if kind == "instructor_log":
            rows = [
                ("日期", self._when(r), "指导员", (r.instructor or r.host)),
                ("指导单位", (r.unit or r.place)),
                ("工作内容", (r.content), tall),
                ("发现问题", (r.problems_raised), tall * 0.6),
                ("解决情况", (r.problems_solved), tall * 0.6),
            ]
            return [self.form(rows)]
        # Meetings and activities with a sign-in table.
        expected = (
            ""
            if blank
            else str(r.expected if r.expected is not None else len(r.present) + len(r.absent))
        )
        rows = [
            ("时间", self._when(r), "地点", (r.place)),
            ("主持人", (r.host), "记录人", (r.recorder)),
            (
                "应到人数",
                expected and f"{expected} 人",
                "实到人数",
                "" if blank else f"{len(r.present)} 人",
            ),
            (
                "缺席人员",
                ("、".join(f"{n}（{why}）" if why else n for n, why in r.absent))
                or ("" if blank else "无"),
            ),
            ("列席人员", ("、".join(r.observers)) or ("" if blank else "无")),
        ]
        if kind == "lecture":
            rows.append(("主讲人", (r.lecturer), "党课题目", (r.lesson_title)))
        rows.append(("议题", (r.topics), 1.8 * cm if blank else 0))
        content_label = "活动内容" if kind == "theme_day" else "会议内容"
        rows.append((content_label, (r.content), 4.6 * cm if blank else 0))
        if kind == "life_meeting":
            rows.append(("查摆问题", (r.problems), tall))
            rows.append(("整改措施", (r.measures), tall))
        if kind in ("member_meeting", "committee_meeting", "group_meeting", "appraisal"):
            rows.append(("决议事项", (r.resolutions), 2 * cm if blank else 0))
        if kind in ("member_meeting", "committee_meeting", "appraisal"):
            rows.append(("表决结果", (r.votes), 1.2 * cm if blank else 0))
        if r.note:
            rows.append(("备注", (r.note)))
        out: list = [self.form(rows)]
        if kind == "appraisal":
            out += self.ratings(r)
        out += self.signin(r)
        return out

    def ratings(self, r: RecordView) -> list:
        out = [Spacer(1, 4), *self.subhead("评议结果")]
        if self.data.blank:
            rows = [[""] * 6 for _ in range(12)]
        else:
            cells = [[str(i), n, lab] for i, (n, lab) in enumerate(r.ratings, 1)]
            half = -(-len(cells) // 2)
            rows = []
            for i in range(half):
                right = cells[half + i] if half + i < len(cells) else ["", "", ""]
                rows.append(cells[i] + right)
        out.append(
            self.grid(
                ["序号", "姓名", "评议等次"] * 2,
                rows or [[""] * 6],
                [1, 2.4, 2.4] * 2,
                row_h=0.7 * cm if self.data.blank else 0,
            )
        )
        if not self.data.blank and r.ratings:
            tally = {lab: 0 for lab in Rating.labels()}
            for _n, lab in r.ratings:
                tally[lab] = tally.get(lab, 0) + 1
            text = "、".join(f"{k} {v} 人" for k, v in tally.items())
            out.append(self.p(f"共评议 {len(r.ratings)} 人：{text}。", self.s.cell))
        return out

    def signin(self, r: RecordView) -> list:
        if self.data.blank:
            cells = [["", "", ""] for _ in range(24)]  # 12 rows of two
        else:
            cells = [[n, "出席"] for n in r.present]
            cells += [[n, f"缺席（{why}）" if why else "缺席"] for n, why in r.absent]
            cells += [[n, "列席"] for n in r.observers]
            cells = [[str(i), *c] for i, c in enumerate(cells, 1)]
        if not cells:
            return []
        half = -(-len(cells) // 2)
        rows = []
        for i in range(half):
            right = cells[half + i] if half + i < len(cells) else ["", "", ""]
            rows.append(cells[i] + right)
        return [
            Spacer(1, 4),
            *self.subhead("签到表"),
            self.grid(
                ["序号", "姓名", "签到"] * 2,
                rows,
                [0.9, 2.2, 2.6] * 2,
                row_h=0.7 * cm if self.data.blank else 0,
            ),
        ]

    def story(self) -> list:
        d = self.data
        by_section: dict[str, list[RecordView]] = {}
        for r in d.records:
            by_section.setdefault(SECTION_OF_KIND.get(r.kind, "three_one"), []).append(r)
        # The contents entries come first so that the contents pages can be reserved.
        body: list = []
        for i, (key, title) in enumerate(SECTIONS, 1):
            text = f"{_numeral(i)}、{title}"
            if i > 1:
                body.append(PageBreak())
            body += self.heading(text, 0, key)
            if key == "facts":
                body += self.facts()
            elif key == "org":
                body += self.organization()
            elif key == "rosters":
                body += self.rosters()
            elif key in ("plan", "summary"):
                body.append(self.lined_page())
            else:
                recs = by_section.get(key, [])
                if not recs:
                    body.append(self.p("本年度无记录。", self.s.body))
                for j, r in enumerate(recs):
                    if d.blank and j and r.kind in MEETING_KINDS:
                        body.append(PageBreak())  # one meeting form (and sign-in) a page
                    elif d.blank and j:
                        body.append(CondPageBreak(self.g.height * 0.45))
                    elif j:
                        body.append(CondPageBreak(self.g.height * 0.3))
                    title = self.record_title(r)
                    if d.blank:
                        body += self.subhead(title)
                    else:
                        body += self.heading(title, 1)
                    body += self.record(r)
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
        title = f"{self.data.org_name}　{self.data.year or '　　'}年工作纪实"
        if self.data.blank and not self.data.org_name:
            title = "党支部工作纪实手册"
        canv.drawRightString(w - g.margin_x, top + 3, title)
        canv.line(g.margin_x, top, w - g.margin_x, top)
        canv.drawCentredString(w / 2, g.margin_bottom * 0.45, f"第 {page - 1} 页 共 {total - 1} 页")
        canv.restoreState()

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
            Canvas.save(self)

    return _BookCanvas


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
        name = ""
        if session is not None and org_id is not None:
            org = session.get(Organization, org_id)
            name = org.name if org else ""
        data = blank_book(name, year)
    else:
        data = load_book(session, org_id, year)
    return render_book(data, target, a5=a5, progress=progress, invariant=invariant)


__all__ = ["BookData", "RecordView", "blank_book", "load_book", "render_book", "write_book"]
