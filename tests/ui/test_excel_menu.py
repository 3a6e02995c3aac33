"""The Excel menu of the main window: export the table as shown, reports, templates,
import — each checked in the file written or the wizard shown."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_tables import page, type_text

from ui.excel import menu as excel_menu


def _sheet(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    return [[c.value for c in row] for row in ws.iter_rows()]


def _wait_written(qtbot, win, path):
    qtbot.waitUntil(
        lambda: path.exists() and "已导出" in win.statusBar().currentMessage(), timeout=15000
    )


def test_excel_menu_lists_imports_exports_templates_and_reports(main_window):
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus.index("Excel(&X)") == menus.index("工具(&T)") - 1
    menu = main_window.excel_menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["导入名册(&I)", "导出当前表格(&E)…", "空白导入模板(&T)", "报表(&R)"]
    reports = [a.text() for a in menu.actions()[-1].menu().actions()]
    assert reports[-1] == "评星定级汇总表…" and "两新组织覆盖情况表（六个清）…" in reports


def test_export_current_table_keeps_search_filter_sort_and_columns(main_window, qtbot, tmp_path):
    p = page(main_window, "people")
    type_text(p.filterbar.search, "联合")
    qtbot.waitUntil(lambda: p.model.rowCount() == 3, timeout=2000)
    col = [c.name for c in p.model.columns].index("birth_date")
    p.view.sortByColumn(col, Qt.DescendingOrder)  # youngest first
    qtbot.waitUntil(lambda: p.model.text(0, 0) == "李娜", timeout=2000)
    hidden = [c.name for c in p.model.columns].index("id_number")
    p.view.setColumnHidden(hidden, True)
    out = tmp_path / "shown.xlsx"
    excel_menu.export_current(main_window, str(out))
    _wait_written(qtbot, main_window, out)
    rows = _sheet(out)
    header = rows[0]
    assert header[0] == "姓名" and "公民身份证号" not in header and "出生日期" in header
    names = [r[0] for r in rows[1:] if r[0]]
    assert names == ["李娜", "刘洋", "赵磊"]  # 1995, 1988, 1979: the order on screen


def test_export_current_on_a_page_without_a_table_says_so(main_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: told.append(text))
    main_window.nav.setCurrentRow(list(main_window.pages()).index("ui.dashboard.page"))
    assert excel_menu.export_current(main_window, "/nonexistent/x.xlsx") is None
    assert told and "没有可导出的表格" in told[0]


def test_coverage_report_and_star_summary_from_the_menu(main_window, qtbot, tmp_path):
    cov = tmp_path / "cov.xlsx"
    excel_menu.export_report(main_window, "coverage", str(cov))
    _wait_written(qtbot, main_window, cov)
    text = "\n".join(str(v) for r in _sheet(cov) for v in r if v is not None)
    assert "两新组织党建工作覆盖情况统计表" in text and "星光科技有限公司" in text
    main_window.statusBar().clearMessage()
    from partydesk.cli import main

    assert (
        main(
            [
                "rate",
                "--ledger",
                str(main_window.ctx.ledger.path),
                "--org",
                "星光科技",
                "--year",
                "2026",
                "--score",
                "leadership.secretary=6",
                "--score",
                "members.model=5",
            ]
        )
        == 0
    )
    stars = tmp_path / "stars.xlsx"
    excel_menu.export_stars(main_window, str(stars), year=2026)
    _wait_written(qtbot, main_window, stars)
    text = "\n".join(str(v) for r in _sheet(stars) for v in r if v is not None)
    assert "2026年度党组织评星定级汇总表" in text and "中共星光科技有限公司支部委员会" in text


def test_template_and_import_wizard_from_the_menu(main_window, qtbot, tmp_path):
    tpl = tmp_path / "tpl.xlsx"
    excel_menu.save_template(main_window, "person", str(tpl))
    header = _sheet(tpl)[0]
    assert "姓名" in header and "公民身份证号" in header
    w = excel_menu.import_roster(main_window, "person", str(tpl))  # deletes itself on close
    qtbot.waitUntil(lambda: w.plan is not None and w.task is None, timeout=10000)
    assert w.isVisible() and w.model.rowCount() == 0  # a blank template: nothing to import
    w.close()
    QApplication.processEvents()
