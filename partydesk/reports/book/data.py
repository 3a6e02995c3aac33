"""What the book prints, as plain objects (so the layout can run in a worker thread
without a session), and the blank template's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from partydesk.records import RecordKind


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
    org_type: str = ""  # OrgType value: the cover title follows it
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
    # What plugged-in sections loaded for themselves, by section key (see sections.py).
    extra: dict[str, Any] = field(default_factory=dict)


FACT_LABELS = (
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


# The book's name and its committee's by organization type; a branch's by default.
_TITLES = {
    "committee": ("党委工作纪实手册", "党委委员会"),
    "general_branch": ("党总支工作纪实手册", "党总支委员会"),
}


def book_title(org_type: str) -> str:
    return _TITLES.get(org_type, ("党支部工作纪实手册", "支部委员会"))[0]


def committee_title(org_type: str) -> str:
    return _TITLES.get(org_type, ("党支部工作纪实手册", "支部委员会"))[1]


def month_text(v: date | None) -> str:
    return f"{v.year}.{v.month:02d}" if v else ""


def day_text(v: date | None) -> str:
    return f"{v.year}年{v.month}月{v.day}日" if v else ""


def blank_book(org_name: str = "", year: int | None = None, org_type: str = "") -> BookData:
    """The template: every form empty, as many forms per kind as a year needs."""
    data = BookData(year=year, org_name=org_name, org_type=org_type, blank=True)
    data.facts = [(k, "") for k in FACT_LABELS]
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
