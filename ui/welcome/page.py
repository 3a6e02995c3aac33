"""The welcome page, shown in place of the pages while the ledger holds no unit, organization
or person: 从Excel导入现有台账 (the import wizard for 两新组织, 党组织 or 党员), 打开示例账本
(a demo ledger of invented data, built off the UI thread with progress, then opened), and
新建空账本 (start typing in this empty ledger). Choosing a page in the navigation pane leaves it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

# The demo the 打开示例账本 button builds: the command line's default size.
DEMO_UNITS, DEMO_MEMBERS = 300, 3000
# One file name in every language, so the demo built once is found again.
DEMO_NAME = "示例账本.partydesk"  # i18n: data


def ledger_is_empty(ledger) -> bool:
    # Imported here: the window installs this page before its ledger is open, and the
    # ORM's import belongs to the opening worker, not to the window's first paint.
    from sqlalchemy import select

    from partydesk.ledger.models import Organization, Person, Unit

    with ledger.session() as s:
        # one row each, not count(*): counting 300,000 people held the window up
        return not any(
            s.execute(select(m.id).limit(1)).first() for m in (Unit, Organization, Person)
        )


def demo_path() -> Path:
    """Beside the default ledger, in the user's data folder."""
    from partydesk.ledger.db import default_ledger_path

    return default_ledger_path().with_name(DEMO_NAME)


class WelcomePage(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.setObjectName("welcome")
        title = QLabel(self.tr("欢迎使用 PartyDesk 党建台账"))
        title.setObjectName("welcomeTitle")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        hint = QLabel(self.tr("这个账本还是空的。请选择一种方式开始："))
        hint.setStyleSheet("font-size: 12pt;")

        self.import_btn = self._button(
            self.tr("从Excel导入现有台账"),
            self.tr("把现有的两新组织、党组织、党员名册（.xlsx）导入这个账本"),
        )
        menu = QMenu(self.import_btn)
        from ui.excel.menu import ENTITIES

        for entity, label in ENTITIES[:3]:
            act = menu.addAction(QCoreApplication.translate("MainWindow", label) + "…")
            act.setObjectName(f"welcome_import_{entity}")
            act.triggered.connect(lambda _c=False, e=entity: self.import_roster(e))
        self.import_btn.setMenu(menu)
        self.import_menu = menu
        self.demo_btn = self._button(
            self.tr("打开示例账本"),
            self.tr("生成一个全部是虚构数据的演示账本，先熟悉各个页面，不影响这个账本"),
        )
        self.demo_btn.clicked.connect(self.open_demo)
        self.empty_btn = self._button(
            self.tr("新建空账本"),
            self.tr("就在这个空账本中开始，从两新组织逐条录入或从 Excel 粘贴"),
        )
        self.empty_btn.clicked.connect(self.start_empty)
        ledger = window.ctx.ledger
        if ledger.readonly:
            self.import_btn.setEnabled(False)
            self.empty_btn.setEnabled(False)
        where = QLabel(self.tr("账本位置：") + str(ledger.path))
        where.setStyleSheet("color: palette(placeholder-text);")
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        f1 = QLabel(self.tr("随时按 F1 查看使用说明。"))

        box = QWidget()
        box.setMaximumWidth(620)
        lay = QVBoxLayout(box)
        lay.setSpacing(14)
        for w in (title, hint, self.import_btn, self.demo_btn, self.empty_btn, f1, where):
            lay.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignHCenter)
        outer.addStretch(2)

    def _button(self, title: str, text: str) -> QPushButton:
        b = QPushButton(f"{title}\n{text}")
        b.setMinimumHeight(72)
        b.setStyleSheet("QPushButton { text-align: left; padding: 10px 16px; font-size: 11pt; }")
        return b

    # ------------------------------------------------------------ the three ways in

    def import_roster(self, entity: str):
        from ui.excel.menu import import_roster

        return import_roster(self.window_, entity)

    def open_demo(self, on_done=None) -> None:
        """Open the demo ledger, building it first (off the UI thread) if there is none."""
        path = demo_path()
        win = self.window_
        if path.exists():
            win.open_path(path)
            if on_done:
                on_done(path)
            return
        from partydesk.demo import OTHER_STAGE, STAGE_LABELS
        from ui.tasks import run_task

        def job(task):
            from partydesk.demo import build_demo

            def progress(stage: str, f: float) -> None:
                task.progress(f, STAGE_LABELS.get(stage, OTHER_STAGE) + "…")

            path.parent.mkdir(parents=True, exist_ok=True)
            build_demo(path, DEMO_UNITS, DEMO_MEMBERS, progress=progress)
            return path

        def done(p):
            win.open_path(p)
            if on_done:
                on_done(p)

        self.demo_btn.setEnabled(False)
        run_task(win, self.tr("正在生成示例账本（全部为虚构数据）…"), job, done, cancellable=False)

    def start_empty(self) -> None:
        win = self.window_
        names = list(win.ctx.pages)
        if "ui.units.page" in names:
            win.nav.setCurrentRow(names.index("ui.units.page"))
        win.ctx.status(self.tr("这是一个空账本：可以直接录入，或从 Excel 复制后粘贴。"), 10000)


def show_if_empty(window) -> WelcomePage | None:
    """Put the welcome page in front when the window's ledger is empty."""
    ledger = window.ctx.ledger
    if ledger is None or not window.ctx.pages or not ledger_is_empty(ledger):
        return None
    page = WelcomePage(window)
    window.stack.addWidget(page)
    window.nav.blockSignals(True)
    window.nav.setCurrentRow(-1)
    window.nav.blockSignals(False)
    window.stack.setCurrentWidget(page)
    # Focus on the first way in: the navigation pane, given focus with no current row,
    # would select its first page and so leave the welcome page at once.
    page.import_btn.setFocus()
    window.welcome = page
    return page


def install(window) -> None:
    """Check each ledger the window is given to show (at start, 打开, 新建)."""
    window.welcome = None
    window.ledger_changed.connect(lambda: show_if_empty(window))
