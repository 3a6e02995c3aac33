"""Opening a ledger in the GUI so that nothing is lost: a damaged ledger offers to restore the
newest good backup; the optional start password; a notice when the ledger opened read-only
(another PartyDesk holds it, or the file or folder is read-only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from partydesk import backup
from partydesk.errors import PartyDeskError
from partydesk.ledger import Ledger, cipher, open_ledger
from partydesk.ledger.db import LedgerDamagedError
from ui.errors import show_error
from ui.safety.password import unlock

# ---- opening -----------------------------------------------------------------------------


def open_for_gui(path, parent: QWidget | None = None, *, create: bool = True) -> Ledger | None:
    """Open the ledger for the window, talking to the user about damage, the password and
    read-only access. None when the user gave up (the program should then quit)."""
    for _attempt in range(3):
        try:
            ledger = open_ledger(path, create=create)
        except LedgerDamagedError as e:
            if offer_restore(parent, e):
                continue
            return None
        except cipher.PassphraseError as e:
            if ask_passphrase(parent, e):
                continue
            return None
        except PartyDeskError as e:
            QMessageBox.critical(
                parent, QCoreApplication.translate("safety", "无法打开账本"), str(e)
            )
            return None
        break
    else:
        return None
    return before_window(ledger, parent)


def before_window(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """After opening, before the window shows the ledger: the start password, then a
    notice when it opened read-only, then any warning (e.g. the daily backup failed).
    Fits ui.app's BEFORE_WINDOW hooks: None means do not open (ledger closed)."""
    if not unlock(ledger, parent):
        ledger.close()
        return None
    if ledger.readonly:
        QMessageBox.information(
            parent, QCoreApplication.translate("safety", "以只读方式打开"), ledger.readonly_reason
        )
    for w in ledger.warnings:
        QMessageBox.warning(parent, QCoreApplication.translate("safety", "提醒"), w)
    return ledger


def ask_passphrase(parent: QWidget | None, err: cipher.PassphraseError) -> bool:
    """The ledger is encrypted: ask for its passphrase (again, after a wrong one, with the
    one-line reason). False when the user cancels."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("safety", "账本已加密"),
        str(err) + "\n" + QCoreApplication.translate("safety", "请输入账本口令："),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not text:
        return False
    cipher.offer_only(text)
    return True


def offer_restore(parent: QWidget | None, err: LedgerDamagedError) -> bool:
    """Offer the newest good backup (or a file the user picks). True when restored."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(QCoreApplication.translate("safety", "账本已损坏"))
    box.setText(
        QCoreApplication.translate(
            "safety", "账本文件已损坏：%1\n为保护数据，程序没有写入它。"
        ).replace("%1", str(err.path))
    )
    if err.backup is not None:
        info = (
            QCoreApplication.translate(
                "safety",
                "最新的完好备份：%1（%2）。\n恢复时，损坏的文件会另存到备份文件夹，不会丢弃。",
            )
            .replace("%1", f"{err.backup.created:%Y-%m-%d %H:%M}")
            .replace("%2", err.backup.summary())
        )
    else:
        info = QCoreApplication.translate(
            "safety", "没有找到完好的备份。可以选择一个备份文件，或把账本文件复制一份交给技术人员。"
        )
    box.setInformativeText(info)
    restore_btn = None
    if err.backup is not None:
        restore_btn = box.addButton(
            QCoreApplication.translate("safety", "恢复最新的完好备份（%1）").replace(
                "%1", f"{err.backup.created:%Y-%m-%d %H:%M}"
            ),
            QMessageBox.AcceptRole,
        )
    pick_btn = box.addButton(
        QCoreApplication.translate("safety", "选择备份文件…"), QMessageBox.ActionRole
    )
    box.addButton(QCoreApplication.translate("safety", "退出"), QMessageBox.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore_btn is not None and clicked is restore_btn:
        file = err.backup.path
    elif clicked is pick_btn:
        start = str(backup.backup_folder(err.path))
        file, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("safety", "选择备份文件"),
            start,
            QCoreApplication.translate("safety", "PartyDesk 账本 (*.partydesk)"),
        )
        if not file:
            return False
    else:
        return False
    try:
        backup.restore(err.path, file)
    except PartyDeskError as e:
        show_error(parent, e)
        return False
    QMessageBox.information(
        parent,
        QCoreApplication.translate("safety", "已恢复"),
        QCoreApplication.translate(
            "safety", "已从备份恢复账本：%1\n损坏的文件已另存到备份文件夹。"
        ).replace("%1", str(file)),
    )
    return True
