"""Reading the sheets offices send: the header found below any title rows (and two header
rows combined, 入党时间 over 预备 / 正式), merged cells giving their value to every row
they span, 合计 / 小计 and blank rows skipped and counted, hidden rows and data columns
with no header reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partydesk.errors import PartyDeskError
from partydesk.excel.book import Book, open_book, read_grid
from partydesk.excel.files import MAX_ROWS, ExcelFileError

HEADER_SCAN_ROWS = 20  # title rows, notes and the header are all within this
_TOTAL_ROW = re.compile(r"^(合计|小计|总计|共计|累计)")

__all__ = ["MAX_ROWS", "Cancelled", "ExcelFileError", "Sheet", "read_sheet", "sheet_names"]


class Cancelled(PartyDeskError):
    def __init__(self, message: str = "已取消，账本未作任何改动。"):
        super().__init__(message)


@dataclass
class Sheet:
    """The rows of one sheet: title rows above the header, the header, the data rows."""

    path: Path
    name: str
    header_row: int  # 1-based row number in the sheet (the last one of a two-row header)
    headers: list[str]  # as the user wrote them (stripped), "" for blank; "上/下" combined
    title_rows: list[tuple] = field(default_factory=list)
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, cells)
    hidden_rows: list[int] = field(default_factory=list)  # data rows hidden in the sheet
    total_rows: list[int] = field(default_factory=list)  # 合计 / 小计 rows, skipped
    blank_rows: int = 0  # blank rows between data rows, skipped
    unlabelled: list[str] = field(default_factory=list)  # "F列" with data but no header
    hidden_sheet: bool = False


def sheet_names(path: str | Path) -> list[str]:
    """The sheets, the one imported by default first (the active sheet, or the first
    visible one), then the others in the workbook's order."""
    return open_book(path).ordered_names()


def norm_cell_text(v: Any) -> str:
    if v is None:
        return ""
    return "".join(str(v).split())


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _filled(row) -> bool:
    for v in row:
        if v is not None and (v.__class__ is not str or v.strip()):
            return True
    return False


def read_sheet(
    path: str | Path,
    sheet: str | None,
    score: Callable[[list[str]], int],
    *,
    max_rows: int = MAX_ROWS,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    book: Book | None = None,
) -> Sheet:
    """Read `sheet` (default: the active or first visible one); the header row is the row
    among the first HEADER_SCAN_ROWS that `score` rates highest (the number of known
    headers)."""
    book = book or open_book(path)
    name = book.pick(sheet)
    if progress is not None:
        progress(0.05, "正在读取…")
    grid = read_grid(book, name, max_rows)
    if cancelled is not None and cancelled():
        raise Cancelled()
    rows = grid.rows
    spans = _apply_merges(rows, grid.merges)
    head = rows[:HEADER_SCAN_ROWS]
    if not any(_filled(r) for r in head):
        raise ExcelFileError(f"工作表“{name}”是空的，没有可导入的内容。")
    best, best_score = None, 0
    for i, r in enumerate(head):
        s = score([norm_cell_text(v) for v in r])
        if s > best_score:
            best, best_score = i, s
    if best is None or best_score < 2:
        raise ExcelFileError(
            f"在工作表“{name}”的前{HEADER_SCAN_ROWS}行中找不到表头（如“姓名”“公民身份证号”“单位名称”）。"
            "请确认选择了正确的工作表和导入类型。"
        )
    headers, data_from = _headers(rows, best, spans, score)
    out = Sheet(
        Path(path),
        name,
        data_from,
        headers,
        [tuple(r) for r in rows[:best]],
        hidden_sheet=name in book.hidden,
    )
    _take_rows(out, rows, data_from, grid.hidden_rows, max_rows)
    if progress is not None:
        progress(1.0, f"已读取{len(out.rows):,}行")
    return out


