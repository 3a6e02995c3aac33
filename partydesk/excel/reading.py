"""Reading the sheets offices send: open safely, find the header row below any title rows,
stream the data rows (openpyxl read-only), refuse bad files with a clear Chinese message.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partydesk.errors import PartyDeskError

# Above this many rows a sheet is refused before it is read (a ledger of one township has
# tens of thousands of people at most; a million-row sheet is a mistake, not a roster).
MAX_ROWS = 200_000
HEADER_SCAN_ROWS = 20  # title rows, notes and the header are all within this
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ExcelFileError(PartyDeskError):
    """The file cannot be read as a sheet (not Excel, encrypted, empty, too large…)."""


class Cancelled(PartyDeskError):
    def __init__(self, message: str = "已取消，账本未作任何改动。"):
        super().__init__(message)


@dataclass
class Sheet:
    """The rows of one sheet: title rows above the header, the header, the data rows."""

    path: Path
    name: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]  # as the user wrote them (stripped), "" for blank
    title_rows: list[tuple] = field(default_factory=list)
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, cells)


def check_file(path: str | Path) -> Path:
    """Refuse what is not an .xlsx workbook, before openpyxl sees it."""
    p = Path(path)
    if not p.exists():
        raise ExcelFileError(f"文件不存在：{p}")
    if p.is_dir():
        raise ExcelFileError(f"{p} 是文件夹，不是Excel文件。")
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise ExcelFileError(f"无法读取文件：{p}（{e.strerror}）。") from e
    if not head:
        raise ExcelFileError(f"文件是空的（0字节）：{p.name}。")
    if head == OLE_MAGIC:
        data = p.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise ExcelFileError(
                f"文件已设置打开密码（加密）：{p.name}。请在Excel中取消密码后另存为.xlsx再导入。"
            )
        raise ExcelFileError(
            f"{p.name} 是旧版Excel（.xls）格式。请在Excel或WPS中“另存为”.xlsx后再导入。"
        )
    if not zipfile.is_zipfile(p):
        raise ExcelFileError(f"{p.name} 不是Excel文件（.xlsx）。请选择Excel工作簿。")
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        raise ExcelFileError(f"{p.name} 已损坏，无法打开（{e}）。") from e
    if "xl/workbook.xml" not in names:
        raise ExcelFileError(f"{p.name} 不是Excel工作簿（可能是Word或其他压缩文件）。")
    return p


def open_workbook(path: str | Path):
    import openpyxl

    p = check_file(path)
    try:
        return openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        raise ExcelFileError(
            f"{p.name} 无法作为Excel工作簿打开，文件可能已损坏（{type(e).__name__}）。"
        ) from e


def sheet_names(path: str | Path) -> list[str]:
    wb = open_workbook(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def norm_cell_text(v: Any) -> str:
    if v is None:
        return ""
    return "".join(str(v).split())


def read_sheet(
    path: str | Path,
    sheet: str | None,
    score: Callable[[list[str]], int],
    *,
    max_rows: int = MAX_ROWS,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Sheet:
    """Read `sheet` (default: the first) of the workbook; the header row is the row among
    the first HEADER_SCAN_ROWS that `score` rates highest (the number of known headers)."""
    wb = open_workbook(path)
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            raise ExcelFileError(
                f"工作簿中没有名为“{sheet}”的工作表（有：{'、'.join(wb.sheetnames)}）。"
            )
        if not hasattr(ws, "iter_rows"):
            raise ExcelFileError(f"“{ws.title}”是图表页，不是工作表。")
        declared = ws.max_row if ws.max_row is not None else None
        if declared is not None and declared > max_rows + HEADER_SCAN_ROWS:
            raise ExcelFileError(
                f"工作表“{ws.title}”有{declared:,}行，超过一次导入的上限{max_rows:,}行。"
                "请把表格拆成几个文件分别导入。"
            )
        total = declared or 0
        it = ws.iter_rows(values_only=True)
        head: list[tuple[int, tuple]] = []
        for n, row in enumerate(it, start=1):
            head.append((n, row))
            if n >= HEADER_SCAN_ROWS:
                break
        if not any(any(v is not None and str(v).strip() for v in r) for _, r in head):
            raise ExcelFileError(f"工作表“{ws.title}”是空的，没有可导入的内容。")
        best, best_score = None, 0
        for i, (_n, r) in enumerate(head):
            s = score([norm_cell_text(v) for v in r])
            if s > best_score:
                best, best_score = i, s
        if best is None or best_score < 2:
            raise ExcelFileError(
                f"在工作表“{ws.title}”的前{HEADER_SCAN_ROWS}行中找不到表头（如“姓名”“公民身份证号”“单位名称”）。"
                "请确认选择了正确的工作表和导入类型。"
            )
        header_no, header = head[best]
        headers = [norm_cell_text(v) for v in header]
        while headers and not headers[-1]:
            headers.pop()
        if best > 0:
            # A header merged down over two rows leaves blanks here: take the word above.
            above = head[best - 1][1]
            for c, h in enumerate(headers):
                if not h and 0 < c < len(above) and norm_cell_text(above[c]):
                    headers[c] = norm_cell_text(above[c])
        data_from = best + 1
        if best + 1 < len(head):
            # ... or the header's second row holds words of its own under merged cells.
            below = [norm_cell_text(v) for v in head[best + 1][1]]
            extra = {
                c: w for c, w in enumerate(below) if w and (c >= len(headers) or not headers[c])
            }
            if (
                extra
                and score(list(extra.values())) == len(extra)
                and not any(w for c, w in enumerate(below) if c < len(headers) and headers[c] and w)
            ):
                for c, w in extra.items():
                    headers += [""] * (c + 1 - len(headers))
                    headers[c] = w
                data_from = best + 2
        out = Sheet(Path(path), ws.title, header_no, headers, [r for _, r in head[:best]])
        width = len(headers)

        def take(n: int, row: tuple) -> None:
            if any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
                if len(row) < width:
                    row = row + (None,) * (width - len(row))
                out.rows.append((n, row))

        for n, row in head[data_from:]:
            take(n, row)
        last = head[-1][0]
        for n, row in enumerate(it, start=last + 1):
            if n - header_no > max_rows:
                raise ExcelFileError(
                    f"工作表“{ws.title}”超过一次导入的上限{max_rows:,}行。请把表格拆成几个文件分别导入。"
                )
            take(n, row)
            if n % 2000 == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None and total:
                    progress(min(n / total, 1.0), f"正在读取第{n:,}行…")
        return out
    finally:
        wb.close()
