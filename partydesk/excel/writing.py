"""Writing .xlsx, the one layer every export, report, error report and template goes
through: streaming in constant memory (xlsxwriter), a bold frozen header with AutoFilter,
page set-up for printing (landscape, fit to width, header row on every page), widths that
fit, dates as real Excel dates, ID-number / credit-code / phone columns as text, and a file
that is either complete or not there at all, with the user's normal permissions.

No formula ever leaves the program: a text beginning with = + - @ or a tab / carriage
return (a name typed as =HYPERLINK(…) in some sheet) is written as text, marked so the
spreadsheet program keeps it text when the cell is edited.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from partydesk.errors import PartyDeskError
from partydesk.excel.reading import Cancelled

WIDTH_SAMPLE = 200  # rows looked at to size the columns
DATE_FORMAT = "yyyy-mm-dd"
RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def risky(v: Any) -> bool:
    """A text a spreadsheet program would take for a formula."""
    return v.__class__ is str and v[:1] in RISKY_START and v != "-"


def openpyxl_safe(cell) -> None:
    """For sheets written with openpyxl (templates, page-set-up reports): a text that
    would be a formula is stored as text."""
    v = cell.value
    if isinstance(v, str) and v[:1] in RISKY_START:
        cell.data_type = "s"


def text_width(v: Any) -> int:
    """Display width in Excel character units (CJK counts double)."""
    if v is None:
        return 0
    if isinstance(v, datetime | date):
        return 10
    s = str(v)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_UMASK: int | None = None


def user_mode() -> int:
    """The mode a file the user makes gets (0666 less the umask), not tempfile's 0600."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def target_path(path: str | Path) -> Path:
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
    return p


@contextmanager
def atomic_target(path: str | Path):
    """Yields a temporary file name beside the target; on success it becomes the target
    (with the user's permissions), so a failure (disk full, file open in Excel) never
    leaves a half-written workbook under the user's name."""
    p = target_path(path)
    fd, tmp = tempfile.mkstemp(prefix=".partydesk-", suffix=".xlsx", dir=p.parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, user_mode())
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


@contextmanager
def private_tmpdir():
    """A folder only this user can read (partydesk.tempfiles), removed afterwards, for the
    writer's own temp files (rows of ID numbers must not linger in a shared /tmp)."""
    from partydesk import tempfiles

    d = tempfiles.new_dir("xlsx")
    try:
        yield str(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def save_workbook(wb, path: str | Path) -> Path:
    """Save an openpyxl workbook (templates) through atomic_target."""
    p = target_path(path)
    for ws in getattr(wb, "worksheets", ()):
        for row in getattr(ws, "_cells", {}).values() if hasattr(ws, "_cells") else ():
            if row.data_type == "f":
                row.data_type = "s"
    with atomic_target(p) as tmp:
        wb.save(tmp)
    return p


def new_workbook(tmp: str, tmpdir: str):
    import xlsxwriter

    return xlsxwriter.Workbook(
        tmp,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "tmpdir": tmpdir,
        },
    )


def page_setup(ws, header_row: int, ncol: int) -> None:
    """Landscape A4, fitted to the page width, the header row repeated on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


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
    text_columns: Iterable[int] = (),
    note_column: int | None = None,
) -> int:
    """Stream `rows` (tuples of cell values: str, int, float, date, None) under a bold,
    frozen, filterable header. `title`/`subtitle` go in rows above the header (upward
    reports); `text_columns` (indexes) are formatted as text. Returns the number of data
    rows written."""
    it: Iterator[tuple] = iter(rows)
    sample = list(islice(it, WIDTH_SAMPLE))
    ncol = len(headers)
    widths = [text_width(h) for h in headers]
    for r in sample:
        for i, v in enumerate(r[:ncol]):
            w = text_width(v)
            if w > widths[i]:
                widths[i] = w
    p = target_path(path)
    with private_tmpdir() as tmpdir, atomic_target(p) as tmp:
        wb = new_workbook(tmp, tmpdir)
        ws = wb.add_worksheet(sheet_name(sheet_title))
        fmt_date = wb.add_format({"num_format": DATE_FORMAT})
        fmt_text = wb.add_format({"num_format": "@"})
        fmt_quote = wb.add_format({"quote_prefix": True})
        fmt_head = wb.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
            }
        )
        fmt_note = wb.add_format({"font_color": "#C00000", "text_wrap": True})
        texts = set(text_columns)
        date_cols = {
            i for r in sample for i, v in enumerate(r[:ncol]) if isinstance(v, date | datetime)
        }
        for i, w in enumerate(widths):
            fmt = fmt_text if i in texts else (fmt_date if i in date_cols else None)
            if i == note_column:
                fmt, w = fmt_note, 58
            ws.set_column(i, i, max(6, min(w + 2, 50)), fmt)
        header_row = (1 if title else 0) + (1 if title and subtitle else 0)
        ws.freeze_panes(header_row + 1, 0)
        if title:
            ws.write_string(0, 0, title, wb.add_format({"bold": True, "font_size": 14}))
            if subtitle:
                ws.write_string(1, 0, subtitle)
        for i, h in enumerate(headers):
            ws.write_string(header_row, i, str(h), fmt_head)
        r_no = header_row
        n = 0
        step = 2000
        write_row = ws.write_row
        for chunk in (sample, it):
            for r in chunk:
                r_no += 1
                write_row(r_no, 0, r)
                for c, v in enumerate(r):
                    if v.__class__ is str and v[:1] in RISKY_START:
                        ws.write_string(r_no, c, v, fmt_quote)
                    elif v.__class__ is datetime or (
                        v.__class__ is date and c not in date_cols and c not in texts
                    ):
                        ws.write_datetime(r_no, c, v, fmt_date)
                n += 1
                if n % step == 0:
                    if cancelled is not None and cancelled():
                        raise Cancelled("已取消导出，没有生成文件。")
                    if progress is not None:
                        progress(n / total if total else 0.0, f"已写出{n:,}行…")
        if ncol:
            ws.autofilter(header_row, 0, max(r_no, header_row), ncol - 1)
        for r in footer or ():
            r_no += 1
            write_row(r_no, 0, list(r))
        page_setup(ws, header_row, ncol)
        if progress is not None:
            progress(1.0, "正在保存…")
        wb.close()
    return n


def sheet_name(t: str) -> str:
    bad = "[]:*?/\\"
    t = "".join("_" if c in bad else c for c in t).strip() or "Sheet1"
    return t[:31]


_sheet_name = sheet_name
