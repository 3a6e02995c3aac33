"""Showing errors: the user's own (PartyDeskError, known database states) in plain
Chinese; anything else as a bug report with details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from partydesk import logs
from partydesk.errors import PartyDeskError


def describe(exc: BaseException) -> str:
    if isinstance(exc, PartyDeskError):
        return str(exc)
    text = str(exc).lower()
    if "database is locked" in text:
        return QCoreApplication.translate("ErrorDialog", "账本正被其他程序使用，请稍后再试。")
    if "disk" in text and "full" in text or isinstance(exc, OSError) and exc.errno == 28:
        return QCoreApplication.translate(
            "ErrorDialog", "磁盘空间已满，未能保存。请清理磁盘后再试，已保存的数据不受影响。"
        )
    if "readonly" in text or "read-only" in text:
        return QCoreApplication.translate("ErrorDialog", "账本是只读的，不能修改。")
    return ""


def show_error(
    parent: QWidget | None, exc: BaseException, tb: str | None = None, report: Path | None = None
) -> None:
    """The user's own error as a warning; anything else (a bug) as 程序错误 with the place
    of its crash report (`report`, or one written now) and a button that opens that folder."""
    msg = describe(exc)
    if msg:
        QMessageBox.warning(parent, QCoreApplication.translate("ErrorDialog", "操作未完成"), msg)
        return
    if report is None:
        report = logs.write_crash_report(exc, tb, "界面")  # i18n: log
    text = QCoreApplication.translate("ErrorDialog", "发生了意外错误，操作未完成。数据未被改动。")
    if report is not None:
        text += QCoreApplication.translate(
            "ErrorDialog", "\n\n错误报告已保存在：\n%1\n需要帮助时，请把这个文件交给技术支持。"
        ).replace("%1", str(report))
    box = QMessageBox(
        QMessageBox.Critical,
        QCoreApplication.translate("ErrorDialog", "程序错误"),
        text,
        parent=parent,
    )
    box.setObjectName("crashDialog")
    box.setDetailedText(tb or repr(exc))
    box.setStandardButtons(QMessageBox.Close)
    folder = None
    if report is not None:
        folder = box.addButton(
            QCoreApplication.translate("ErrorDialog", "打开报告所在文件夹"), QMessageBox.ActionRole
        )
    box.exec()
    if folder is not None and box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.parent)))


_showing = False


def on_crash(exc: BaseException, tb_text: str, report: Path | None) -> None:
    """An unhandled exception in a slot: tell the user where the report is (not a second
    dialog while one is already up) and run on."""
    global _showing
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        show_error(QApplication.activeWindow(), exc, tb_text, report)
    finally:
        _showing = False


def in_session(parent: QWidget | None, ledger, fn):
    """`fn(session)` in one transaction of `ledger`: its result, or None after telling the
    user why it did not happen (nothing is written then)."""
    try:
        with ledger.session() as s:
            return fn(s)
    except Exception as e:  # noqa: BLE001 — PartyDeskError in plain words, others as a bug
        show_error(parent, e)
    return None
