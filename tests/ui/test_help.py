"""帮助: F1 opens the clerk's manual (the same text as `partydesk manual`), 关于 names the
version, the ledger, its schema revision and each bundled component's licence, with the
licence texts shipped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from partydesk import __version__, about
from partydesk.cli import main as cli_main
from ui.help import menu as help_menu


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen has no window stack
def test_f1_opens_the_manual(main_window, qtbot):
    act = main_window.findChild(QAction, "manualAction")
    assert act.shortcut() == QKeySequence(Qt.Key_F1)
    act.trigger()
    w = main_window.manual_window
    assert w.isVisible()
    text = w.browser.toPlainText()
    for heading in ("第一次使用", "各个页面", "从 Excel 导入", "打印", "备份与恢复", "待办提醒"):
        assert heading in text
    act.trigger()
    assert main_window.manual_window is w  # one window, brought forward


def test_about_names_version_ledger_revision_and_licences(main_window, qtbot):
    dlg = help_menu.open_about(main_window)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == len(about.components())
    rows = {
        dlg.table.item(r, 0).text(): dlg.table.item(r, 2).text()
        for r in range(dlg.table.rowCount())
    }
    assert rows["Qt 与 PySide6"] == "LGPL-3.0"
    assert rows["ReportLab"] == "BSD-3-Clause" and rows["SQLAlchemy"] == "MIT"
    assert "Arphic" in rows["AR PL UMing 明体"]
    texts = " ".join(lbl.text() for lbl in dlg.findChildren(QLabel))
    assert str(main_window.ctx.ledger.path) in texts
    assert about.ledger_revision(main_window.ctx.ledger) in texts  # e.g. 0006_audit
    assert f"PartyDesk 党建台账 {__version__}" in texts
    qt_row = list(rows).index("Qt 与 PySide6")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dlg.licence_text(qt_row)
    sa_row = list(rows).index("SQLAlchemy")
    assert "Permission is hereby granted" in dlg.licence_text(sa_row)


def test_manual_and_about_on_the_command_line(new_ledger, capsys):
    ledger_path = str(new_ledger())
    assert cli_main(["manual"]) == 0
    assert capsys.readouterr().out.strip() == about.manual_text().strip()
    assert cli_main(["--ledger", str(ledger_path), "init"]) == 0
    capsys.readouterr()
    assert cli_main(["--ledger", str(ledger_path), "about"]) == 0
    out = capsys.readouterr().out
    assert f"账本：{ledger_path}" in out and "数据库版本：0" in out
    assert "Qt 与 PySide6" in out and "LGPL-3.0" in out
