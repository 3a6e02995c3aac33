"""The main window: navigation pane on the left, one page at a time on the right.

Extension points for other features:
- `window.file_menu` / `window.add_file_action(action)` (inserted above 退出, in the
  "import/export/backup" section), `window.tools_menu`, `window.edit_menu`, `window.toolbar`.
- `window.current_table_state()` → `ui.table.TableState | None`: the entity, the visible
  columns in order, search text, filters and sort of the page shown (for "export the
  table as shown"; `state.query()` gives the `listing.ListQuery`).
- `window.set_ledger(ledger)` switches ledgers (pages are rebuilt with a new context);
  `ledger_changed` fires after. A page is built when first shown or asked for
  (`window.page(name)`, `window.pages()[name]`); `ctx.pages` holds the pages built so far.


Long because menus, navigation, lazily built pages and ledger switching all act on the one
window."""

from __future__ import annotations

import importlib
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ui.context import AppContext
from ui.widgets.screen import fitting_size

if TYPE_CHECKING:
    from partydesk.ledger import Ledger
from ui.pages import PAGES

MAX_RECENT = 8
# After the first screen's swap, the new ledger is announced this long after the page's
# paint was let through (the paint, ~15-20 ms, comes first; the window gets a turn between).
ANNOUNCE_AFTER_MS = 30
PAGE_NAMES = [m for m, _ in PAGES]


def start_page() -> str:
    """The module of the page the window shows first: the last one shown, else the first."""
    last = QSettings().value("main/page")
    return last if last in PAGE_NAMES else PAGE_NAMES[0]


def _is_server(path) -> bool:
    return isinstance(path, str) and path.startswith(("postgresql://", "postgres://"))


def ledger_filter() -> str:
    """The file dialogs' filter for ledgers."""
    return QCoreApplication.translate(
        "MainWindow", "PartyDesk 账本 (*.partydesk *.db *.sqlite);;所有文件 (*)"
    )


def remember_ledger(path: Path | str) -> None:
    """Put `path` (a file, or a server ledger's address without password) first in the
    recent list and remember it as the last ledger opened."""
    s = QSettings()
    p = path if _is_server(path) else str(Path(path).resolve())
    recent = [x for x in (s.value("ledgers/recent") or []) if x != p]
    if isinstance(recent, str):
        recent = [recent]
    s.setValue("ledgers/recent", [p, *recent][:MAX_RECENT])
    s.setValue("ledgers/last", p)


def recent_ledgers() -> list[str]:
    v = QSettings().value("ledgers/recent") or []
    return [v] if isinstance(v, str) else list(v)


def _detail_panel(page):
    """The page's detail panel, not built for this (a table page builds its form after
    its first rows are painted)."""
    panel = getattr(page, "detail_panel", None)
    return panel() if callable(panel) else getattr(page, "detail", None)


class _Pages(MutableMapping):
    """`ctx.pages`: the window's pages by module name, in navigation order. Reading one
    (`pages[name]`) builds it the first time; `get(name)` and `built` give only the
    pages built so far (a page not built yet has nothing to refresh)."""

    def __init__(self, win: MainWindow):
        self._win = win
        self.built: dict = {}

    def __getitem__(self, name: str):
        if name in self.built:
            return self.built[name]
        if name not in self._win._page_names:
            raise KeyError(name)
        return self._win._build_page(name)

    def get(self, name: str, default=None):
        return self.built.get(name, default)

    def __setitem__(self, name: str, page) -> None:
        self.built[name] = page

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self):
        return iter(list(self._win._page_names or self.built))

    def __len__(self) -> int:
        return len(self._win._page_names or self.built)

    def clear(self) -> None:
        self.built.clear()


