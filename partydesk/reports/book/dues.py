"""The book's 党费收缴 section: the branch's dues for the year, as it accounts to its
members (公布党费收缴情况) — each member's monthly due and what was paid, month by month,
in two half-year tables that fit the page, and the year's totals. A blank book prints the
same tables empty, to fill in by hand."""

from __future__ import annotations

from datetime import date

from partydesk.dues import config, figures
from partydesk.dues import months as mo
from partydesk.reports.book.layout import Layout

KEY = "dues"
BLANK_ROWS = 15
HALVES = ((1, "1—6月"), (7, "7—12月"))


def load(session, org, year: int, data) -> None:
    from partydesk.reports.dues import gather

    if year is None:
        return
    data.extra[KEY] = gather(session, org, year, figures.default_through(year, date.today()))


def _paid(c, k: int, through: int) -> str:
    if c is None:
        return "—"
    if c.paid == 0:
        return "未交" if c.owed and k <= through else ""
    return config.yuan(c.paid)


def build(book: Layout) -> list:
    from partydesk.reports.dues import summary_text

    sheet = book.data.extra.get(KEY)
    out: list = []
    if sheet is not None and not book.data.blank:
        out.append(book.p(summary_text(sheet), book.s.body))
        out.append(book.p("金额单位：元；“—”为当月无需交纳；“未交”为应交而未交足。", book.s.small))
    for first, label in HALVES:
        head = ["序号", "姓名", "每月应交"] + [f"{m}月" for m in range(first, first + 6)]
        head.append("小计")
        rows = []
        if sheet is None or book.data.blank:
            rows = [[str(i)] + [""] * 9 for i in range(1, BLANK_ROWS + 1)]
        else:
            ks = [mo.key(sheet.year, m) for m in range(first, first + 6)]
            for i, r in enumerate(sheet.grid.rows, start=1):
                due = "未核定" if r.unpriced else config.yuan(r.due_fen)
                paid = sum(r.cells[k].paid for k in ks if k in r.cells)
                rows.append(
                    [str(i), r.name, due]
                    + [_paid(r.cells.get(k), k, sheet.through) for k in ks]
                    + [config.yuan(paid)]
                )
            g = sheet.grid
            rows.append(
                ["合计", "", ""]
                + [config.yuan(g.month_paid(k)) for k in ks]
                + [config.yuan(sum(g.month_paid(k) for k in ks))]
            )
        year = f"{sheet.year}年" if sheet is not None else ""
        out += book.subhead(f"{year}{label}党费收缴情况")
        out.append(book.grid(head, rows, [0.8, 1.6, 1.4] + [1.25] * 6 + [1.5], row_h=0))
    if book.data.blank:
        out.append(book.p("经办人：____________　　支部书记：____________", book.s.body))
    return out
