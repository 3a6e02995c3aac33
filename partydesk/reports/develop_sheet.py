"""The printable 发展党员纪实表 (A4): per candidate, the personal facts, then the 25 steps
by stage with date, who (the 培养联系人 / 入党介绍人 by name), the document and a note —
steps not yet done left blank to be filled in — and a place for the branch's seal. One
candidate starts a new page; the table may run onto a second."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.develop.service import progress
from partydesk.ledger.enums import Category, Sex
from partydesk.ledger.models import Organization, Person
from partydesk.reports.book.data import BookData, day_text, month_text
from partydesk.reports.book.layout import A4_GEOMETRY, GRID, LIGHT, Layout
from partydesk.reports.fonts import SONG, register_fonts
from partydesk.reports.typography import Paragraph

HEADER = ["阶段", "步骤", "内容", "日期", "经办人 / 联系人、介绍人", "材料、备注"]
WIDTHS = [1.9, 1.0, 3.0, 2.5, 3.5, 3.1]


def _person_flowables(lay: Layout, session: Session, person_id: int, today: date) -> list:
    pr = progress(session, person_id)
    p = pr.person
    org = session.get(Organization, p.org_id) if p.org_id else None
    ids = {i for st in pr.states for r in st.records for i in (r.sponsor1_id, r.sponsor2_id) if i}
    names = (
        dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
        if ids
        else {}
    )
    s = lay.s
    out: list = [Paragraph("发展党员纪实表", s.h1)]
    out.append(
        lay.form(
            [
                ("姓名", p.name, "性别", Sex.label_of(p.sex) if p.sex else ""),
                ("出生年月", month_text(p.birth_date), "民族", p.ethnicity or ""),
                ("学历", p.education or "", "人员类别", Category.label_of(p.category)),
                ("所在党支部", org.name if org else ""),
                ("工作岗位", p.job or "", "身份证号", p.id_number or ""),
            ],
            label_w=2.4 * cm,
        )
    )
    out.append(Spacer(1, lay.g.body * 0.5))
    rows, spans, prev_stage, first = [], [], None, 1
    for st in pr.states:
        recs = st.records or [None]
        for rec in recs:
            stage = st.step.stage_name
            who = doc = on = ""
            if rec is not None:
                on = day_text(rec.done_on)
                who = rec.who or ""
                if rec.sponsor1_id:
                    pair = "、".join(
                        names.get(i, "") for i in (rec.sponsor1_id, rec.sponsor2_id) if i
                    )
                    who = f"{st.step.sponsors}：{pair}" + (f"；{who}" if who else "")
                doc = "；".join(x for x in (rec.document, rec.note) if x)
            elif st.implied and st.ledger_date:
                on, doc = day_text(st.ledger_date), "据台账日期"
            if stage != prev_stage:
                if prev_stage is not None:
                    spans.append((first, len(rows)))
                first, prev_stage = len(rows) + 1, stage
            rows.append([stage, str(st.step.no), st.step.name, on, who, doc])
    spans.append((first, len(rows)))
    total = sum(WIDTHS)
    cols = [lay.g.width * w / total for w in WIDTHS]
    data = [[lay.cell(h, w, s.label_small) for h, w in zip(HEADER, cols, strict=True)]]
    for r in rows:
        data.append([lay.cell(c, w, s.small) for c, w in zip(r, cols, strict=True)])
    style = [
        ("FONT", (0, 0), (-1, -1), s.small.fontName, s.small.fontSize, s.small.leading),
        ("FONT", (0, 0), (-1, 0), s.label_small.fontName, s.small.fontSize, s.small.leading),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("BACKGROUND", (0, 1), (0, -1), LIGHT),
        # a candidate's 25 steps and the seal line fit on one page
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for a, b in spans:
        if b > a:
            style.append(("SPAN", (0, a), (0, b)))
    for i in range(1, len(data)):
        stage_cell = data[i][0]
        if isinstance(stage_cell, str) and len(stage_cell) > 6:
            data[i][0] = Paragraph(stage_cell, s.small_c)
    out.append(
        Table(
            data,
            colWidths=cols,
            repeatRows=1,
            style=TableStyle(style),
            minRowHeights=[0] + [lay.g.body * 1.45] * len(rows),
            hAlign="CENTER",
        )
    )
    nxt = "25个步骤均已完成。"
    if pr.next is not None:
        nxt = f"下一步：{pr.next.title}"
        if pr.next_due:
            nxt += (
                f"，应于{day_text(pr.next_due)}前完成"
                if pr.deadline
                else f"，{day_text(pr.next_due)}起可进行"
            )
    out.append(Spacer(1, lay.g.body * 0.4))
    out.append(Paragraph(nxt, s.cell))
    w = lay.g.width / 3
    sign = Table(
        [["党支部（盖章）", "书记（签字）：", "年　　月　　日"]],
        colWidths=[w, w, w],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), s.cell.fontName, s.cell.fontSize),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), lay.g.body),
            ]
        ),
    )
    out.append(sign)
    out.append(Paragraph(f"打印日期：{day_text(today)}", s.small))
    return out


def write_sheets(
    session: Session,
    person_ids: list[int],
    target: str | Path,
    *,
    today: date | None = None,
    invariant: bool = False,
) -> int:
    """One 纪实表 per person into `target`; returns the page count."""
    register_fonts()
    today = today or date.today()
    g = A4_GEOMETRY
    lay = Layout(BookData(year=None), g, None)
    story: list = []
    seen: list[int] = []
    for pid in person_ids:
        if pid in seen:
            continue
        if seen:
            story.append(PageBreak())
        seen.append(pid)
        story += _person_flowables(lay, session, pid, today)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=g.pagesize,
        leftMargin=g.margin_x,
        rightMargin=g.margin_x,
        topMargin=g.margin_top,
        bottomMargin=g.margin_bottom,
        title="发展党员纪实表",
        author="PartyDesk",
        creator="PartyDesk",
        invariant=1 if invariant else 0,
        initialFontName=SONG,
    )
    doc.build(story)
    return doc.page


__all__ = ["write_sheets"]
