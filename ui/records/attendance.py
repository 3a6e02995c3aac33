"""The record editor's attendee list: the organization's members, 出席 or 缺席 with a reason,
and for 民主评议 each member's 评议等次 with its drop-down editor."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from partydesk.records import Rating
from ui.widgets.colors import cell


class AttendanceModel(QAbstractTableModel):
    """Members of the organization and how each took part. Column 1 is checkable (出席);
    column 2 the absence reason; column 3 (民主评议 only) the rating."""

    COLS = [
        QT_TRANSLATE_NOOP("AttendanceModel", "姓名"),
        QT_TRANSLATE_NOOP("AttendanceModel", "出席"),
        QT_TRANSLATE_NOOP("AttendanceModel", "缺席原因"),
        QT_TRANSLATE_NOOP("AttendanceModel", "评议等次"),
    ]

    def __init__(self, people: list[tuple[int, str]], with_ratings: bool = False, parent=None):
        super().__init__(parent)
        self.with_ratings = with_ratings
        # rows: [person_id, name, present(bool), reason, rating code]
        self.rows: list[list] = [
            [pid, name, True, "", Rating.QUALIFIED.value] for pid, name in people
        ]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else (4 if self.with_ratings else 3)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            orientation == Qt.Horizontal
            and role == Qt.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return self.tr(self.COLS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == 1:
            f |= Qt.ItemIsUserCheckable
        elif index.column() == 2 and not self.rows[index.row()][2]:
            f |= Qt.ItemIsEditable
        elif index.column() == 3:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        pid, name, present, reason, rating = self.rows[index.row()]
        c = index.column()
        if role in (Qt.DisplayRole, Qt.EditRole):
            if c == 0:
                return name
            if c == 1:
                return self.tr("出席") if present else self.tr("缺席")
            if c == 2:
                return "" if present else reason
            if c == 3:
                return Rating.label_of(rating) if role == Qt.DisplayRole else rating
        if role == Qt.CheckStateRole and c == 1:
            return Qt.Checked if present else Qt.Unchecked
        if role == Qt.ForegroundRole and c == 1 and not present:
            return cell("error")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid():
            return False
        row = self.rows[index.row()]
        c = index.column()
        if c == 1 and role == Qt.CheckStateRole:
            row[2] = Qt.CheckState(value) == Qt.Checked
            self.dataChanged.emit(self.index(index.row(), 1), self.index(index.row(), 2))
            return True
        if c == 2 and role == Qt.EditRole:
            row[3] = str(value or "").strip()
        elif c == 3 and role == Qt.EditRole:
            r = Rating.from_text(str(value))
            if r is None:
                return False
            row[4] = r.value
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def set_all_present(self, present: bool) -> None:
        for r in self.rows:
            r[2] = present
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))

    def load(self, attendance: list[dict], appraisals: list[dict] | None = None) -> None:
        """Apply stored attendance / ratings to the member rows (others: absent)."""
        by_id = {a.get("person_id"): a for a in attendance if a.get("person_id")}
        ratings = {a["person_id"]: a["rating"] for a in appraisals or ()}
        self.beginResetModel()
        known = {r[0] for r in self.rows}
        for pid, a in by_id.items():
            if pid not in known:  # someone who has since left: keep them on the record
                self.rows.append([pid, a.get("name", str(pid)), True, "", Rating.QUALIFIED.value])
        for r in self.rows:
            a = by_id.get(r[0])
            if attendance:
                r[2] = a is not None and a.get("status") == "present"
                r[3] = (a or {}).get("reason") or ""
            if r[0] in ratings:
                r[4] = ratings[r[0]]
        self.endResetModel()

    def attendance(self) -> list[dict]:
        return [
            {
                "person_id": pid,
                "status": "present" if present else "absent",
                "reason": None if present else (reason or None),
            }
            for pid, _n, present, reason, _r in self.rows
        ]

    def appraisals(self) -> list[dict]:
        return [{"person_id": pid, "rating": rating} for pid, _n, _p, _r, rating in self.rows]


class RatingDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for r in Rating:
            box.addItem(r.label, r.value)
        return box

    def setEditorData(self, editor, index):
        i = editor.findData(index.data(Qt.EditRole))
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)
