"""A read-only table of plain tuples and its view, for the registries (certificates,
instructors, qualifications) that load in one query. Rows are marked in the palette's
colours of ui.widgets.colors (`cell("error")`, `cell("grey")`), readable in either theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class RowsModel(QAbstractTableModel):
    """A read-only table of plain tuples (loaded in one query; registries are small).
    `colour(row) -> QColor | None` and `tip(row, col) -> str | None` decorate cells."""

    def __init__(
        self,
        headers: list[str],
        parent=None,
        colour: Callable[[tuple, int], Any] | None = None,
        tip: Callable[[tuple, int], str | None] | None = None,
    ):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple] = []
        self.keys: list[Any] = []
        self._colour = colour
        self._tip = tip

    def set_rows(self, rows: list[tuple], keys: list[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.keys = keys if keys is not None else list(range(len(rows)))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            v = row[index.column()]
            return "" if v is None else str(v)
        if role == Qt.ForegroundRole and self._colour is not None:
            return self._colour(row, index.column())
        if role == Qt.ToolTipRole and self._tip is not None:
            return self._tip(row, index.column())
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            role == Qt.DisplayRole
            and orientation == Qt.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


def make_view(model, parent=None) -> QTableView:
    v = QTableView(parent)
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectRows)
    v.setEditTriggers(QAbstractItemView.NoEditTriggers)
    v.setAlternatingRowColors(True)
    v.verticalHeader().setDefaultSectionSize(24)
    v.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    v.horizontalHeader().setStretchLastSection(True)
    return v
