"""The problem list's table model: rows from partydesk.problems.service.list_problems,
open ones first; overdue rows in red."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from partydesk.problems.service import Row, list_problems
from ui.widgets.colors import cell

HEADERS = [
    QT_TRANSLATE_NOOP("ProblemModel", "编号"),
    QT_TRANSLATE_NOOP("ProblemModel", "单位"),
    QT_TRANSLATE_NOOP("ProblemModel", "党组织"),
    QT_TRANSLATE_NOOP("ProblemModel", "问题"),
    QT_TRANSLATE_NOOP("ProblemModel", "提出日期"),
    QT_TRANSLATE_NOOP("ProblemModel", "责任人"),
    QT_TRANSLATE_NOOP("ProblemModel", "办结时限"),
    QT_TRANSLATE_NOOP("ProblemModel", "状态"),
    QT_TRANSLATE_NOOP("ProblemModel", "办结情况"),
]


class ProblemModel(QAbstractTableModel):
    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.rows: list[Row] = []
        self.today = date.today()
        self.which = "open"
        self.search = ""

    def reload(self, today: date | None = None) -> None:
        self.today = today or date.today()
        self.beginResetModel()
        with self.ledger.session() as s:
            self.rows = list_problems(s, self.today, which=self.which, search=self.search)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("ProblemModel", HEADERS[section])
        return None

    def row(self, i: int) -> Row | None:
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def data(self, index, role=Qt.DisplayRole):
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        if role == Qt.DisplayRole:
            c = index.column()
            if c == 0:
                return str(r.id)
            if c == 1:
                return r.unit
            if c == 2:
                return r.org
            if c == 3:
                return r.text
            if c == 4:
                return r.raised_on.isoformat()
            if c == 5:
                return r.responsible
            if c == 6:
                return r.due_on.isoformat() if r.due_on else ""
            if c == 7:
                late = QCoreApplication.translate("ProblemModel", "（逾期）")
                return r.state_label + (late if r.overdue else "")
            if c == 8:
                return (f"{r.closed_on.isoformat()} " if r.closed_on else "") + r.resolution
            return ""
        if role == Qt.ForegroundRole and r.overdue:
            return QBrush(cell("error"))
        if role == Qt.ToolTipRole and index.column() in (3, 8):
            return r.text if index.column() == 3 else r.resolution
        return None
