"""Helpers for the Excel tests: sheets built in the shapes offices send, small ledgers."""

from __future__ import annotations

from datetime import date

import openpyxl

from partydesk.rules import creditcode, idcard

TODAY = date(2025, 6, 30)


def ids(n: int, start: int = 0) -> list[str]:
    """n distinct valid ID numbers."""
    return [
        idcard.make(
            "330102",
            date(1980 + (i % 30), 1 + i % 12, 1 + i % 28),
            2 * i + 1,
            "M" if i % 2 else "F",
        )
        for i in range(start, start + n)
    ]


def code(i: int) -> str:
    return creditcode.make(f"91330102MA{i:07d}")


def roster(
    path,
    header: list,
    rows: list[list],
    *,
    titles: int = 2,
    merge_title: bool = True,
    sheet="花名册",
):
    """A workbook with `titles` title rows (the first merged across the header's width)
    above `header` and `rows`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if titles >= 1:
        ws.append(["某某街道两新组织党员花名册"])
        if merge_title:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if titles >= 2:
        ws.append(["填报单位：某某街道党建办", None, None, "填报日期：2025年6月"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path
