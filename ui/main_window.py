"""The main window: navigation pane on the left, one page at a time on the right."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from partydesk.ledger import Ledger
from ui.context import AppContext
from ui.pages import PAGES


class MainWindow(QMainWindow):
    def __init__(self, ledger: Ledger):
        super().__init__()
        self.setObjectName("MainWindow")
        self.undo_stack = QUndoStack(self)
        self.ctx = AppContext(ledger=ledger, window=self, undo_stack=self.undo_stack)
        self._build_actions()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(180)
        self.stack = QStackedWidget()
        split = QSplitter()
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        self.setCentralWidget(split)
        self._load_pages()
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        if self.nav.count():
            self.nav.setCurrentRow(0)
        self._update_title()
        self.resize(1280, 800)
        self._restore_state()

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_act = QAction(self.tr("退出(&X)"), self)
        quit_act.setShortcut(QKeySequence.Quit)
        quit_act.triggered.connect(self.close)
        file_menu.addAction(quit_act)
        self.file_menu = file_menu
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        undo = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.Redo])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.edit_menu = edit_menu
        self.toolbar = self.addToolBar(self.tr("工具栏"))
        self.toolbar.setObjectName("toolbar")
        self.toolbar.addAction(undo)
        self.toolbar.addAction(redo)

    def _load_pages(self) -> None:
        for module_name, title in PAGES:
            mod = importlib.import_module(module_name)
            page = mod.create_page(self.ctx)
            if page is None:
                continue
            self.ctx.pages[module_name] = page
            self.stack.addWidget(page)
            QListWidgetItem(self.tr(title), self.nav)
        if not self.ctx.pages:
            label = QLabel(self.tr("账本已打开：") + str(self.ctx.ledger.path))
            label.setAlignment(Qt.AlignCenter)
            self.stack.addWidget(label)
            QListWidgetItem(self.tr("账本"), self.nav)

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("PartyDesk 党建台账 — ") + self.ctx.ledger.path.name)
        self.statusBar().showMessage(str(self.ctx.ledger.path))

    def _restore_state(self) -> None:
        s = QSettings()
        geo = s.value("main/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        state = s.value("main/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        super().closeEvent(event)
