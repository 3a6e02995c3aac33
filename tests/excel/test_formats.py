"""Every format offices have: .xlsx, .xlsm, .xls, .et (WPS), .ods, .csv in UTF-8 (with or
without BOM) and GBK. The spreadsheet-program conversions run where LibreOffice
(`soffice`) is installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from excel_helpers import TODAY, ids, roster
from sqlalchemy import select

from partydesk import excel
from partydesk.ledger.models import Person

HEADER = ["姓名", "公民身份证号", "人员类别", "加入党组织日期", "所在党支部"]
soffice = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(soffice is None, reason="LibreOffice (soffice) not installed")


def rows():
    n = ids(3)
    return [
        ["张三", n[0], "正式党员", date(2019, 7, 1), "杭州甲科技"],
        ["李四", n[1], "预备党员", date(2024, 12, 1), "杭州乙物流"],
        ["王五", n[2], "预备党员", date(2025, 1, 1), "杭州乙物流"],
    ]


def stored(ledger):
    with ledger.Session() as s:
        return sorted(
            (p.name, p.id_number, p.category, p.admitted_on, p.org_id)
            for p in s.scalars(select(Person))
        )


def expected(orgs):
    n = ids(3)
    return sorted(
        [
            ("张三", n[0], "full", date(2019, 7, 1), orgs["甲"]),
            ("李四", n[1], "probationary", date(2024, 12, 1), orgs["乙"]),
            ("王五", n[2], "probationary", date(2025, 1, 1), orgs["乙"]),
        ]
    )


def import_file(ledger, path):
    plan = excel.plan_import(ledger, "people", path, today=TODAY)
    assert plan.counts["new"] == 3, [r.reason for r in plan.rows]
    excel.apply_import(ledger, plan)


def convert(src, fmt: str, outdir):
    subprocess.run(
        [soffice, "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / (src.stem + "." + fmt.split(":")[0])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding(ledger, orgs, tmp_path, encoding):
    lines = [",".join(HEADER)]
    for r in rows():
        lines.append(",".join("" if v is None else str(v) for v in r))
    p = tmp_path / "名单.csv"
    p.write_bytes("\r\n".join(lines).encode(encoding))
    import_file(ledger, p)
    assert stored(ledger) == expected(orgs)


def test_xlsm_is_read(ledger, orgs, tmp_path):
    f = roster(tmp_path / "a.xlsx", HEADER, rows())
    p = tmp_path / "宏.xlsm"
    shutil.copy(f, p)
    import_file(ledger, p)
    assert stored(ledger) == expected(orgs)


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["xls", "ods", "et"])
def test_xls_ods_and_wps_et(ledger, orgs, tmp_path, fmt):
    f = roster(tmp_path / "roster.xlsx", HEADER, rows())
    out = convert(f, "ods" if fmt == "ods" else "xls", tmp_path)
    if fmt == "et":  # WPS's .et is an .xls inside
        out = out.rename(out.with_suffix(".et"))
    import_file(ledger, out)
    assert stored(ledger) == expected(orgs)


def _with_active_table(ods, name: str) -> None:
    """Give an .ods the view settings a window's save writes (a headless conversion writes
    none): the ActiveTable item, as LibreOffice stores it."""
    import zipfile

    with zipfile.ZipFile(ods) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    item = (
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        '<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>'
        f'<config:config-item config:name="ActiveTable" config:type="string">{name}'
        "</config:config-item></config:config-item-map-entry></config:config-item-map-indexed>"
    )
    with zipfile.ZipFile(ods, "w") as z:
        for info, data in parts:
            if info.filename == "settings.xml":
                data = data.replace(
                    b'<config:config-item-set config:name="ooo:view-settings">', item.encode()
                )
                assert item.encode() in data
            z.writestr(info, data)


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["xls", "ods", "et"])
def test_active_sheet_and_hidden_rows_of_xls_ods_et(ledger, orgs, tmp_path, fmt):
    """Last year's roster first, this year's active with two rows hidden: the import
    defaults to the active sheet and reports the hidden rows, as it does for .xlsx."""
    import openpyxl

    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "去年"
    old.append(HEADER)
    old.append(["赵六", ids(1, 9)[0], "正式党员", date(2010, 7, 1), "杭州甲科技"])
    ws = wb.create_sheet("今年")
    ws.append(HEADER)
    for r in rows():
        ws.append(r)
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    wb.active = 1
    wb.save(tmp_path / "two.xlsx")
    out = convert(tmp_path / "two.xlsx", "ods" if fmt == "ods" else "xls", tmp_path)
    if fmt == "ods":
        _with_active_table(out, "今年")
    if fmt == "et":
        out = out.rename(out.with_suffix(".et"))
    assert excel.sheet_names(out)[0] == "今年"
    plan = excel.plan_import(ledger, "people", out, today=TODAY)
    assert plan.sheet == "今年"
    assert [r.row_no for r in plan.rows if "此行在表格中是隐藏的" in r.warning] == [3, 4]
    assert any("2行在表格中被隐藏（第3、4行）" in n for n in plan.notes())
    excel.apply_import(ledger, plan)
    assert stored(ledger) == expected(orgs)  # hidden rows are imported, as for .xlsx
