"""The 帮助 menu of the main window: 使用说明 (F1) and 关于. Its words are in the main window's
translation context (written out, as lupdate cannot see the class behind `window.tr`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    # the dialogs are imported when opened (partydesk.about reads the package metadata:
    # a twentieth of a second of the window's start)
    from ui.help.about_dialog import AboutDialog
    from ui.help.manual_window import ManualWindow


def install(window: QMainWindow) -> QMenu:
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "帮助(&H)"))
    menu.setObjectName("helpMenu")
    manual = QAction(QCoreApplication.translate("MainWindow", "使用说明(&M)"), window)
    manual.setObjectName("manualAction")
    manual.setShortcut(QKeySequence.HelpContents)  # F1
    manual.triggered.connect(lambda: open_manual(window))
    about_act = QAction(QCoreApplication.translate("MainWindow", "关于(&A)…"), window)
    about_act.setObjectName("aboutAction")
    about_act.triggered.connect(lambda: open_about(window).exec())
    menu.addAction(manual)
    menu.addSeparator()
    menu.addAction(about_act)
    window.help_menu = menu
    return menu


def open_manual(window) -> ManualWindow:
    """One manual window, brought to the front when asked again."""
    w = getattr(window, "manual_window", None)
    if w is None:
        from ui.help.manual_window import ManualWindow

        w = window.manual_window = ManualWindow(window)
    w.show()
    w.raise_()
    w.activateWindow()
    return w


def open_about(window) -> AboutDialog:
    from ui.help.about_dialog import AboutDialog

    return AboutDialog(getattr(window.ctx, "ledger", None), window)
