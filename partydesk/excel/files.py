"""What kind of file an office sent, told from its bytes (not its name), and the limits
that keep a bad file from taking the machine: a zip bomb, a sheet of millions of cells,
a cell of a hundred megabytes are refused with a Chinese message before they are read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from partydesk.errors import PartyDeskError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Limits of one import. A township's roster is thousands of rows of a few dozen columns;
# these are far above that and far below what would exhaust a clerk's computer.
MAX_ROWS = 200_000
MAX_COLUMNS = 256  # the old .xls limit; no roster is wider
MAX_CELLS = 6_000_000  # rows x columns of the sheet's real extent
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_UNZIPPED = 400 * 1024 * 1024  # all parts of an .xlsx / .ods together, unpacked
MAX_FILE = 200 * 1024 * 1024  # an .xls or .csv on disk

# Formats read, by kind; .et is WPS's spreadsheet (an .xls inside), .xlsm keeps its macros
# unread.
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv")
FILE_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv)"


class ExcelFileError(PartyDeskError):
    """The file cannot be read as a sheet (not a spreadsheet, encrypted, empty, too large…)."""


def too_large(what: str) -> ExcelFileError:
    return ExcelFileError(
        f"{what}，超过一次导入的上限（{MAX_ROWS:,}行、{MAX_COLUMNS}列、{MAX_CELLS:,}个单元格、"
        f"解压后{MAX_UNZIPPED // 1024 // 1024}MB）。请把表格拆成几个文件分别导入。"
    )


def detect(path: str | Path) -> tuple[Path, str]:
    """(path, kind) with kind one of "xlsx", "ods", "xls", "csv"; refuses anything else."""
    p = Path(path)
    if not p.exists():
        raise ExcelFileError(f"文件不存在：{p}")
    if p.is_dir():
        raise ExcelFileError(f"{p} 是文件夹，不是Excel文件。")
    try:
        with p.open("rb") as f:
            head = f.read(8)
        size = p.stat().st_size
    except OSError as e:
        raise ExcelFileError(f"无法读取文件：{p}（{e.strerror}）。") from e
    if not head:
        raise ExcelFileError(f"文件是空的（0字节）：{p.name}。")
    if head == OLE_MAGIC:
        if size > MAX_FILE:
            raise too_large(f"{p.name} 有{size // 1024 // 1024:,}MB")
        data = p.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise ExcelFileError(
                f"文件已设置打开密码（加密）：{p.name}。请在Excel中取消密码后另存再导入。"
            )
        return p, "xls"
    if zipfile.is_zipfile(p):
        return p, _zip_kind(p)
    if p.suffix.lower() == ".csv":
        if size > MAX_FILE:
            raise too_large(f"{p.name} 有{size // 1024 // 1024:,}MB")
        return p, "csv"
    raise ExcelFileError(
        f"{p.name} 不是Excel文件（可导入 .xlsx、.xlsm、.xls、.et、.ods、.csv）。"
        "请选择Excel或WPS表格文件。"
    )


def _zip_kind(p: Path) -> str:
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as e:
        raise ExcelFileError(f"{p.name} 已损坏，无法打开（{e}）。") from e
    unzipped = sum(i.file_size for i in infos)
    if unzipped > MAX_UNZIPPED:
        raise too_large(f"{p.name} 解压后有{unzipped // 1024 // 1024:,}MB")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype or (
        "content.xml" in names and b"opendocument" not in mimetype
    ):
        return "ods"
    if b"opendocument" in mimetype:
        raise ExcelFileError(f"{p.name} 是OpenDocument文本或演示文稿，不是表格。")
    raise ExcelFileError(f"{p.name} 不是Excel工作簿（可能是Word或其他压缩文件）。")
