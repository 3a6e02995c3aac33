"""The File menu's 备份与恢复… and 启动密码… entries, and for a read-only ledger "只读" in the
window title and a banner above the pages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolBar,
)

from ui.safety import keys as key_ui
from ui.safety.backup_dialog import BackupDialog
from ui.safety.password import PasswordSetupDialog
from ui.widgets.colors import bar_style


def readonly_mark() -> str:
    """What the title ends with on a read-only ledger (the main window writes the same)."""
    return QCoreApplication.translate("MainWindow", "（只读）")


def install(window: QMainWindow) -> None:
    """Add 备份与恢复… and 启动密码… to the File menu (above 退出) and keep them, the title
    and the read-only banner in step with the ledger shown. Safe to call more than once."""
    if getattr(window, "backup_action", None) is None:
        act = QAction(QCoreApplication.translate("MainWindow", "备份与恢复(&B)…"), window)
        act.setObjectName("backupAction")
        act.setShortcut(QKeySequence("Ctrl+Shift+B"))
        act.triggered.connect(lambda: BackupDialog(window).exec())
        pw = QAction(QCoreApplication.translate("MainWindow", "启动密码(&P)…"), window)
        pw.setObjectName("passwordAction")
        pw.triggered.connect(lambda: PasswordSetupDialog(window.ctx.ledger, window).exec())
        adder = getattr(window, "add_file_action", None)
        menu = getattr(window, "file_menu", None)
        if adder is not None:
            adder(act)
            adder(pw)
        elif menu is not None:
            acts = menu.actions()
            before = acts[-1] if acts else None  # 退出
            menu.insertAction(before, act)
            menu.insertAction(before, pw)
        window.backup_action = act
        window.password_action = pw
        window.readonly_banner = None
        sig = getattr(window, "ledger_changed", None)
        if sig is not None:
            sig.connect(lambda: _sync(window))
    _sync(window)
    key_ui.install(window)  # 导入/导出账本密钥… and the no-key notice


def _sync(window: QMainWindow) -> None:
    ledger = window.ctx.ledger
    window.backup_action.setEnabled(ledger is not None)
    window.password_action.setEnabled(ledger is not None and not ledger.readonly)
    if window.readonly_banner is not None:
        window.removeToolBar(window.readonly_banner)
        window.readonly_banner.deleteLater()
        window.readonly_banner = None
    if ledger is not None and ledger.readonly:
        mark_readonly(window, ledger.readonly_reason)


def mark_readonly(window: QMainWindow, reason: str) -> None:
    title = window.windowTitle()
    if readonly_mark() not in title:
        window.setWindowTitle(title + readonly_mark())
    bar = QToolBar(QCoreApplication.translate("MainWindow", "只读提示"), window)
    bar.setObjectName("readonlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(QCoreApplication.translate("MainWindow", "只读：") + reason)
    label.setObjectName("readonlyText")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    label.setStyleSheet(bar_style("warn", "QLabel", "6px"))
    bar.addWidget(label)
    window.addToolBarBreak(Qt.TopToolBarArea)
    window.addToolBar(Qt.TopToolBarArea, bar)
    window.readonly_banner = bar
