"""The book's fixed parts: 基本情况, 组织机构 (committee and groups) and the rosters."""

from __future__ import annotations

from reportlab.lib.units import cm

from partydesk.reports.book.data import committee_title
from partydesk.reports.book.layout import Layout
from partydesk.reports.typography import keep


def facts(book: Layout) -> list:
    rows = list(book.data.facts)
    if book.data.blank:
        rows = [(k, "", 0.9 * cm) for k, _ in book.data.facts]
    return [book.form(rows, label_w=3.8 * cm)]


def organization(book: Layout) -> list:
    d = book.data
    out = [*book.heading(committee_title(d.org_type), 1)]
    comm = [[str(i), r, n, s] for i, (r, n, s) in enumerate(d.committee, 1)]
    if d.blank:
        comm = [[""] * 4 for _ in range(7)]
    out.append(
        book.grid(
            ["序号", "职务", "姓名", "任职时间"],
            comm or [["", "（未设支委会）", "", ""]],
            [1, 3, 3, 3],
            small=book.a5,
            row_h=0.8 * cm,
        )
    )
    out += book.heading("党小组", 1)
    groups = [
        [str(i), gname, leader, "、".join(map(keep, mem.split("、")))]
        for i, (gname, leader, mem) in enumerate(d.groups, 1)
    ]
    if d.blank:
        groups = [[""] * 4 for _ in range(5)]
    out.append(
        book.grid(
            ["序号", "党小组", "组长", "成员"],
            groups or [["", "（未设党小组）", "", ""]],
            [1, 2.5, 2, 8],
            small=book.a5,
            row_h=1.2 * cm if d.blank else 0,
        )
    )
    return out


def rosters(book: Layout) -> list:
    d = book.data
    out = [*book.heading("党员名册", 1)]

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
    if book.a5:  # a pocket page has no room for 民族 and 转正时间
        keep = [0, 1, 2, 3, 5, 6, 8, 9]
        header = [header[i] for i in keep]
        widths = [0.9, 1.5, 0.8, 1.6, 1.9, 1.6, 1.6, 2.2]
        members = [[r[i] for i in keep] for r in members]
    out.append(book.grid(header, members, widths, row_h=0.75 * cm if d.blank else 0))
    out += book.heading("入党积极分子和发展对象名册", 1)
    out.append(
        book.grid(
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
    out += book.heading("流动党员名册", 1)
    out.append(
        book.grid(
            ["序号", "姓名", "外出流向", "外出时间", "联系电话"],
            rows(d.flowing, 6, 5),
            [0.9, 1.8, 5, 1.8, 2.5],
            row_h=0.75 * cm if d.blank else 0,
        )
    )
    out += book.heading("组织关系转接登记", 1)
    out.append(
        book.grid(
            ["序号", "日期", "姓名", "类别", "转出单位", "转入单位"],
            rows(d.transfers, 6, 6),
            [0.9, 2.2, 1.8, 2.4, 3.5, 3.5],
            row_h=0.75 * cm if d.blank else 0,
        )
    )
    return out
