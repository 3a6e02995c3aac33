"""文件 → 连接服务器账本…: the dialog that opens a ledger on a PostgreSQL server.

Host, port, database, user and a password field; a refused connection, a wrong password
or a missing database is said in the dialog in Chinese, and the dialog stays open to be
corrected. The password is kept in memory for this run only (partydesk.ledger.server);
the recent list remembers the address without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.colors import word_style

if TYPE_CHECKING:
    from partydesk.ledger import Ledger
    from partydesk.ledger.server import ServerAddress


class ServerLedgerDialog(QDialog):
    """Asks where the server ledger is and opens it; `ledger` is set on success."""

    def __init__(self, parent: QWidget | None = None, address: ServerAddress | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接服务器账本"))
        self.ledger: Ledger | None = None
        self.host = QLineEdit(address.host if address else "")
        self.host.setPlaceholderText(self.tr("服务器地址，例如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(address.port if address else 5432)
        self.database = QLineEdit(address.database if address else "")
        self.database.setPlaceholderText(self.tr("数据库名，例如 partydesk"))
        self.user = QLineEdit(address.user if address else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("留空则使用 PGPASSWORD 或 ~/.pgpass"))
        form = QFormLayout()
        form.addRow(self.tr("服务器："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("数据库："), self.database)
        form.addRow(self.tr("用户名："), self.user)
        form.addRow(self.tr("口令："), self.password)
        self.error = QLabel()
        self.error.setObjectName("serverError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(word_style("error"))
        self.error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("连接"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.connect_to_server)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(self.tr("打开保存在 PostgreSQL 数据库服务器上的账本（多人共用的县级账本）。"))
        )
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)
        (self.password if address else self.host).setFocus()

    def address(self) -> ServerAddress | None:
        from partydesk.ledger.server import ServerAddress

        host, db, user = (w.text().strip() for w in (self.host, self.database, self.user))
        if not host or not db or not user:
            self.show_error(self.tr("请填写服务器地址、数据库名和用户名。"))
            return None
        return ServerAddress(host, self.port.value(), db, user)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def connect_to_server(self) -> None:
        """Open the ledger; on failure say why and stay open."""
        from PySide6.QtGui import QGuiApplication

        from partydesk.errors import PartyDeskError
        from partydesk.ledger import opening, server

        addr = self.address()
        if addr is None:
            return
        if self.password.text():
            server.offer(addr, self.password.text())
        else:
            server.forget(addr)
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.ledger = opening.open_server_ledger(addr)
        except PartyDeskError as e:
            self.show_error(str(e))
            if isinstance(e, server.PasswordNeeded):
                self.password.selectAll()
                self.password.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


def ask_server_ledger(
    parent: QWidget | None = None, address: ServerAddress | None = None
) -> Ledger | None:
    """Show the dialog; the opened ledger (not yet through the window's hooks) or None."""
    dlg = ServerLedgerDialog(parent, address)
    if dlg.exec() != QDialog.Accepted:
        return None
    return dlg.ledger
