"""An exception nobody caught — in a Qt slot, in another thread — leaves a crash report in
the log folder, and the window's error dialog says where it is; the command line logs."""

from __future__ import annotations

import faulthandler
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from partydesk import logs
from partydesk.cli import main as cli_main
from ui.errors import on_crash


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    """Logs in a fresh folder; the process's hooks put back afterwards."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "state"))  # the same on Windows
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logs, "_fault_file", None)
    yield logs.log_dir()
    faulthandler.enable(sys.__stderr__)
    if logs._fault_file is not None:
        logs._fault_file.close()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_writes_a_report_and_the_dialog_says_where(
    qapp, qtbot, log_home, monkeypatch
):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    logs.install_crash_handlers(on_crash)
    button = QPushButton("生成手册")
    qtbot.addWidget(button)

    def build_book():
        raise RuntimeError("页码超出范围")

    button.clicked.connect(build_book)
    button.click()  # the program runs on
    reports = sorted(log_home.glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: 页码超出范围" in text and "build_book" in text
    assert "PartyDesk" in text and "错误报告" in text
    assert shown and shown[0][0] == "程序错误"
    assert str(reports[0]) in shown[0][1]
    assert (log_home / logs.FAULT_NAME).exists()  # a hard crash would land there


def test_exception_in_a_thread_writes_a_report(log_home):
    logs.install_crash_handlers()

    def export():
        raise ValueError("表格列数不对")

    t = threading.Thread(target=export, name="导出")
    t.start()
    t.join()
    (report,) = log_home.glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "线程 导出" in text and "ValueError: 表格列数不对" in text


def test_the_command_line_logs(log_home, new_ledger, tmp_path, capsys):
    assert cli_main(["--ledger", str(new_ledger()), "init"]) == 0
    assert cli_main(["--ledger", str(tmp_path / "没有.partydesk"), "stats"]) != 0
    text = (log_home / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "[cli " in text and "命令 init" in text and "未完成" in text
