"""The import wizard and export in the window (offscreen)."""

from __future__ import annotations

import openpyxl
import pytest
from excel_helpers import TODAY, ids, roster
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from partydesk.ledger.models import Person
from ui.context import AppContext


@pytest.fixture
def ctx(qapp, ledger, orgs):
    win = QMainWindow()
    c = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
    yield c
    win.close()
    win.deleteLater()


def names(ledger):
    with ledger.Session() as s:
        return sorted(s.scalars(select(Person.name)))


def test_wizard_preview_edit_mapping_and_import(ctx, qtbot, qtmodeltester, tmp_path):
    from ui.excel.import_wizard import open_import_wizard

    n = ids(3)
    f = roster(
        tmp_path / "a.xlsx",
        ["姓名", "公民身份证号", "人员类别", "所在党支部", "联系人手机"],
        [
            ["甲", n[0], "正式党员", "杭州甲科技", "13911112222"],
            ["乙", n[1], "群众", "杭州甲科技", None],
            ["丙", n[2], "预备党员", "杭州乙物流", None],
        ],
    )
    w = open_import_wizard(ctx, "people", str(f))
    qtbot.waitUntil(lambda: w.plan is not None and w.task is None, timeout=10000)
    qtmodeltester.check(w.model)
    m = w.model
    assert m.rowCount() == 3
    assert [m.index(r, 1).data() for r in range(3)] == ["新增", "错误", "新增"]
    assert "人员类别：应为" in m.index(1, 2).data()
    assert m.headerData(3, 1) == "姓名\n→ 姓名"
    assert "联系人手机" in w.summary_label.text()  # the unknown header is reported
    assert w.import_btn.text() == "导入 2 行(&I)"
    w.grab().save(str(tmp_path / "wizard.png"))
    import os

    if os.environ.get("PARTYDESK_SHOTS"):
        w.grab().save(os.environ["PARTYDESK_SHOTS"] + "/wizard.png")

    # only the error rows
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("error"))
    assert m.rowCount() == 1 and m.index(0, 0).data() == "5"
    qtmodeltester.check(m)

    # map the unknown column to 手机号 and check again
    combo = w.mapping_table.cellWidget(4, 1)
    combo.setCurrentIndex(combo.findData("phone"))
    w.recheck_btn.click()
    qtbot.waitUntil(lambda: w.task is None and w.plan.mapping[4] == "phone", timeout=10000)
    assert "联系人手机" not in w.summary_label.text()

    w.import_btn.click()
    qtbot.waitUntil(lambda: w.result_counts is not None, timeout=10000)
    assert names(ctx.ledger) == ["丙", "甲"]
    with ctx.ledger.Session() as s:
        assert s.scalar(select(Person.phone).where(Person.name == "甲")) == "13911112222"


