"""Work records in the book: a form per record (meetings, talks, visits, instructor logs),
the 民主评议 results and the sign-in sheet."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from partydesk.records import Rating
from partydesk.reports.book.data import RecordView
from partydesk.reports.book.layout import Layout
from partydesk.reports.book.signin import SignInSheet, signin_cells
from partydesk.reports.typography import keep


def when(book: Layout, r: RecordView) -> str:
    if r.held_at is None:
        return "　　年　　月　　日　　时　　分"
    t = f"{r.held_at.year}年{r.held_at.month}月{r.held_at.day}日 {r.held_at:%H:%M}"
    if r.end_at:
        t += f"—{r.end_at:%H:%M}"
    return t


def record_title(book: Layout, r: RecordView) -> str:
    if book.data.blank:
        return f"{r.label}记录（第　　次）"
    return f"{r.label}（第{r.seq}次） {r.held_at.month}月{r.held_at.day}日"


def expected_count(book: Layout, r: RecordView) -> int:
    """应到人数: as recorded; else a 支委会's committee, or everyone listed."""
    if r.expected is not None:
        return r.expected
    if r.kind == "committee_meeting" and book.data.committee:
        return len(book.data.committee)
    return len(r.present) + len(r.absent)


def record(book: Layout, r: RecordView) -> list:
    blank = book.data.blank
    tall = 3.2 * cm if blank else 0
    kind = r.kind
    if kind == "talk":
        who = "、".join(map(keep, r.present)) or r.people_met
        rows = [
            ("谈话时间", when(book, r), "地点", (r.place)),
            ("谈话人", (r.host), "记录人", (r.recorder)),
            ("谈话对象", (who)),
            ("谈话内容", (r.content), 6 * cm if blank else 0),
        ]
        if r.note or blank:
            rows.append(("备注", (r.note)))
        return [book.form(rows, title=record_title(book, r))]
    if kind == "visit":
        rows = [
            ("走访时间", when(book, r), "走访人", (r.instructor or r.host)),
            ("走访单位", (r.unit or r.place)),
            ("见面人员", (r.people_met)),
            ("反映问题", (r.problems_raised), tall),
            ("解决情况", (r.problems_solved), tall),
        ]
        if r.note or blank:
            rows.append(("备注", (r.note)))
        return [book.form(rows, title=record_title(book, r))]
    if kind == "instructor_log":
        rows = [
            ("日期", when(book, r), "指导员", (r.instructor or r.host)),
            ("指导单位", (r.unit or r.place)),
            ("工作内容", (r.content), tall),
            ("发现问题", (r.problems_raised), tall * 0.6),
            ("解决情况", (r.problems_solved), tall * 0.6),
        ]
        return [book.form(rows, title=record_title(book, r))]
    # Meetings and activities with a sign-in table.
    expected = "" if blank else str(expected_count(book, r))
    rows = [
        ("时间", when(book, r), "地点", (r.place)),
        ("主持人", (r.host), "记录人", (r.recorder)),
        (
            "应到人数",
            expected and f"{expected} 人",
            "实到人数",
            "" if blank else f"{len(r.present)} 人",
        ),
        (
            "缺席人员",
            ("、".join(keep(f"{n}（{why}）" if why else n) for n, why in r.absent))
            or ("" if blank else "无"),
        ),
        ("列席人员", ("、".join(map(keep, r.observers))) or ("" if blank else "无")),
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
    out: list = [book.form(rows, title=record_title(book, r))]
    if kind == "appraisal":
        out += ratings(book, r)
    out += signin(book, r)
    return out


def ratings(book: Layout, r: RecordView) -> list:
    out = [Spacer(1, 4), *book.subhead("评议结果")]
    if book.data.blank:
        rows = [[""] * 6 for _ in range(12)]
    else:
        cells = [[str(i), n, lab] for i, (n, lab) in enumerate(r.ratings, 1)]
        half = -(-len(cells) // 2)
        rows = []
        for i in range(half):
            right = cells[half + i] if half + i < len(cells) else ["", "", ""]
            rows.append(cells[i] + right)
    out.append(
        book.grid(
            ["序号", "姓名", "评议等次"] * 2,
            rows or [[""] * 6],
            [1, 2.4, 2.4] * 2,
            row_h=0.7 * cm if book.data.blank else 0,
        )
    )
    if not book.data.blank and r.ratings:
        tally = {lab: 0 for lab in Rating.labels()}
        for _n, lab in r.ratings:
            tally[lab] = tally.get(lab, 0) + 1
        text = "、".join(f"{k} {v} 人" for k, v in tally.items())
        out.append(book.p(f"共评议 {len(r.ratings)} 人：{text}。", book.s.cell))
    return out


def signin(book: Layout, r: RecordView) -> list:
    cells = signin_cells(book, r.present, r.absent, r.observers)
    if not cells:
        return []
    return [Spacer(1, 4), SignInSheet(book, record_title(book, r), cells)]