class MainWindow(QMainWindow):
    ledger_changed = Signal()

    def __init__(self, ledger: Ledger | None, features_later: bool = False):
        """`ledger` None: an empty window that says the ledger is being opened (start-up
        shows the window first); `set_ledger` fills it. `features_later`: the features'
        menu entries (Excel, 检查, 合并, 帮助, 欢迎) are added by `install_features()`, which
        start-up calls once the first rows are painted (their imports are a tenth of
        a second the first screen need not wait for)."""
        super().__init__()
        self.setObjectName("MainWindow")
        self.undo_stack = QUndoStack(self)
        self._page_names: list[str] = []
        self._first_screen = None  # ui.firstscreen's stand-in page, until the ledger is open
        self._announce = None  # the ledger `set_ledger` swapped in, until announced
        self.ctx = AppContext(ledger=ledger, window=self, undo_stack=self.undo_stack)
        self.ctx.pages = _Pages(self)
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts)
        self._build_actions()
        self._features_installed = False
        if not features_later:
            self.install_features()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(132)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet(
            "QListWidget#nav { font-size: 11pt; padding-top: 4px; }"
            "QListWidget#nav::item { padding: 7px 8px; }"
        )
        self.stack = QStackedWidget()
        split = QSplitter()
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setCollapsible(1, False)
        split.setSizes([132, 1100])
        self.split = split
        self.setCentralWidget(split)
        self.nav.currentRowChanged.connect(self._show_page)
        self.resize(fitting_size(self, 1280, 800))
        self._restore_state()
        if ledger is None:
            self.show_no_ledger(self.tr("正在打开账本…"))
        else:
            self._load_pages()
            self._update_title()
            remember_ledger(ledger.location)

    def install_features(self) -> None:
        """The features' menu entries and hooks (once)."""
        if self._features_installed:
            return
        self._features_installed = True
        from ui.check import dialog as check_dialog
        from ui.excel import menu as excel_menu
        from ui.help import menu as help_menu
        from ui.merge import dialog as merge_dialog
        from ui.welcome import page as welcome

        excel_menu.install(self)
        check_dialog.install(self)
        merge_dialog.install(self)
        help_menu.install(self)
        welcome.install(self)

    def show_first_screen(self, page) -> None:
        """Before the ledger is open: the start page's first screen (ui.firstscreen) in the
        page's place and the pages listed, as they will be; `set_ledger` replaces it."""
        self._unload_pages()
        self.nav.blockSignals(True)
        start = start_page()
        for module_name, title in PAGES:
            self.stack.addWidget(page if module_name == start else QWidget())
            QListWidgetItem(self.tr(title), self.nav)
        self.nav.setCurrentRow(PAGE_NAMES.index(start))
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(page)
        self._first_screen = page

    def show_no_ledger(self, text: str) -> None:
        """No ledger (yet): a message in place of the pages; File menu still works."""
        label = QLabel(text, self)
        label.setObjectName("noLedger")
        label.setAlignment(Qt.AlignCenter)
        label.setWordWrap(True)
        self._unload_pages()
        self.stack.addWidget(label)
        self.setWindowTitle(self._app_title())
        for act in (self.add_act, self.delete_act, self.save_copy_act, self.print_act):
            act.setEnabled(False)

    # ---------------------------------------------------------------- actions

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.new_act = self._action(self.tr("新建账本(&N)…"), self.new_ledger, QKeySequence.New)
        self.open_act = self._action(
            self.tr("打开账本(&O)…"), self.open_ledger_dialog, QKeySequence.Open
        )
        self.server_act = self._action(
            self.tr("连接服务器账本(&S)…"),
            self.connect_server_dialog,
            tip=self.tr("打开 PostgreSQL 数据库服务器上多人共用的账本"),
        )
        self.recent_menu = QMenu(self.tr("最近打开(&R)"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_copy_act = self._action(
            self.tr("另存副本(&A)…"),
            self.save_copy,
            QKeySequence("Ctrl+Shift+S"),
            self.tr("把当前账本复制为另一个文件（原账本继续使用）"),
        )
        self.file_menu.addAction(self.new_act)
        self.file_menu.addAction(self.open_act)
        self.file_menu.addAction(self.server_act)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_copy_act)
        self.print_act = self._action(
            self.tr("打印(&P)…"),
            self.print_current,
            QKeySequence.Print,
            self.tr("预览并打印本页的文档（表格页打印当前表格名单）"),
        )
        self.file_menu.addAction(self.print_act)
        self._file_ext_anchor = self.file_menu.addSeparator()  # features insert above this
        quit_act = self._action(self.tr("退出(&X)"), self.close, QKeySequence.Quit)
        self.file_menu.addAction(quit_act)

        self.edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.undo_act = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_act.setShortcut(QKeySequence.Undo)
        self.redo_act = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_act.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.Redo])
        self.add_act = self._action(
            self.tr("新增记录"), self._page_call("add_record"), QKeySequence("Ctrl+Insert")
        )
        self.delete_act = self._action(
            self.tr("删除记录"), self._page_call("delete_selected"), QKeySequence("Ctrl+Delete")
        )
        self.find_act = self._action(self.tr("查找"), self._focus_search, QKeySequence.Find)
        for a in (self.undo_act, self.redo_act):
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        for a in (self.add_act, self.delete_act, self.find_act):
            self.edit_menu.addAction(a)

        self.view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.detail_act = QAction(self.tr("详情面板"), self)
        self.detail_act.setCheckable(True)
        self.detail_act.setChecked(True)
        self.detail_act.toggled.connect(self._toggle_detail)
        self.refresh_act = self._action(self.tr("刷新"), self.refresh_pages, QKeySequence.Refresh)
        self.view_menu.addAction(self.detail_act)
        self.view_menu.addAction(self.refresh_act)
        self.tools_menu = bar.addMenu(self.tr("工具(&T)"))

        self.toolbar = self.addToolBar(self.tr("工具栏"))
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for a in (self.add_act, self.delete_act):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_act)
        self.toolbar.addAction(self.redo_act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.detail_act)
        self.toolbar.addAction(self.refresh_act)

    def add_file_action(self, action: QAction) -> None:
        """Add a feature's entry to the File menu (above 退出)."""
        self.file_menu.insertAction(self._file_ext_anchor, action)

    def _page_call(self, name: str):
        def call():
            page = self.current_page()
            fn = getattr(page, name, None)
            if fn is not None:
                fn()

        return call

    def print_current(self):
        """Ctrl+P: the current page's document in the preview window."""
        fn = getattr(self.current_page(), "print_current", None)
        if fn is None:
            self.ctx.status(self.tr("本页没有可打印的文档。"))
            return None
        return fn()

    def _focus_search(self) -> None:
        bar = getattr(self.current_page(), "filterbar", None)
        if bar is not None:
            bar.search.setFocus()
            bar.search.selectAll()

    def _toggle_detail(self, on: bool) -> None:
        for page in self.ctx.pages.built.values():
            detail = _detail_panel(page)
            if detail is not None:
                detail.setVisible(on)

    # ---------------------------------------------------------------- pages

    def _load_pages(self) -> None:
        """List every page in the navigation pane; a page is built the first time it is
        shown or asked for (building all nine took 1.7 s at 300,000 people, at every
        start and ledger switch)."""
        self._page_names = []
        titles = [self.tr(title) for _, title in PAGES]
        # The pane kept when it lists them already (the first screen's, another ledger's):
        # made anew, it was laid out and painted again in the turn that builds the page.
        listed = [self.nav.item(i).text() for i in range(self.nav.count())] == titles
        if not listed:
            self.nav.blockSignals(True)
            self.nav.clear()
            self.nav.blockSignals(False)
        for (module_name, _), title in zip(PAGES, titles, strict=True):
            self._page_names.append(module_name)
            self.stack.addWidget(QWidget())  # a placeholder until the page is built
            if not listed:
                QListWidgetItem(title, self.nav)
        row = PAGE_NAMES.index(start_page())
        if self.nav.currentRow() == row:
            self._show_page(row)  # (no currentRowChanged to build it)
        else:
            self.nav.setCurrentRow(row)
        from ui.watch import LedgerWatch

        self.watch = LedgerWatch(self.ctx, self)  # other clerks' changes, every few seconds

    def _build_page(self, module_name: str):
        page = self.ctx.pages.built.get(module_name)
        if page is not None or module_name not in self._page_names:
            return page
        page = importlib.import_module(module_name).create_page(self.ctx)
        if page is None:
            page = QLabel(self.tr("此功能暂不可用。"))
            page.setAlignment(Qt.AlignCenter)
        self.ctx.pages[module_name] = page
        i = self._page_names.index(module_name)
        current = self.stack.currentIndex() == i
        old = self.stack.widget(i)
        self.stack.insertWidget(i, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        if current:
            self.stack.setCurrentIndex(i)
        sig = getattr(page, "summary_changed", None)
        if sig is not None:
            sig.connect(self._page_summary)
        detail = _detail_panel(page)
        if detail is not None:
            detail.setVisible(self.detail_act.isChecked())
        return page

    def _unload_pages(self, keep_nav: bool = False) -> None:
        """The pages gone; the navigation pane's entries too unless `keep_nav` (the
        next ledger lists the same pages: `_load_pages` keeps them)."""
        self._first_screen = None
        watch = getattr(self, "watch", None)
        if watch is not None:
            watch.stop()
            self.watch = None
        for page in self.ctx.pages.built.values():
            if hasattr(page, "save_state"):
                page.save_state()
        if not keep_nav:
            self.nav.blockSignals(True)
            self.nav.clear()
            self.nav.blockSignals(False)
        while self.stack.count():
            w = self.stack.widget(0)
            self.stack.removeWidget(w)
            w.deleteLater()
        self.ctx.pages.clear()
        self._page_names = []

    def pages(self) -> _Pages:
        """Every page by module name, in navigation order (a page is built when read)."""
        return self.ctx.pages

    def page(self, module_name: str):
        return self._build_page(module_name)

    def current_page(self):
        return self.stack.currentWidget()

    def current_table_state(self):
        """The table of the page shown, as the user sees it (ui.table.TableState), or None."""
        fn = getattr(self.current_page(), "table_state", None)
        return fn() if fn is not None else None

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        if row < len(self._page_names):
            self._build_page(self._page_names[row])
        self.stack.setCurrentIndex(row)
        page = self.current_page()
        summary = getattr(page, "summary", "")  # a page's count line (共 N 条 …), if it has one
        self.counts.setText(summary if isinstance(summary, str) else "")
        readonly = self.ctx.ledger is None or self.ctx.ledger.readonly
        for act, name in ((self.add_act, "add_record"), (self.delete_act, "delete_selected")):
            act.setEnabled(hasattr(page, name) and not readonly)

    def _page_summary(self, text: str) -> None:
        if self.sender() is self.current_page():
            self.counts.setText(text)

    def refresh_pages(self) -> None:
        for page in self.ctx.pages.built.values():
            fn = getattr(page, "refresh", None)
            if fn is not None:
                fn()

    # ---------------------------------------------------------------- ledgers

    def set_ledger(self, ledger: Ledger) -> None:
        """Show another ledger: the undo history ends, every page is built anew."""
        old = self.ctx.ledger
        self.save_copy_act.setEnabled(True)
        self.print_act.setEnabled(True)
        first, self._first_screen = self._first_screen, None
        place = first.place() if first is not None else None
        if place == (0, 0):
            place = None  # not scrolled: nothing to keep
        if first is not None:
            # The real page is built in this turn of the event loop and painted in the
            # next (the first screen's picture stays until then): both in one turn held
            # the window 60-80 ms.
            self.stack.setUpdatesEnabled(False)
            QTimer.singleShot(1, self._paint_pages)  # a timer: the window gets a turn
        self._unload_pages(keep_nav=True)
        self.undo_stack.clear()
        self.ctx = AppContext(ledger=ledger, window=self, undo_stack=self.undo_stack)
        self.ctx.pages = _Pages(self)
        self._load_pages()
        if place is not None:
            self._keep_place(place)
        self._update_title()
        if old is not None and old is not ledger:
            old.close()
        if first is not None:
            # The recent list and the features' `ledger_changed` (7-8 ms: the welcome
            # page asks whether the ledger is empty) once the page is painted.
            self._announce = ledger
        else:
            self._announce_ledger(ledger)

    def _paint_pages(self) -> None:
        self.stack.setUpdatesEnabled(True)
        QTimer.singleShot(ANNOUNCE_AFTER_MS, self._announce_ledger)

    def _announce_ledger(self, ledger: Ledger | None = None) -> None:
        """`ledger_changed`, the ledger remembered as the last and first of the recent."""
        if ledger is None:  # (after the first screen's swap)
            ledger, self._announce = self._announce, None
            if ledger is None or ledger is not self.ctx.ledger:
                return  # (another ledger was set meanwhile: announced already)
        remember_ledger(ledger.location)
        self.ledger_changed.emit()

    @property
    def covered(self) -> bool:
        """The real page is built but not painted yet (a moment after the first screen)."""
        return not self.stack.updatesEnabled()

    def _keep_place(self, place: tuple[int, int]) -> None:
        """The real page scrolled where the clerk scrolled its first screen."""
        row, x = place
        view = getattr(self.current_page(), "view", None)
        model = view.model() if view is not None else None
        if model is None:
            return
        if 0 < row < model.rowCount():
            view.scrollTo(model.index(row, 0), view.ScrollHint.PositionAtTop)
        view.horizontalScrollBar().setValue(x)

    def open_path(self, path: str | Path, create: bool = False) -> bool:
        from ui.ledger_open import open_ledger_ui

        ledger = open_ledger_ui(path, create=create, parent=self)
        if ledger is None:
            return False
        self.set_ledger(ledger)
        self.ctx.status(self.tr("已打开账本：") + ledger.location)
        return True

    def connect_server_dialog(self) -> None:
        """文件 → 连接服务器账本…"""
        from ui.ledger_open import after_open
        from ui.ledger_server import ask_server_ledger

        ledger = ask_server_ledger(self)
        if ledger is None:
            return
        ledger = after_open(ledger, self)
        if ledger is not None:
            self.set_ledger(ledger)
            self.ctx.status(self.tr("已打开账本：") + ledger.location)

    def new_ledger(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # (not at start: 2.5 ms)

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("新建账本"),
            str(self._dialog_dir() / self.tr("新账本.partydesk")),
            ledger_filter(),
        )
        if not path:
            return
        if Path(path).exists():
            QMessageBox.warning(
                self, self.tr("新建账本"), self.tr("文件已存在，请换一个名字：") + path
            )
            return
        self.open_path(path, create=True)

    def open_ledger_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开账本"), str(self._dialog_dir()), ledger_filter()
        )
        if path:
            self.open_path(path)

    def _dialog_dir(self) -> Path:
        if self.ctx.ledger is None or self.ctx.ledger.is_server:
            return Path.home()
        return self.ctx.ledger.path.parent

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = recent_ledgers()
        for p in paths:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, p=p: self.open_path(p))
            act.setEnabled(_is_server(p) or Path(p).exists())
        if not paths:
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def save_copy(self) -> None:
        src = self.ctx.ledger.path
        default = src.with_name(src.stem + self.tr("-副本") + src.suffix)
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存副本"), str(default), ledger_filter()
        )
        if path:
            self.save_copy_to(Path(path))

    def save_copy_to(self, dest: Path) -> None:
        """Copy the open ledger to the file `dest` (a server ledger: its snapshot), off the
        UI thread (partydesk.backup.save_copy)."""
        if self.ctx.ledger is None:
            return
        from partydesk.backup import save_copy
        from ui.tasks import run_task

        if dest.resolve() == self.ctx.ledger.path.resolve():
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self, self.tr("另存副本"), self.tr("副本不能与当前账本是同一个文件。")
            )
            return
        ledger = self.ctx.ledger
        run_task(
            self,
            self.tr("正在保存副本…"),
            lambda task: save_copy(ledger, dest),
            on_done=lambda p: self.ctx.status(self.tr("副本已保存：") + str(p), 10000),
        )

    def _app_title(self) -> str:
        """The program's name and version, as the 关于 box shows it."""
        from partydesk import __version__

        return self.tr("PartyDesk 党建台账 %1").replace("%1", __version__)

    def _update_title(self) -> None:
        ro = self.tr("（只读）") if self.ctx.ledger.readonly else ""
        lg = self.ctx.ledger
        name = lg.server.describe() if lg.is_server else lg.path.name
        self.setWindowTitle(self._app_title() + " — " + name + ro)
        self.statusBar().showMessage(lg.location, 5000)

    # ---------------------------------------------------------------- state

    def _restore_state(self) -> None:
        s = QSettings()
        geo = s.value("main/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        state = s.value("main/state")
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        names = self._page_names
        row = self.nav.currentRow()
        if 0 <= row < len(names):
            s.setValue("main/page", names[row])
        for page in self.ctx.pages.built.values():
            if hasattr(page, "save_state"):
                page.save_state()

    def closeEvent(self, event) -> None:
        self.save_settings()
        if getattr(self, "watch", None) is not None:
            self.watch.stop()
        super().closeEvent(event)
