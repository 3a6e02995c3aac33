"""The points grid's view and count editor, moving like Excel: Enter goes down, Tab goes
right and on to the next row, typing a digit starts editing; the editor takes digits only."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)


class CountDelegate(QStyledItemDelegate):
    """A digits-only editor that selects its text, so typing replaces the count."""

    def createEditor(self, parent, option, index):
        ed = QLineEdit(parent)
        # Empty must be acceptable (an "Intermediate" text would make Tab / Enter do nothing).
        ed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), ed))
        ed.setAlignment(Qt.AlignCenter)
        ed.setFrame(False)
        return ed

    def setEditorData(self, editor, index):
        n = index.data(Qt.EditRole)
        # Editing started by a keystroke already holds that key; keep it.
        if not editor.text():
            editor.setText(str(n) if n else "")
            editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text() or "0", Qt.EditRole)


class GridView(QTableView):
    """Excel-like movement: Enter goes down; Tab goes right over the count columns and on
    to the first count of the next row; typing a digit starts editing that cell."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.AnyKeyPressed
            | QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setItemDelegate(CountDelegate(self))
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)

    def _count_cols(self) -> list[int]:
        m = self.model()
        return [c for c in range(m.columnCount()) if m.is_count_column(c)] if m else []

    def moveCursor(self, action, modifiers):
        cur = self.currentIndex()
        cols = self._count_cols()
        m = self.model()
        if (
            cur.isValid()
            and cols
            and action in (QAbstractItemView.MoveNext, QAbstractItemView.MovePrevious)
        ):
            r, c = cur.row(), cur.column()
            if action == QAbstractItemView.MoveNext:
                later = [x for x in cols if x > c]
                if later:
                    return m.index(r, later[0])
                return m.index(r + 1, cols[0]) if r + 1 < m.rowCount() else cur
            earlier = [x for x in cols if x < c]
            if earlier:
                return m.index(r, earlier[-1])
            return m.index(r - 1, cols[-1]) if r > 0 else cur
        return super().moveCursor(action, modifiers)

    def _down(self) -> None:
        cur = self.currentIndex()
        if cur.isValid() and cur.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(cur.row() + 1, cur.column()))

    def closeEditor(self, editor, hint):
        if hint == QAbstractItemDelegate.SubmitModelCache:  # Enter in the editor
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            self._down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event):
        if (
            event.key() in (Qt.Key_Return, Qt.Key_Enter)
            and self.state() != QAbstractItemView.EditingState
        ):
            self._down()
            return
        if (
            event.key() in (Qt.Key_Delete, Qt.Key_Backspace)
            and self.state() != QAbstractItemView.EditingState
        ):
            idx = self.currentIndex()
            if idx.isValid() and idx.flags() & Qt.ItemIsEditable:
                self.model().setData(idx, "0", Qt.EditRole)
                return
        super().keyPressEvent(event)
