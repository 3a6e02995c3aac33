"""Opening a spreadsheet of any format offices have and getting its cells as a grid.

.xlsx/.xlsm/.xls/.et/.ods go through python-calamine (one Rust reader for all of them,
about ten times faster than openpyxl); .csv through the csv module with its encoding told
from the bytes (UTF-8 with or without BOM, else GB18030, which covers GBK). What calamine
does not tell — the active sheet and hidden rows, and for an .xlsx the real extent of a
sheet before it is unpacked — comes from partydesk.excel.xlsx_scan (.xlsx/.xlsm) and
partydesk.excel.view_scan (.xls/.et/.ods). Where they cannot tell (an Excel 95 file, an
.ods saved without view settings) the first visible sheet is the default.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from partydesk.excel.files import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    ExcelFileError,
    detect,
    too_large,
)


@dataclass
class Grid:
    """One sheet's cells: rows of values (None for blank), 0-based."""

    name: str
    rows: list[list]
    merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # 1-based, as Excel shows them


@dataclass
class Book:
    path: Path
    kind: str  # xlsx, xls, ods, csv
    names: list[str]
    hidden: set[str]
    default: str
    _xlsx: list | None = None
    _views: object | None = None  # view_scan.Views of an .xls/.et/.ods, when told

    def pick(self, sheet: str | None) -> str:
        if sheet is None:
            return self.default
        if sheet in self.names:
            return sheet
        raise ExcelFileError(f"工作簿中没有名为“{sheet}”的工作表（有：{'、'.join(self.names)}）。")

    def ordered_names(self) -> list[str]:
        """The default sheet first, then the others in the workbook's order."""
        return [self.default] + [n for n in self.names if n != self.default]


def open_book(path: str | Path) -> Book:
    p, kind = detect(path)
    if kind == "csv":
        return Book(p, kind, [p.stem[:31] or "Sheet1"], set(), p.stem[:31] or "Sheet1")
    infos = None
    active = 0
    if kind == "xlsx":
        from partydesk.excel.xlsx_scan import workbook_sheets

        try:
            infos, active = workbook_sheets(p)
        except ExcelFileError:
            raise
        except Exception as e:  # noqa: BLE001 - a broken workbook.xml raises many kinds
            raise _broken(p, e) from e
    wb = _calamine(p)
    try:
        metas = [m for m in wb.sheets_metadata if _is_worksheet(m)]
    finally:
        wb.close()
    names = [m.name for m in metas]
    if not names:
        raise ExcelFileError(f"{p.name} 中没有工作表（只有图表页）。")
    hidden = {m.name for m in metas if _is_hidden(m)}
    visible = [n for n in names if n not in hidden]
    default = visible[0] if visible else names[0]
    if infos is not None and 0 <= active < len(infos):
        a = infos[active].name
        if a in names and a not in hidden:
            default = a
    views = None
    if kind in ("xls", "ods"):
        from partydesk.excel import view_scan

        views = view_scan.scan(p, kind)
        if views is not None and views.active in names and views.active not in hidden:
            default = views.active
    return Book(p, kind, names, hidden, default, infos, views)


def _is_worksheet(meta) -> bool:
    return "Chart" not in str(meta.typ) and "Vba" not in str(meta.typ)


def _is_hidden(meta) -> bool:
    return not str(meta.visible).endswith(".Visible")


def _broken(p: Path, e: Exception) -> ExcelFileError:
    return ExcelFileError(
        f"{p.name} 无法作为Excel工作簿打开，文件可能已损坏（{type(e).__name__}）。"
    )


def _calamine(p: Path):
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(p))
    except pc.PasswordError as e:
        raise ExcelFileError(
            f"文件已设置打开密码（加密）：{p.name}。请取消密码后另存再导入。"
        ) from e
    except Exception as e:  # noqa: BLE001 - calamine raises many kinds on bad files
        raise _broken(p, e) from e


def read_grid(book: Book, name: str, max_rows: int = MAX_ROWS) -> Grid:
    """The cells of sheet `name`, refused when past the limits (rows, columns, cells)."""
    if book.kind == "csv":
        return _csv_grid(book.path, name, max_rows)
    hidden_rows: set[int] = set()
    if book.kind == "xlsx" and book._xlsx is not None:
        from partydesk.excel.xlsx_scan import scan_sheet

        info = next((i for i in book._xlsx if i.name == name), None)
        if info is not None:
            ext = scan_sheet(book.path, info)
            if ext.rows > max_rows + 50:
                raise _row_limit(name, ext.rows, max_rows)
            hidden_rows = set(ext.hidden_rows)
    elif book._views is not None:
        hidden_rows = set(book._views.hidden_rows.get(name, ()))
    wb = _calamine(book.path)
    try:
        try:
            sh = wb.get_sheet_by_name(name)
        except Exception as e:  # noqa: BLE001
            raise _broken(book.path, e) from e
        end = sh.end
        if end is not None:
            rows_n, cols_n = end[0] + 1, end[1] + 1
            if cols_n > MAX_COLUMNS:
                raise too_large(f"工作表“{name}”有{cols_n:,}列（上限{MAX_COLUMNS}列）")
            if rows_n > max_rows + 50:
                raise _row_limit(name, rows_n, max_rows)
            if rows_n * cols_n > MAX_CELLS * 2:
                raise too_large(f"工作表“{name}”的单元格超过{MAX_CELLS:,}个")
        rows = [_clean_row(r) for r in sh.to_python(skip_empty_area=False)]
        merges = list(sh.merged_cell_ranges or ())
    finally:
        wb.close()
    return Grid(name, rows, merges, hidden_rows)


def _row_limit(name: str, n: int, max_rows: int) -> ExcelFileError:
    return ExcelFileError(
        f"工作表“{name}”有{n:,}行，超过一次导入的上限{max_rows:,}行。请把表格拆成几个文件分别导入。"
    )


def _clean_row(row: list) -> list:
    # Blank cells come as "", whole numbers as floats (1.0): make them None and ints, as
    # a user sees them.
    out = row
    for i, v in enumerate(row):
        if v == "" and v.__class__ is str:
            out[i] = None
        elif v.__class__ is float and v.is_integer() and abs(v) < 1e15:
            out[i] = int(v)
    return out


def _csv_grid(path: Path, name: str, max_rows: int) -> Grid:
    data = path.read_bytes()
    text = decode_text(data, path.name)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list] = []
    for n, r in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if n > max_rows + 50:
            raise _row_limit(name, n, max_rows)
        if len(r) > MAX_COLUMNS:
            raise too_large(f"第{n}行有{len(r):,}列（上限{MAX_COLUMNS}列）")
        for c in r:
            if len(c) > MAX_CELL_CHARS:
                raise too_large(f"第{n}行有超过{MAX_CELL_CHARS:,}字的单元格")
        rows.append([c if c.strip() else None for c in r])
    return Grid(name, rows)


def decode_text(data: bytes, label: str) -> str:
    """UTF-8 (with or without BOM) or GB18030 (a superset of GBK and GB2312), told from the
    bytes: a file that is valid UTF-8 is UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ExcelFileError(
            f"{label} 的文字编码无法识别（不是UTF-8或GBK）。请在Excel中另存为.xlsx再导入。"
        ) from None
