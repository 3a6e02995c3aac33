"""The optional start password: asking for it when a ledger opens, and setting or removing it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partydesk import applock
from partydesk.errors import PartyDeskError
from partydesk.ledger import Ledger
from ui.widgets.colors import word_style


class PasswordDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("PartyDesk 启动密码"))
        self.edit = QLineEdit()
        self.edit.setObjectName("password")
        self.edit.setEchoMode(QLineEdit.Password)
        self.message = QLabel(self.tr("请输入启动密码："))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addWidget(self.edit)
        lay.addWidget(buttons)


def unlock(
    ledger: Ledger, parent: QWidget | None = None, attempts: int = 3, dialog_factory=PasswordDialog
) -> bool:
    """Ask for the start password when one is set; True when it may open."""
    if not applock.is_set(ledger):
        return True
    dlg = dialog_factory(parent)
    for i in range(attempts):
        dlg.edit.clear()
        if dlg.exec() != QDialog.Accepted:
            return False
        try:
            if applock.check(ledger, dlg.edit.text()):
                return True
        except applock.LockedOut as e:
            dlg.message.setText(str(e))
            continue
        left = attempts - i - 1
        dlg.message.setText(
            QCoreApplication.translate("PasswordDialog", "密码不对，还可以试 %1 次：").replace(
                "%1", str(left)
            )
        )
    return False


class PasswordSetupDialog(QDialog):
    """设置启动密码: set, change or clear the start password of this ledger."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.setObjectName("passwordSetupDialog")
        self.ledger = ledger
        self.setWindowTitle(self.tr("启动密码"))
        self.has_password = applock.is_set(ledger)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for e, name in (
            (self.old, "oldPassword"),
            (self.new, "newPassword"),
            (self.again, "againPassword"),
        ):
            e.setEchoMode(QLineEdit.Password)
            e.setObjectName(name)
        self.error = QLabel()
        self.error.setObjectName("passwordError")
        self.error.setStyleSheet(word_style("error"))
        form = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "设置后，每次打开程序都要先输入密码。账本中只保存密码的加盐散列值，无法反查出密码，请牢记。"
            )
        )
        intro.setWordWrap(True)
        form.addWidget(intro)
        if self.has_password:
            form.addWidget(QLabel(self.tr("原密码：")))
            form.addWidget(self.old)
        form.addWidget(
            QLabel(self.tr("新密码（至少 %1 个字符）：").replace("%1", str(applock.MIN_LENGTH)))
        )
        form.addWidget(self.new)
        form.addWidget(QLabel(self.tr("再输入一次：")))
        form.addWidget(self.again)
        form.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.clear_btn = None
        if self.has_password:
            self.clear_btn = buttons.addButton(
                self.tr("取消启动密码"), QDialogButtonBox.DestructiveRole
            )
            self.clear_btn.clicked.connect(self.clear_password)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addWidget(buttons)

    def save(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        try:
            applock.set_password(
                self.ledger, self.new.text(), self.old.text() if self.has_password else None
            )
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()

    def clear_password(self) -> None:
        try:
            applock.clear_password(self.ledger, self.old.text())
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()


# ---- the window ------------------------------------------------------------------------------
