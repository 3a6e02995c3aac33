"""Dialog buttons and confirmations with Chinese text, the same in every dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox


def dialog_buttons(ok_text: str | None = None) -> QDialogButtonBox:
    """OK (or `ok_text`) / cancel buttons in Chinese, whatever Qt translation is loaded."""
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    ok = ok_text or QCoreApplication.translate("Dialogs", "确定")
    box.button(QDialogButtonBox.Ok).setText(ok)
    box.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("Dialogs", "取消"))
    return box


def confirm(parent, title: str, text: str, yes: str, *, destructive: bool = False) -> bool:
    """Ask before something that changes the ledger; `yes` names the action on its button.
    A destructive action (a deletion) is not the default button: Enter does not delete."""
    box = QMessageBox(QMessageBox.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.DestructiveRole if destructive else QMessageBox.AcceptRole)
    box.addButton(QCoreApplication.translate("Dialogs", "取消"), QMessageBox.RejectRole)
    if not destructive:
        box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok
