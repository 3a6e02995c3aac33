"""What python-calamine does not tell about .xls/.et and .ods workbooks: which sheet was
active when the file was saved and which rows are hidden (the .xlsx side is
partydesk.excel.xlsx_scan).

- .xls and WPS's .et (BIFF8 inside an OLE compound file): the WINDOW1 record names the
  active sheet, each ROW record's fDyZero flag says the row is hidden. The compound file is
  read here (header, FAT, directory, the Workbook stream) — no extra package.
- .ods (a zip): settings.xml names the ActiveTable; content.xml's table rows carry
  table:visibility="collapse" (or "filter"), with table:number-rows-repeated.

What stays unknown: BIFF5 workbooks (Excel 95), and an .ods saved without view settings
(converted by a program rather than saved from a window) has no active sheet — then the
first visible sheet is the default (and for BIFF5 hidden rows go unreported). A file calamine reads is never
refused because of this scan.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from partydesk.excel.files import MAX_UNZIPPED

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _WINDOW1, _BOUNDSHEET, _ROW = 0x0809, 0x000A, 0x003D, 0x0085, 0x0208


@dataclass
class Views:
    active: str | None = None  # the sheet that was active
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)  # 1-based, by sheet


def scan(path: Path, kind: str) -> Views | None:
    """The active sheet and hidden rows, or None when they cannot be told."""
    try:
        if kind == "xls":
            return _xls(path.read_bytes())
        if kind == "ods":
            return _ods(path)
    except (OSError, ValueError, struct.error, zipfile.BadZipFile, KeyError, IndexError):
        return None
    return None


# --- .xls / .et --------------------------------------------------------------------------


def _workbook_stream(data: bytes) -> bytes | None:
    """The 'Workbook' (or BIFF5's 'Book') stream of an OLE compound file."""
    if not data.startswith(_MAGIC):
        return None
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    first_difat, n_difat = struct.unpack_from("<II", data, 0x44)

    def at(sid: int) -> int:
        return (sid + 1) * sector

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END)]
    sid, per = first_difat, sector // 4 - 1
    for _ in range(n_difat):
        if sid in (_FREE, _END):
            break
        more = struct.unpack_from(f"<{per}I", data, at(sid))
        fat_sectors += [s for s in more if s not in (_FREE, _END)]
        sid = struct.unpack_from("<I", data, at(sid) + per * 4)[0]
    fat: list[int] = []
    for s in fat_sectors[:n_fat]:
        fat += struct.unpack_from(f"<{sector // 4}I", data, at(s))

    def chain(start: int, limit: int) -> bytes:
        out, sid, seen = [], start, 0
        while sid not in (_FREE, _END) and seen < limit:
            out.append(data[at(sid) : at(sid) + sector])
            sid = fat[sid]
            seen += 1
        return b"".join(out)

    directory = chain(first_dir, len(fat))
    root_start, root_size = struct.unpack_from("<II", directory, 116)
    for off in range(0, len(directory) - 127, 128):
        name_len = struct.unpack_from("<H", directory, off + 64)[0]
        name = directory[off : off + max(name_len - 2, 0)].decode("utf-16-le", "replace")
        if directory[off + 66] != 2 or name not in ("Workbook", "Book"):
            continue
        start, size = struct.unpack_from("<II", directory, off + 116)
        if name == "Book":
            return None  # BIFF5 (Excel 95): not told
        if size >= cutoff:
            return chain(start, len(fat))[:size]
        # a small workbook lives in the mini stream (64-byte sectors inside the root's)
        mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
        first_minifat, n_minifat = struct.unpack_from("<II", data, 0x3C)
        raw = chain(first_minifat, n_minifat)
        minifat = struct.unpack_from(f"<{len(raw) // 4}I", raw)
        container = chain(root_start, len(fat))[:root_size]
        out, sid = [], start
        while sid not in (_FREE, _END) and len(out) * mini < size:
            out.append(container[sid * mini : (sid + 1) * mini])
            sid = minifat[sid]
        return b"".join(out)[:size]
    return None


def _xls(data: bytes) -> Views | None:
    wb = _workbook_stream(data)
    if wb is None:
        return None
    typ, length = struct.unpack_from("<HH", wb, 0)
    if typ != _BOF or struct.unpack_from("<H", wb, 4)[0] != 0x0600:
        return None  # not BIFF8
    sheets: list[tuple[str, int, int]] = []  # (name, stream offset, sheet type)
    active_tab = 0
    pos = 0
    while pos + 4 <= len(wb):
        typ, length = struct.unpack_from("<HH", wb, pos)
        body = pos + 4
        if typ == _WINDOW1 and length >= 12:
            active_tab = struct.unpack_from("<H", wb, body + 10)[0]
        elif typ == _BOUNDSHEET:
            offset, _state, kind, cch, high = struct.unpack_from("<IBBBB", wb, body)
            raw = wb[body + 8 : body + 8 + cch * (2 if high & 1 else 1)]
            name = raw.decode("utf-16-le" if high & 1 else "latin-1")
            sheets.append((name, offset, kind))
        elif typ == _EOF:
            break
        pos = body + length
    views = Views()
    if 0 <= active_tab < len(sheets):
        views.active = sheets[active_tab][0]
    for name, offset, kind in sheets:
        if kind == 0:
            views.hidden_rows[name] = _xls_hidden_rows(wb, offset)
    return views


def _xls_hidden_rows(wb: bytes, pos: int) -> list[int]:
    out = []
    end = len(wb)
    unpack = struct.unpack_from
    while pos + 4 <= end:
        typ, length = unpack("<HH", wb, pos)
        if typ == _ROW and length >= 16:
            row, flags = unpack("<H10xH", wb, pos + 4)
            if flags & 0x20:  # fDyZero: the row is hidden
                out.append(row + 1)
        elif typ == _EOF:
            break
        pos += 4 + length
    return out


# --- .ods --------------------------------------------------------------------------------

# a sheet's start tag or a row's (not cells, columns or row groups)
_ODS_TAG = re.compile(rb"<table:table(-row)?(?=[\s/>])([^>]*?)/?>")
_ATTR = re.compile(rb'([\w:-]+)="([^"]*)"')
_ACTIVE = re.compile(
    rb'<config:config-item config:name="ActiveTable" config:type="string">([^<]*)<'
)


def _ods(path: Path) -> Views:
    views = Views()
    with zipfile.ZipFile(path) as z:
        if "settings.xml" in z.namelist():
            m = _ACTIVE.search(z.read("settings.xml"))
            if m:
                views.active = _unescape(m.group(1).decode("utf-8"))
        if z.getinfo("content.xml").file_size > MAX_UNZIPPED:
            raise ValueError("content.xml too large to scan")  # calamine's limits decide
        content = z.read("content.xml")
    sheet, row = None, 0
    for m in _ODS_TAG.finditer(content):
        attrs = dict(_ATTR.findall(m.group(2)))
        if m.group(1) is None:  # a sheet begins
            sheet = _unescape(attrs.get(b"table:name", b"").decode("utf-8"))
            views.hidden_rows[sheet] = []
            row = 0
            continue
        repeat = int(attrs.get(b"table:number-rows-repeated", b"1"))
        if attrs.get(b"table:visibility", b"visible") != b"visible" and sheet is not None:
            # a trailing run of a million hidden empty rows says nothing: keep it bounded
            views.hidden_rows[sheet] += range(row + 1, row + 1 + min(repeat, 1000))
        row += repeat
    return views


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )
