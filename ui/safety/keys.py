"""The ledger's key in the window: 文件 → 导入账本密钥… / 导出账本密钥…, and a notice above
the pages when this PC lacks the key of the ledger shown (another clerk's PC on a server
ledger, a ledger file brought from another PC) — its edits would otherwise break the
audit log's chain without anyone noticing until the next check."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
)

from partydesk import keys
from partydesk.errors import PartyDeskError
from ui.widgets.colors import bar_style


def install(window: QMainWindow) -> None:
    """Add the two File menu entries and keep the notice in step with the ledger shown.
    Safe to call more than once."""
    if getattr(window, "key_import_action", None) is None:
        imp = QAction(QCoreApplication.translate("MainWindow", "导入账本密钥(&K)…"), window)
        imp.setObjectName("keyImportAction")
        imp.triggered.connect(lambda: import_key(window))
        exp = QAction(QCoreApplication.translate("MainWindow", "导出账本密钥…"), window)
        exp.setObjectName("keyExportAction")
        exp.triggered.connect(lambda: export_key(window))
        adder = getattr(window, "add_file_action", None)
        if adder is not None:
            adder(imp)
            adder(exp)
        window.key_import_action = imp
        window.key_export_action = exp
        window.key_banner = None
        sig = getattr(window, "ledger_changed", None)
        if sig is not None:
            sig.connect(lambda: sync(window))
    sync(window)


def _missing(ledger) -> bool:
    try:
        with ledger.Session() as s:
            return keys.key_missing(s)
    except Exception:  # noqa: BLE001 — a ledger that cannot say is not warned about here
        return False


def sync(window: QMainWindow) -> None:
    ledger = window.ctx.ledger
    window.key_import_action.setEnabled(ledger is not None and not ledger.readonly)
    window.key_export_action.setEnabled(ledger is not None)
    if window.key_banner is not None:
        window.removeToolBar(window.key_banner)
        window.key_banner.deleteLater()
        window.key_banner = None
    if ledger is None or ledger.readonly or not _missing(ledger):
        return
    bar = QToolBar(QCoreApplication.translate("MainWindow", "密钥提示"), window)
    bar.setObjectName("keyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(
        QCoreApplication.translate(
            "MainWindow",
            "本机没有这本账本的密钥文件：在本机所做的修改无法加入操作日志的防篡改链"
            "（核验操作日志时会显示为中断），也不能颁发或核对证书校验码。"
            "请导入办公室保存的密钥文件。",
        )
    )
    label.setObjectName("keyBannerText")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    label.setStyleSheet(bar_style("warn", "QLabel", "6px"))
    bar.addWidget(label)
    button = QPushButton(QCoreApplication.translate("MainWindow", "导入密钥…"))
    button.setObjectName("keyBannerImport")
    button.clicked.connect(lambda: import_key(window))
    bar.addWidget(button)
    window.addToolBarBreak(Qt.TopToolBarArea)
    window.addToolBar(Qt.TopToolBarArea, bar)
    window.key_banner = bar


def import_key(window: QMainWindow, path: str | None = None) -> bool:
    """Ask for the key file (unless given) and put it on this PC. True when imported."""
    ledger = window.ctx.ledger
    if ledger is None:
        return False
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("MainWindow", "导入账本密钥"),
            "",
            QCoreApplication.translate("MainWindow", "密钥文件 (*.key);;所有文件 (*)"),
        )
        if not path:
            return False
    try:
        ledger.check_writable()
        with ledger.session() as s:
            keys.import_key(s, path)
    except PartyDeskError as e:
        QMessageBox.warning(
            window, QCoreApplication.translate("MainWindow", "导入账本密钥"), str(e)
        )
        return False
    sync(window)
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "MainWindow", "已导入账本密钥：本机现在可以核验这本账本的操作日志和证书校验码。"
        ),
        8000,
    )
    return True


def export_key(window: QMainWindow, path: str | None = None) -> bool:
    ledger = window.ctx.ledger
    if ledger is None:
        return False
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("MainWindow", "导出账本密钥"),
            QCoreApplication.translate("MainWindow", "账本密钥.key"),
            QCoreApplication.translate("MainWindow", "密钥文件 (*.key)"),
        )
        if not path:
            return False
    try:
        with ledger.session() as s:
            dest = keys.export_key(s, path)
    except PartyDeskError as e:
        QMessageBox.warning(
            window, QCoreApplication.translate("MainWindow", "导出账本密钥"), str(e)
        )
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "MainWindow", "已导出账本密钥：%1。请把它存放在安全的地方，不要随账本一起传出。"
        ).replace("%1", str(dest)),
        12000,
    )
    return True