def _apply_merges(rows: list[list], merges) -> dict[int, list[tuple[int, int]]]:
    """A merged cell's value goes down every row it spans (in its first column). Returns
    the merges across columns, by row: {row index: [(first col, last col)]}."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for (r0, c0), (r1, c1) in merges:
        if r0 >= len(rows):
            continue
        top = rows[r0]
        v = top[c0] if c0 < len(top) else None
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 >= len(row):
                row.extend([None] * (c0 + 1 - len(row)))
            if row[c0] is None:
                row[c0] = v
        if c1 > c0:
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                spans.setdefault(r, []).append((c0, c1))
    return spans


def _text_row(rows: list[list], i: int) -> list[str]:
    return [norm_cell_text(v) for v in rows[i]] if 0 <= i < len(rows) else []


def _across(texts: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """A header cell merged across columns names each of them."""
    out = list(texts)
    for c0, c1 in spans:
        out += [""] * (c1 + 1 - len(out))
        for c in range(c0 + 1, c1 + 1):
            if not out[c]:
                out[c] = out[c0]
    return out


def _headers(rows, best: int, spans, score) -> tuple[list[str], int]:
    """The header words of each column (1-based row of the last header row, too)."""
    headers = _across(_text_row(rows, best), spans.get(best, []))
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    if best > 0:
        above = _across(_text_row(rows, best - 1), spans.get(best - 1, []))
        for c in range(width):
            a = above[c] if c < len(above) else ""
            if a and not headers[c]:
                headers[c] = a  # a header merged down over two rows
        # A group word merged over some (not all) columns: 入党时间 over 预备 / 正式.
        for c0, c1 in spans.get(best - 1, []):
            if c1 - c0 + 1 >= width or c0 >= width:
                continue
            parent = above[c0]
            for c in range(c0, min(c1, width - 1) + 1):
                if parent and headers[c] and headers[c] != parent:
                    headers[c] = f"{parent}/{headers[c]}"
    data_from = best + 1
    below = _text_row(rows, best + 1)
    if below and _continues(headers, below, spans.get(best, []), rows[best + 1], score):
        merged_cols = {c for c0, c1 in spans.get(best, []) for c in range(c0, c1 + 1)}
        headers += [""] * (len(below) - len(headers))
        for c, w in enumerate(below):
            up = headers[c]
            if not w or w == up:
                continue
            headers[c] = f"{up}/{w}" if up and c in merged_cols else (w if not up else up)
        while headers and not headers[-1]:
            headers.pop()
        data_from = best + 2
    return headers, data_from


def _continues(headers, below, spans, raw_below, score) -> bool:
    """Is the row under the header a second header row (words under merged header cells,
    or under blank ones), rather than the first data row?"""
    if any(v is not None and v.__class__ is not str for v in raw_below):
        return False
    merged_cols = {c for c0, c1 in spans for c in range(c0, c1 + 1)}
    new_words = []
    for c, w in enumerate(below):
        if not w:
            continue
        up = headers[c] if c < len(headers) else ""
        if w == up:
            continue
        if up and c not in merged_cols:
            return False
        new_words.append(w)
    if not new_words:
        return False
    if any(not (headers[c] if c < len(headers) else "") for c, w in enumerate(below) if w):
        # words under blank header cells must be header words themselves
        lone = [w for c, w in enumerate(below) if w and not (c < len(headers) and headers[c])]
        return score(lone) == len(set(lone))
    return True


def _take_rows(out: Sheet, rows, data_from: int, hidden: set[int], max_rows: int) -> None:
    width = len(out.headers)
    unlabelled = tuple(c for c, h in enumerate(out.headers) if not h)
    stray: dict[int, int] = {}  # column index: rows with data there and no header
    blanks = 0
    pad = (None,) * width
    for i in range(data_from, len(rows)):
        row = rows[i]
        n = i + 1
        if not _filled(row):
            blanks += 1
            continue
        if n - out.header_row > max_rows:
            raise ExcelFileError(
                f"工作表“{out.name}”超过一次导入的上限{max_rows:,}行。请把表格拆成几个文件分别导入。"
            )
        out.blank_rows += blanks
        blanks = 0
        if _is_total(row):
            out.total_rows.append(n)
            continue
        for c in (*unlabelled, *range(width, len(row))) if len(row) > width else unlabelled:
            if c < len(row) and row[c] is not None:
                if row[c].__class__ is not str or row[c].strip():
                    stray[c] = stray.get(c, 0) + 1
        cells = tuple(row[:width]) if len(row) >= width else tuple(row) + pad[len(row) :]
        out.rows.append((n, cells))
        if n in hidden:
            out.hidden_rows.append(n)
    out.unlabelled = [f"{col_letter(c)}列（{k}行有数据）" for c, k in sorted(stray.items())]


def _is_total(row) -> bool:
    seen = 0
    for v in row:
        if v is None:
            continue
        if v.__class__ is str and "计" in v and _TOTAL_ROW.match("".join(v.split())):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False
