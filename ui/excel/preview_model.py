"""The import wizard's preview: every row of the sheet as 新增 / 更新 / 不变 / 错误, coloured."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from partydesk import excel
from partydesk.excel import importing
from partydesk.excel import mapping as excel_mapping
from ui.widgets.colors import tint

# the row's status as a tint of the theme's base colour (ui.widgets.colors)
STATUS_COLORS = {
    excel.NEW: "ok",
    excel.UPDATE: "warn",
    excel.UNCHANGED: None,
    excel.ERROR: "error",
}


class PreviewModel(QAbstractTableModel):
    """Rows of an ImportPlan: row number, result, reason or changes, then the user's cells."""

    FIXED = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: excel.ImportPlan | None = None
        self.rows: list[excel.RowResult] = []
        self.status_filter: str | None = None

    def set_plan(self, plan: excel.ImportPlan | None, status: str | None = None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.status_filter = status
        rows = plan.rows if plan else []
        self.rows = [r for r in rows if status is None or r.status == status]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.plan is None:
            return 0
        return self.FIXED + len(self.plan.headers)

    def _text(self, r: excel.RowResult, col: int) -> str:
        if col == 0:
            return str(r.row_no)
        if col == 1:
            return importing.STATUS_LABELS[r.status]
        if col == 2:
            if r.status == excel.ERROR:
                return r.reason
            text = r.describe_changes(self.plan.entity) if r.status == excel.UPDATE else ""
            if r.warnings:
                text = "；".join(x for x in (text, self.tr("提醒：") + r.warning) if x)
            return text
        i = col - self.FIXED
        v = r.cells[i] if i < len(r.cells) else None
        if v is None:
            return ""
        if hasattr(v, "strftime"):
            return v.strftime("%Y-%m-%d")
        return str(v)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self.plan is None:
            return None
        r = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            text = self._text(r, index.column())
            return text if role == Qt.DisplayRole or text else None
        if role == Qt.BackgroundRole and index.column() < self.FIXED:
            color = STATUS_COLORS.get(r.status)
            return QBrush(tint(color)) if color else None
        if role == Qt.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Vertical:
            return str(section + 1)
        if self.plan is None or not 0 <= section < self.columnCount():
            return None
        if section < self.FIXED:
            return (self.tr("行号"), self.tr("结果"), self.tr("原因 / 变化"))[section]
        h = self.plan.headers[section - self.FIXED]
        name = self.plan.mapping[section - self.FIXED]
        label = excel_mapping.column_label(self.plan.entity, name) if name else self.tr("（忽略）")
        return f"{h}\n→ {label}"
