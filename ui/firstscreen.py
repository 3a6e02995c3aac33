"""The start page's first screen, on the window before the ledger is open.

Opening a county's ledger (SQLAlchemy, its mappers, the checks) takes the better part of
a second and more on a slow PC; the rows a clerk looks at first take a millisecond to read.
So when the window starts on a table page (两新组织, 党组织, 党员与发展), its first screen is
read with plain sqlite3 (partydesk.ledger.firstscreen) and shown at once, looking as the
page will: the same columns, widths and order, the same rows. It is read-only and says
so; when the ledger is open the real page takes its place in the same event-loop turn
(MainWindow.set_ledger), scrolled where the clerk scrolled. Any ledger that cannot be read
this way (encrypted, on a server, to be migrated, with a start password) shows
"正在打开账本…" as before.

Qt and the standard library only: nothing here may import SQLAlchemy.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import table_header
from ui.widgets.first_paint import after_first_paint

# The table pages and the entity each shows.
TABLE_PAGES = {"ui.units.page": "unit", "ui.orgs.page": "org", "ui.people.page": "person"}


class FirstScreenPage(QWidget):
    """The read-only stand-in of a table page. `view` and `model` as on the page, so the
    window (and a test) sees the rows shown; `entity` the table it stands for.
    `painted` fires once, just after its rows were first painted.

    The rows are in a model of Qt's own, so painting them calls no Python (a Python model's
    data() and headerData(), a dozen roles a cell, made each paint 3-4 ms slower, and far
    more while the opening worker holds the interpreter lock). Its items are made for the
    cells the screen can show (60 rows of 25 people's columns are 1,500 items, 7 ms); the
    others when the clerk first scrolls, widens or moves a column (`fill_rest`)."""

    painted = Signal()

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"firstscreen_{screen.entity}")
        self.entity = screen.entity
        self._texts = [t for _, t in screen.rows]
        self.model = QStandardItemModel(len(self._texts), len(screen.labels), self)
        self.model.setHorizontalHeaderLabels(screen.labels)
        self._first_block: tuple[int, list[int]] | None = None  # (rows, columns) filled
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("查找"), self))
        wait = QLineEdit(self)
        wait.setEnabled(False)
        wait.setPlaceholderText(self.tr("正在打开账本，稍候即可查找和编辑…"))
        wait.setMinimumWidth(260)
        top.addWidget(wait, 2)
        top.addStretch(1)
        self.view = view = QTableView(self)
        view.setObjectName(f"firstscreen_table_{screen.entity}")
        view.setModel(self.model)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        vh = view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.Fixed)
        vh.setDefaultSectionSize(view.fontMetrics().height() + 10)
        vh.setDefaultAlignment(Qt.AlignRight | Qt.AlignVCenter)
        table_header.restore(
            view.horizontalHeader(),
            screen.entity,
            list(zip(screen.names, screen.kinds, strict=True)),
        )
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(view)
        side = QWidget(self)
        side.setMinimumWidth(300)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 340])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self._fill_first_block()
        for bar in (view.verticalScrollBar(), view.horizontalScrollBar()):
            bar.valueChanged.connect(self.fill_rest)
        hh = view.horizontalHeader()
        hh.sectionResized.connect(self.fill_rest)
        hh.sectionMoved.connect(self.fill_rest)
        after_first_paint(view.viewport(), self.painted.emit)

    def _fill(self, rows, columns) -> None:
        shown = Qt.ItemIsEnabled | Qt.ItemIsSelectable  # read-only
        set_item, texts = self.model.setItem, self._texts
        for r in rows:
            row = texts[r]
            for c in columns:
                item = QStandardItem(row[c])
                item.setFlags(shown)
                set_item(r, c, item)

    def _fill_first_block(self) -> None:
        """The cells the screens (all of them: a window may span two) can show: the rows
        of their height, the columns not hidden that begin within their width."""
        area = self.screen().availableVirtualGeometry()
        rows = min(
            len(self._texts),
            area.height() // max(1, self.view.verticalHeader().defaultSectionSize()) + 1,
        )
        hh = self.view.horizontalHeader()
        columns = [
            c
            for c in range(self.model.columnCount())
            if not hh.isSectionHidden(c) and hh.sectionPosition(c) < area.width()
        ]
        self._first_block = (rows, columns)
        self.model.blockSignals(True)  # nothing is shown yet: no view to tell
        try:
            self._fill(range(rows), columns)
        finally:
            self.model.blockSignals(False)

    def fill_rest(self, *_args) -> None:
        """The items of the cells not made at first (once)."""
        if self._first_block is None:
            return
        rows, first = self._first_block
        self._first_block = None
        first = frozenset(first)
        others = [c for c in range(self.model.columnCount()) if c not in first]
        self._fill(range(rows), others)
        self._fill(range(rows, len(self._texts)), range(self.model.columnCount()))

    def place(self) -> tuple[int, int]:
        """(first row scrolled to, horizontal scroll): where the clerk has looked, for the
        real page to keep."""
        return self.view.rowAt(0), self.view.horizontalScrollBar().value()


def build(path, module_name: str | None) -> FirstScreenPage | None:
    """The first screen of page `module_name` of the ledger file `path`, or None (not a
    table page, or nothing that can be read quickly; never an error)."""
    entity = TABLE_PAGES.get(module_name or "")
    if entity is None:
        return None
    from partydesk.ledger import firstscreen

    yes = QCoreApplication.translate("LedgerTableModel", "是")
    no = QCoreApplication.translate("LedgerTableModel", "否")
    screen = firstscreen.read(path, entity, yes, no)
    if screen is None or not screen.rows:
        return None
    return FirstScreenPage(screen)
