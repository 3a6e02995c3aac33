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
