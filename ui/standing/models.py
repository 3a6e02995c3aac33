"""Table models of the dashboard: the list behind a figure (ids only, rows fetched on
demand in blocks, as in Anki's browser) and the reminders (待办)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from partydesk.ledger import Ledger
from partydesk.reminders import Reminder
from partydesk.standing import lists
from ui.widgets.colors import cell

BLOCK = 200
Index = QModelIndex | QPersistentModelIndex


class IdListModel(QAbstractTableModel):
    """Rows are record ids of one kind; their text is fetched a block at a time."""

    def __init__(self, ledger: Ledger, kind: str, ids: list[int], parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.kind = kind
        self.ids = list(ids)
        self.headers = lists.COLUMNS[kind]
        self._blocks: dict[int, dict[int, tuple]] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def row_values(self, row: int) -> tuple:
        b = row // BLOCK
        block = self._blocks.get(b)
        if block is None:
            chunk = self.ids[b * BLOCK : (b + 1) * BLOCK]
            with self.ledger.session() as s:
                block = lists.fetch(s, self.kind, chunk)
            self._blocks[b] = block
        return block.get(self.ids[row], (self.tr("（已删除）"),) + ("",) * (len(self.headers) - 1))

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            v = self.row_values(index.row())[index.column()]
            return "" if v is None else str(v)
        if role == Qt.TextAlignmentRole and self.kind == "unit" and index.column() == 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def id_at(self, row: int) -> int:
        return self.ids[row]


class ReminderModel(QAbstractTableModel):
    HEADERS = [
        QT_TRANSLATE_NOOP("ReminderModel", "到期日"),
        QT_TRANSLATE_NOOP("ReminderModel", "状态"),
        QT_TRANSLATE_NOOP("ReminderModel", "事项"),
    ]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Reminder] = []
        self.today = date.today()

    def set_items(self, items: list[Reminder], today: date) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def status_text(self, r: Reminder) -> str:
        days = (r.due_on - self.today).days
        if days < 0 and not r.deadline:
            return self.tr("已等待%1天").replace("%1", str(-days))
        if days < 0:
            return self.tr("已逾期%1天").replace("%1", str(-days))
        if days == 0:
            return self.tr("今天到期")
        return self.tr("还有%1天").replace("%1", str(days))

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        r = self.items[index.row()]
        col = index.column()
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return (r.due_on.isoformat(), self.status_text(r), r.text)[col]
        if role == Qt.ForegroundRole and r.overdue(self.today):
            return QBrush(cell("error"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if (
            role == Qt.DisplayRole
            and orientation == Qt.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None
