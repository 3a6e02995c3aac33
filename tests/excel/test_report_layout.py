"""Upward reports print as a county expects: merged centred title, totals row (with
组织覆盖率 on the coverage report), landscape when wide, one page wide, header repeated."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from partydesk import excel
from partydesk.stats import coverage

TODAY = date(2025, 6, 30)


@pytest.fixture
def filled(ledger, orgs):
    """The two organizations and their host units of the excel fixtures."""
    return ledger


def test_coverage_report_page_setup_and_totals(filled, tmp_path):
    out = tmp_path / "cov.xlsx"
    n = excel.write_report(filled, "coverage", out, today=TODAY)
    ws = load_workbook(out).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:P1", "A2:P2"} <= merged
    assert ws["A1"].alignment.horizontal == "center"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    total = [c.value for c in ws[3 + n + 1]]
    assert total[0] == "合计" and total[1] == f"{n} 个"
    with filled.session() as s:
        c = coverage(s, TODAY)
    assert total[-1] == f"组织覆盖率 {c.org_rate:.1%}"
    note = ws.cell(3 + n + 2, 1).value
    assert f"组织覆盖率 {c.org_rate:.1%}" in note and f"工作覆盖率 {c.work_rate:.1%}" in note


def test_org_table_totals_sum_the_numbers(filled, tmp_path):
    out = tmp_path / "orgs.xlsx"
    n = excel.write_report(filled, "orgs", out, today=TODAY)
    ws = load_workbook(out).active
    head = [c.value for c in ws[3]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=3 + n)]
    total = [c.value for c in ws[4 + n]]
    j = head.index("正式党员")
    assert total[0] == "合计" and total[j] == sum(r[j] or 0 for r in rows)
