"""The book's 发展党员工作记录: for each candidate of the organization followed step by step
(or in the pipeline), the steps done with date, who (the two 培养联系人 / 入党介绍人 by name)
and the document, then what comes next; the blank book prints the 25 steps to fill in."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from partydesk.reports.book.layout import Layout

HEADER = ["步骤", "内容", "日期", "经办人 / 联系人、介绍人", "材料"]
WIDTHS = [0.9, 3.2, 1.9, 3.6, 2.6]


@dataclass
class Candidate:
    name: str
    category: str
    rows: list[list[str]] = field(default_factory=list)
    next: str = ""


def load(session, org, year, data) -> None:
    from datetime import date

    from partydesk.develop.service import candidates, progress
    from partydesk.ledger.enums import Category
    from partydesk.ledger.models import Person
    from partydesk.reports.book.data import day_text

    end = date(year, 12, 31)
    people = candidates(session, {org.id})
    ids = set()
    progs = []
    for p in people:
        pr = progress(session, p.id)
        # the book of a year shows what had happened by its end: nobody who applied later
        first = min(
            [r.done_on for st in pr.states for r in st.records]
            + ([p.applied_on] if p.applied_on else []),
            default=None,
        )
        if first is None or first > end:
            continue
        for st in pr.states:
            st.records = [r for r in st.records if r.done_on <= end]
            if st.ledger_date and st.ledger_date > end:
                st.ledger_date = None
        progs.append(pr)
        for st in pr.states:
            for r in st.records:
                ids.update(i for i in (r.sponsor1_id, r.sponsor2_id) if i)
    names = (
        dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
        if ids
        else {}
    )
    out = []
    for pr in progs:
        c = Candidate(pr.person.name, Category.label_of(pr.person.category))
        for st in pr.states:
            for r in st.records:
                who = r.who or ""
                if r.sponsor1_id:
                    pair = "、".join(names.get(i, "") for i in (r.sponsor1_id, r.sponsor2_id) if i)
                    who = f"{pair}（{st.step.sponsors}）" + (f"；{who}" if who else "")
                c.rows.append(
                    [str(st.step.no), st.step.name, day_text(r.done_on), who, r.document or ""]
                )
            if not st.records and st.implied and st.ledger_date:
                c.rows.append(
                    [str(st.step.no), st.step.name, day_text(st.ledger_date), "（据台账日期）", ""]
                )
        if pr.next is not None:
            c.next = f"下一步：{pr.next.title}"
            if pr.next_due:
                c.next += (
                    f"，应于{day_text(pr.next_due)}前完成"
                    if pr.deadline
                    else f"，{day_text(pr.next_due)}起可进行"
                )
        else:
            c.next = "25个步骤均已完成。"
        out.append(c)
    data.extra["develop"] = out


def build(book: Layout) -> list:
    if book.data.blank:
        from partydesk.develop.steps import DEFAULT_STEPS

        rows = [[str(s["no"]), s["name"], "", "", ""] for s in DEFAULT_STEPS]
        return [
            book.p("姓名：＿＿＿＿＿＿　　类别：＿＿＿＿＿＿", book.s.body),
            book.grid(HEADER, rows, WIDTHS, row_h=book.g.body * 2.1),
        ]
    people: list[Candidate] = book.data.extra.get("develop") or []
    if not people:
        return [book.p("本年度无发展党员工作记录。", book.s.body)]
    out: list = []
    for c in people:
        out += book.subhead(f"{c.name}（{c.category}）")
        if c.rows:
            out.append(book.grid(HEADER, c.rows, WIDTHS))
        out.append(book.p(c.next, book.s.cell))
    return out
