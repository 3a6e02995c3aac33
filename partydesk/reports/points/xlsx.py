"""The points notice and cards as Excel workbooks."""

from __future__ import annotations

from pathlib import Path

from partydesk.ledger.enums import Category
from partydesk.points.totals import fmt
from partydesk.reports.points.sheet import PointsSheet, card_title, title_of


def notice_xlsx(sheet: PointsSheet, out: str | Path) -> Path:
    """The notice as a workbook: a title row, then one row per person in rank order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = "积分公示"
    dims = sheet.dimensions
    header = ["排名", "姓名", "人员类别", "基础分", *dims, "原始分", "总分", sheet.band_title]
    ws.append([f"{sheet.org_name} {title_of(sheet)}公示"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    for c in sheet.cards:
        ws.append(
            [
                c.rank,
                c.name,
                Category.label_of(c.category),
                c.base,
                *(round(sheet.dimension_points(c, d), 2) for d in dims),
                round(c.raw, 2),
                round(c.counted, 2),
                c.band_label,
            ]
        )
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=len(header)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, width in enumerate([6, 10, 12, 8, *([10] * len(dims)), 8, 8, 14], start=1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    ws.freeze_panes = "C3"
    wb.save(out)
    return out


def cards_xlsx(sheet: PointsSheet, out: str | Path) -> Path:
    """The cards as a workbook: one row per person, one column per item (counts), then the
    totals — the shape offices keep their 积分台账 in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = "积分卡"
    items = sheet.items
    header = [
        "姓名",
        "人员类别",
        *(f"{it.name}（{fmt(it.points)}分）" for it in items),
        "基础分",
        "原始分",
        "总分",
        "排名",
        sheet.band_title,
    ]
    ws.append([f"{sheet.org_name} {sheet.period.label}{card_title(sheet)}（一人一卡汇总）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(size=14, bold=True)
    ws.append(header)
    for c in sorted(sheet.cards, key=lambda c: c.person_id):
        ws.append(
            [
                c.name,
                Category.label_of(c.category),
                *(
                    (c.items[it.id].count if it.id in c.items and c.items[it.id].count else None)
                    for it in items
                ),
                c.base,
                round(c.raw, 2),
                round(c.counted, 2),
                c.rank,
                c.band_label,
            ]
        )
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 45
    ws.freeze_panes = "C3"
    wb.save(out)
    return out
