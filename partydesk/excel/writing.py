"""Writing .xlsx: streaming (openpyxl write-only), a bold frozen header, widths that fit,
dates as real Excel dates, and a file that is either complete or not there at all."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from partydesk.errors import PartyDeskError
from partydesk.excel.reading import Cancelled

WIDTH_SAMPLE = 200  # rows looked at to size the columns
DATE_FORMAT = "yyyy-mm-dd"


def text_width(v: Any) -> int:
    """Display width in Excel character units (CJK counts double)."""
    if v is None:
        return 0
    if isinstance(v, datetime | date):
        return 10
    s = str(v)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def save_workbook(wb, path: str | Path) -> Path:
    """Save through a temporary file beside the target, so a failure (disk full, file open
    in Excel) never leaves a half-written workbook under the user's name."""
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        p = (
            p.with_suffix(p.suffix + ".xlsx")
            if p.suffix.lower() not in (".xls", ".xlsm")
            else p.with_suffix(".xlsx")
        )
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.exists():
        raise PartyDeskError(f"文件夹不存在：{folder}")
    fd, tmp = tempfile.mkstemp(prefix=".partydesk-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, p)
    except PermissionError as e:
        raise PartyDeskError(
            f"无法写入 {p.name}：文件可能正在Excel中打开，或文件夹没有写入权限。请关闭该文件后重试。"
        ) from e
    except OSError as e:
        if e.errno == 28:
            raise PartyDeskError(f"磁盘空间已满，未能保存 {p.name}。") from e
        raise PartyDeskError(f"无法保存 {p.name}（{e.strerror}）。") from e
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return p


def write_table(
    path: str | Path,
    headers: list[str],
    rows: Iterable[tuple],
    *,
    sheet_title: str = "Sheet1",
    title: str | None = None,
    subtitle: str | None = None,
    total: int | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    footer: list[tuple] | None = None,
) -> int:
    """Stream `rows` (tuples of cell values: str, int, float, date, None) under a bold,
    frozen header. `title`/`subtitle` go in rows above the header (upward reports).
    Returns the number of data rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_name(sheet_title))
    it: Iterator[tuple] = iter(rows)
    sample = list(islice(it, WIDTH_SAMPLE))
    ncol = len(headers)
    widths = [text_width(h) for h in headers]
    for r in sample:
        for i, v in enumerate(r[:ncol]):
            w = text_width(v)
            if w > widths[i]:
                widths[i] = w
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(6, min(w + 2, 50))
    header_row = 1 + (1 if title else 0) + (1 if title and subtitle else 0)
    ws.freeze_panes = f"A{header_row + 1}"  # must precede the first row in write-only mode
    if title:
        c = WriteOnlyCell(ws, title)
        c.font = Font(bold=True, size=14)
        ws.append([c])
        if subtitle:
            ws.append([subtitle])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    head = []
    for h in headers:
        c = WriteOnlyCell(ws, h)
        c.font = bold
        c.fill = fill
        c.alignment = center
        head.append(c)
    ws.append(head)
    n = 0
    step = 2000
    for chunk in (sample, it):
        for r in chunk:
            ws.append(r)
            n += 1
            if n % step == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled("已取消导出，没有生成文件。")
                if progress is not None:
                    progress(n / total if total else 0.0, f"已写出{n:,}行…")
    for r in footer or ():
        ws.append(list(r))
    if progress is not None:
        progress(1.0, "正在保存…")
    save_workbook(wb, path)
    return n


def _sheet_name(t: str) -> str:
    bad = "[]:*?/\\"
    t = "".join("_" if c in bad else c for c in t).strip() or "Sheet1"
    return t[:31]
