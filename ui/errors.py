"""Showing errors: the user's own (PartyDeskError, known database states) in plain
Chinese; anything else as a bug report with details."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from partydesk.errors import PartyDeskError


def describe(exc: BaseException) -> str:
    if isinstance(exc, PartyDeskError):
        return str(exc)
    text = str(exc).lower()
    if "database is locked" in text:
        return "账本正被其他程序使用，请稍后再试。"
    if "disk" in text and "full" in text or isinstance(exc, OSError) and exc.errno == 28:
        return "磁盘空间已满，未能保存。请清理磁盘后再试，已保存的数据不受影响。"
    if "readonly" in text or "read-only" in text:
        return "账本是只读的，不能修改。"
    return ""


def show_error(parent: QWidget | None, exc: BaseException, tb: str | None = None) -> None:
    msg = describe(exc)
    if msg:
        QMessageBox.warning(parent, "操作未完成", msg)
        return
    box = QMessageBox(
        QMessageBox.Critical,
        "程序错误",
        "发生了意外错误，操作未完成。数据未被改动。",
        parent=parent,
    )
    box.setDetailedText(tb or repr(exc))
    box.exec()


def in_session(parent: QWidget | None, ledger, fn):
    """`fn(session)` in one transaction of `ledger`: its result, or None after telling the
    user why it did not happen (nothing is written then)."""
    try:
        with ledger.session() as s:
            return fn(s)
    except Exception as e:  # noqa: BLE001 — PartyDeskError in plain words, others as a bug
        show_error(parent, e)
    return None
