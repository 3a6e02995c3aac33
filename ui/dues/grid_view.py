"""The dues grid's view: the points grid's Excel-like movement (Enter down, Tab right and
on to the next row, typing starts editing) with an amount editor, and a block paste from
Excel written as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from partydesk.dues import config
from partydesk.errors import PartyDeskError
from ui.points.grid_view import GridView


class AmountDelegate(QStyledItemDelegate):
    """An editor for 元 with up to two decimals; it selects its text, so typing replaces."""

    def createEditor(self, parent, option, index):
        ed = QLineEdit(parent)
        ed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,7}(\.\d{0,2})?"), ed))
        ed.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        ed.setFrame(False)
        return ed

    def setEditorData(self, editor, index):
        if not editor.text():
            editor.setText(index.data(Qt.EditRole) or "")
            editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text() or "0", Qt.EditRole)


class DuesView(GridView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(AmountDelegate(self))

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> None:
        """Paste a block copied from Excel (tab-separated) from the current cell on."""
        m, cur = self.model(), self.currentIndex()
        if not cur.isValid() or not text.strip():
            return
        cells, bad = [], []
        for i, line in enumerate(text.rstrip("\r\n").split("\n")):
            for j, v in enumerate(line.rstrip("\r").split("\t")):
                r, c = cur.row() + i, cur.column() + j
                if r >= m.rowCount() or not m.is_count_column(c):
                    continue
                v = v.strip()
                if not v:
                    continue
                try:
                    cells.append((r, c, config.to_fen(v)))
                except PartyDeskError as e:
                    where = self.tr("第%1行第%2列：").replace("%1", str(i + 1))
                    bad.append(where.replace("%2", str(j + 1)) + str(e))
        label = self.tr("粘贴 %1 格党费").replace("%1", str(len(cells)))
        refused = m.write_cells(cells, label) if cells else []
        m.report("；".join(bad + refused))