def test_wizard_on_a_bad_file_says_why_and_writes_nothing(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.excel.import_wizard import ImportWizard

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook")
    w = ImportWizard(ctx, "person")
    w.set_file(str(bad))
    assert shown and "不是Excel文件" in shown[0]
    assert not w.import_btn.isEnabled() and names(ctx.ledger) == []


def test_cancelled_wizard_writes_nothing(ctx, qtbot, tmp_path):
    from ui.excel.import_wizard import open_import_wizard

    f = roster(tmp_path / "a.xlsx", ["姓名", "人员类别"], [["甲", "正式党员"]])
    w = open_import_wizard(ctx, "person", str(f))
    qtbot.waitUntil(lambda: w.plan is not None and w.task is None, timeout=10000)
    w.reject()
    assert names(ctx.ledger) == []


def test_export_table_and_report_off_the_ui_thread(ctx, qtbot, tmp_path):
    from partydesk.ledger.models import Person as P
    from ui.excel.export import export_report, export_table, save_template

    with ctx.ledger.session() as s:
        s.add_all([P(name="张三", category="full"), P(name="李四", category="activist")])
    done = []
    export_table(
        ctx,
        "person",
        ["姓名", "人员类别"],
        filter_text="李",
        path=str(tmp_path / "p.xlsx"),
        on_done=done.append,
    )
    qtbot.waitUntil(lambda: len(done) == 1, timeout=10000)
    rows = list(openpyxl.load_workbook(tmp_path / "p.xlsx").active.values)
    assert rows == [("姓名", "人员类别"), ("李四", "入党积极分子")]
    export_report(ctx, "coverage", path=str(tmp_path / "c.xlsx"), on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10000)
    assert (
        openpyxl.load_workbook(tmp_path / "c.xlsx").active["A1"].value
        == "两新组织党建工作覆盖情况统计表"
    )
    assert save_template(ctx, "units", str(tmp_path / "t.xlsx")) and (tmp_path / "t.xlsx").exists()
    assert TODAY  # fixtures share the test date


def test_dropped_csv_opens_the_wizard_that_creates_the_branches(ctx, qtbot, tmp_path):
    """A GBK .csv roster of a branch the ledger lacks, dropped onto the window: the wizard
    opens on it, says which organization it would create, and creates it when asked."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from partydesk.ledger.models import Organization
    from ui.excel import drop

    n = ids(2)
    p = tmp_path / "名单.csv"
    p.write_bytes(
        (
            "姓名,公民身份证号,政治面貌,所在支部,手机\r\n"
            f"甲,{n[0]},中共党员,中共某某新公司支部委员会,0571-88886666\r\n"
            f"乙,{n[1]},中共预备党员,中共某某新公司支部委员会,13911112222\r\n"
        ).encode("gbk")
    )
    win = ctx.window
    win.ctx = ctx
    drop.install(win)
    opened = []
    monkey = drop.open_dropped

    def spy(window, path):
        from ui.excel.import_wizard import open_import_wizard

        opened.append(path)
        return open_import_wizard(ctx, drop.guess_entity(path), path)

    drop.open_dropped = spy
    try:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p))])
        ev = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
        (f,) = win.findChildren(drop.DropFilter)
        assert f.eventFilter(win, ev) is True
    finally:
        drop.open_dropped = monkey
    assert opened == [str(p)]
    from ui.excel.import_wizard import ImportWizard

    w = [x for x in win.findChildren(ImportWizard)][-1]
    qtbot.waitUntil(lambda: w.plan is not None and w.task is None, timeout=10000)
    assert w.plan.counts["error"] == 2 and "账本中没有" in w.summary_label.text()
    w.create_orgs.setChecked(True)
    qtbot.waitUntil(lambda: w.task is None and bool(w.plan.new_orgs), timeout=10000)
    assert "将新建党组织1个" in w.summary_label.text()
    assert "有提醒1" in w.summary_label.text()
    w.grab().save(str(tmp_path / "wizard-create.png"))
    import os

    if os.environ.get("PARTYDESK_SHOTS"):
        w.grab().save(os.environ["PARTYDESK_SHOTS"] + "/wizard-create.png")
    w.import_btn.click()
    qtbot.waitUntil(lambda: w.result_counts is not None, timeout=10000)
    assert names(ctx.ledger) == ["乙", "甲"]
    with ctx.ledger.Session() as s:
        org = s.scalar(select(Organization).where(Organization.name.like("%新公司%")))
        assert org.org_type == "branch"


@pytest.mark.slow
def test_wizard_on_an_xls_defaults_to_its_active_sheet_and_warns_hidden_rows(ctx, qtbot, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed")
    from ui.excel.import_wizard import open_import_wizard

    n = ids(4)
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "去年"
    old.append(["姓名", "公民身份证号", "人员类别", "所在党支部"])
    old.append(["旧", n[3], "正式党员", "杭州甲科技"])
    ws = wb.create_sheet("今年")
    ws.append(["姓名", "公民身份证号", "人员类别", "所在党支部"])
    for name, num in zip("甲乙丙", n, strict=False):
        ws.append([name, num, "正式党员", "杭州甲科技"])
    ws.row_dimensions[3].hidden = True
    wb.active = 1
    wb.save(tmp_path / "two.xlsx")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), "two.xlsx"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    w = open_import_wizard(ctx, "people", str(tmp_path / "two.xls"))
    qtbot.waitUntil(lambda: w.plan is not None and w.task is None, timeout=20000)
    assert w.sheet_combo.currentText() == "今年"
    assert "1行在表格中被隐藏（第3行）" in w.summary_label.text()
    m = w.model
    assert [m.index(r, 0).data() for r in range(m.rowCount())] == ["2", "3", "4"]
    assert "此行在表格中是隐藏的" in " ".join(
        str(m.index(1, c).data()) for c in range(m.columnCount())
    )
    import os

    if os.environ.get("PARTYDESK_SHOTS"):
        w.grab().save(os.environ["PARTYDESK_SHOTS"] + "/wizard-xls-hidden.png")
