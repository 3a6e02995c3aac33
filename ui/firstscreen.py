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

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
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

# The table pages and the entity each shows.
TABLE_PAGES = {"ui.units.page": "unit", "ui.orgs.page": "org", "ui.people.page": "person"}


def _rows_model(screen, parent) -> QStandardItemModel:
    """The rows in a model of Qt's own: painting them calls no Python (a Python model's
    data() and headerData(), a dozen roles a cell, made each paint of the first screen
    3-4 ms slower, and far more while the opening worker holds the interpreter lock)."""
    model = QStandardItemModel(0, len(screen.labels), parent)
    model.setHorizontalHeaderLabels(screen.labels)
    shown = Qt.ItemIsEnabled | Qt.ItemIsSelectable  # read-only
    for _, texts in screen.rows:
        items = list(map(QStandardItem, texts))
        for item in items:
            item.setFlags(shown)
        model.appendRow(items)
    return model


class FirstScreenPage(QWidget):
    """The read-only stand-in of a table page. `view` and `model` as on the page, so the
    window (and a test) sees the rows shown; `entity` the table it stands for.
    `painted` fires once, just after its rows were first painted."""

    painted = Signal()

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self._painted = False
        self.setObjectName(f"firstscreen_{screen.entity}")
        self.entity = screen.entity
        self.model = _rows_model(screen, self)
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
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if not self._painted and event.type() == QEvent.Paint:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)  # after this paint is done
        return False

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
