"""The tables' vertical header of row numbers."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QWidget


class RowNumberHeader(QHeaderView):
    """The vertical header of row numbers. Its width comes from the number of digits of
    the last row, in one call: QHeaderView's own size hint asks the model's headerData()
    for several roles of up to 200 rows, a thousand Python calls each time the rows are
    reset (every sort and search)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Vertical, parent)

    def sizeHint(self):  # noqa: N802 - Qt's name
        base = super().sizeHint() if self.model() is None else None
        if base is not None:
            return base
        rows = self.model().rowCount()
        margin = self.style().pixelMetric(QStyle.PM_HeaderMargin, None, self)
        width = self.fontMetrics().horizontalAdvance("9" * len(str(max(rows, 1)))) + 2 * margin + 2
        return QSize(width, self.defaultSectionSize())
