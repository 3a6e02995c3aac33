"""What makes an upward report print as a county expects: a merged, centred title over the
table, a totals row, and page set-up (orientation by width, fit to one page wide, the
header repeated on every printed page, centred, page numbers in the footer).

Applied to the workbook the shared writer streamed, in a second pass: reports are a few
hundred rows, and a write-only sheet cannot merge cells."""

from __future__ import annotations

from pathlib import Path

from partydesk.excel.writing import save_workbook


def finish_report(
    path: str | Path,
    ncols: int,
    *,
    header_row: int,
    totals: list[list] | None = None,
    notes: list[str] | None = None,
) -> None:
    """Title rows merged across the table and centred; `totals` rows (bold, ruled) under
    the data, `notes` (e.g. the coverage rates) merged below them; page set-up."""
    # openpyxl (and the numpy it loads) is read only when a report is made: the window
    # imports the Excel package at start, when its menu is put up.
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = load_workbook(path)
    ws = wb.active
    last = get_column_letter(ncols)
    for r in range(1, header_row):
        ws.merge_cells(f"A{r}:{last}{r}")
        ws[f"A{r}"].alignment = Alignment(horizontal="center", vertical="center")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for row in totals or ():
        ws.append(row)
        r = ws.max_row
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            cell.font = bold
            cell.border = box
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for text in notes or ():
        ws.append([text])
        r = ws.max_row
        ws.merge_cells(f"A{r}:{last}{r}")
        ws[f"A{r}"].alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = 30
    for row in ws.iter_rows(min_row=header_row, max_row=ws.max_row - len(notes or ())):
        for cell in row[:ncols]:
            cell.border = box
    width = sum(
        (ws.column_dimensions[get_column_letter(i)].width or 8) for i in range(1, ncols + 1)
    )
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > 95 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as it takes
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    save_workbook(wb, path)
