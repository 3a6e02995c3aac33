"""A bad file gets a clear Chinese message and changes nothing."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from excel_helpers import roster

from partydesk import excel
from partydesk.cli import main
from partydesk.excel.reading import MAX_ROWS


@pytest.fixture
def untouched(ledger):
    """Asserts after the test that the ledger holds no people."""
    yield ledger
    from sqlalchemy import func, select

    from partydesk.ledger.models import Person

    with ledger.Session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def refuse(ledger, path, match, **kw):
    with pytest.raises(excel.ExcelFileError) as e:
        excel.plan_import(ledger, "people", path, **kw)
    assert match in str(e.value)
    return str(e.value)


def test_not_excel(untouched, tmp_path):
    p = tmp_path / "名单.xlsx"
    p.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    refuse(untouched, p, "不是Excel文件")


def test_empty_file_and_empty_sheet(untouched, tmp_path):
    p = tmp_path / "空.xlsx"
    p.write_bytes(b"")
    refuse(untouched, p, "文件是空的")
    openpyxl.Workbook().save(tmp_path / "blank.xlsx")
    refuse(untouched, tmp_path / "blank.xlsx", "是空的，没有可导入的内容")


def test_encrypted_and_old_xls(untouched, tmp_path):
    # An encrypted .xlsx is an OLE compound file holding an "EncryptionInfo" stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    (tmp_path / "enc.xlsx").write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1000)
    refuse(untouched, tmp_path / "enc.xlsx", "加密")
    # an OLE file that is no workbook at all (a real .xls imports: test_formats.py)
    (tmp_path / "old.xls").write_bytes(ole + b"Workbook".ljust(1000, b"\0"))
    refuse(untouched, tmp_path / "old.xls", "无法作为Excel工作簿打开")


def test_zip_that_is_not_a_workbook(untouched, tmp_path):
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w/>")
    refuse(untouched, tmp_path / "doc.xlsx", "不是Excel工作簿")
    with zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as z:
        z.writestr("xl/workbook.xml", "<not really>")
    refuse(untouched, tmp_path / "broken.xlsx", "无法作为Excel工作簿打开")


def test_no_header_found(untouched, tmp_path):
    wb = openpyxl.Workbook()
    for i in range(30):
        wb.active.append([f"说明{i}", i, "其他"])
    wb.save(tmp_path / "x.xlsx")
    refuse(untouched, tmp_path / "x.xlsx", "找不到表头")


def test_wrong_sheet_name(untouched, tmp_path):
    roster(tmp_path / "a.xlsx", ["姓名", "人员类别"], [["甲", "正式党员"]])
    refuse(untouched, tmp_path / "a.xlsx", "没有名为“党员”的工作表（有：花名册）", sheet="党员")


def _million_rows(path, rows: int, dimension: bool):
    """A real .xlsx with `rows` rows, streamed straight into the zip (openpyxl would take
    minutes to write it)."""
    src = path.with_name("small.xlsx")
    roster(src, ["姓名", "人员类别"], [["甲", "正式党员"]], titles=0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                f.write(f'<dimension ref="A1:B{rows}"/>'.encode())
            f.write(
                b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\xa7\x93\xe5\x90\x8d</t></is></c>'
                b'<c r="B1" t="inlineStr"><is><t>\xe4\xba\xba\xe5\x91\x98\xe7\xb1\xbb\xe5\x88\xab</t></is></c></row>'
            )
            chunk = []
            for r in range(2, rows + 1):
                chunk.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>')
                if len(chunk) == 50_000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode() + b"</sheetData></worksheet>")


def test_a_million_rows_is_refused_before_the_sheet_is_read(untouched, tmp_path, monkeypatch):
    """Decided while scanning, early: the sheet's XML is read only a little past the row
    limit, its end is never reached, and the workbook reader never loads the sheet."""
    from partydesk.excel import book

    p = tmp_path / "huge.xlsx"
    _million_rows(p, 1_000_000, dimension=True)
    part = "xl/worksheets/sheet1.xml"
    seen = {"rows": 0, "end": False, "opened": 0}
    real_read, real_calamine = zipfile.ZipExtFile.read, book._calamine

    def counting_read(self, n=-1):  # what the scanner takes out of the sheet's XML
        data = real_read(self, n)
        if self.name == part:
            seen["rows"] += data.count(b"<row ")
            seen["end"] |= b"</sheetData>" in data
        return data

    def counting_calamine(path):  # once to list the sheets; a second time would load it
        seen["opened"] += 1
        return real_calamine(path)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    monkeypatch.setattr(book, "_calamine", counting_calamine)
    msg = refuse(untouched, p, "超过一次导入的上限")
    assert f"超过{MAX_ROWS:,}行" in msg
    assert MAX_ROWS < seen["rows"] < MAX_ROWS + 50_000  # one 1 MB chunk past the limit
    assert not seen["end"] and seen["opened"] == 1


def test_row_limit_holds_without_a_dimension(untouched, tmp_path):
    p = tmp_path / "nodim.xlsx"
    _million_rows(p, 3000, dimension=False)
    refuse(untouched, p, "超过一次导入的上限2,000行", max_rows=2000)


def test_cli_prints_one_line_and_exit_1(untouched, tmp_path, capsys):
    p = tmp_path / "x.xlsx"
    p.write_text("hello")
    assert main(["--ledger", untouched.location, "import", "people", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：x.xlsx 不是Excel文件") and "Traceback" not in err


def _peak_mb_of(code: str) -> tuple[int, str]:
    """Run `code` in a fresh interpreter; (its peak resident memory in MB, its output)."""
    import os
    import subprocess
    import sys

    # VmHWM, not ru_maxrss: the latter keeps the forking pytest's high-water mark over exec
    wrapper = (
        code
        + "\nhwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
        + "\nprint('PEAK', int(hwm.split()[1]) // 1024)"
    )
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    got = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, env=env, timeout=120
    )
    assert got.returncode == 0, got.stderr
    peak = int(got.stdout.rsplit("PEAK", 1)[1])
    return peak, got.stdout


PLAN = (
    "from partydesk import excel\n"
    "from partydesk.ledger import open_ledger\n"
    "lg = open_ledger({ledger!r}, create=True)\n"
    "try:\n"
    "    excel.plan_import(lg, 'people', {path!r})\n"
    "    print('ACCEPTED')\n"
    "except excel.ExcelFileError as e:\n"
    "    print('REFUSED', e)\n"
)


def test_zip_bomb_is_refused_in_little_memory(tmp_path):
    src = tmp_path / "small.xlsx"
    roster(src, ["姓名", "人员类别"], [["甲", "正式党员"]], titles=0)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(450):  # 450 MB of nothing, a few hundred KB packed
                f.write(block)
    assert bomb.stat().st_size < 3 * 1024 * 1024
    peak, text = _peak_mb_of(PLAN.format(ledger=str(tmp_path / "l.partydesk"), path=str(bomb)))
    assert "REFUSED" in text and "解压后有450MB" in text and "超过一次导入的上限" in text
    assert peak < 300


def test_sheet_of_16384_column_rows_is_refused_in_little_memory(tmp_path):
    wide = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "人员类别"])
    for r in range(2, 6):
        for c in range(1, 16385, 7):
            ws.cell(r, c, c)
        ws.cell(r, 16384, "末列")
    wb.save(wide)
    peak, text = _peak_mb_of(PLAN.format(ledger=str(tmp_path / "l.partydesk"), path=str(wide)))
    assert "REFUSED" in text and "列（上限256列）" in text
    assert peak < 300


def test_stale_dimension_does_not_cut_the_sheet(untouched, tmp_path):
    import re

    from excel_helpers import ids

    n = ids(500)
    src = roster(
        tmp_path / "src.xlsx",
        ["姓名", "公民身份证号", "人员类别", "民族"],
        [[f"人{i}", n[i], "正式党员", "汉族"] for i in range(500)],
        titles=0,
    )
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(stale, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, k = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D3"', data)
                assert k == 1
            zout.writestr(item, data)
    plan = excel.plan_import(untouched, "people", stale)
    assert plan.counts["new"] == 500
    assert plan.rows[-1].values["name"] == "人499"
