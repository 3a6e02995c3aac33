"""The records page's list: one organization's records of a year, newest first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt

from partydesk.records import RecordKind


class RecordsModel(QAbstractTableModel):
    """The records of one organization and year (rows are plain tuples read at load)."""

    COLS = [
        QT_TRANSLATE_NOOP("RecordsModel", "类型"),
        QT_TRANSLATE_NOOP("RecordsModel", "次序"),
        QT_TRANSLATE_NOOP("RecordsModel", "时间"),
        QT_TRANSLATE_NOOP("RecordsModel", "地点"),
        QT_TRANSLATE_NOOP("RecordsModel", "主持人"),
        QT_TRANSLATE_NOOP("RecordsModel", "应到"),
        QT_TRANSLATE_NOOP("RecordsModel", "实到"),
        QT_TRANSLATE_NOOP("RecordsModel", "议题 / 内容"),
    ]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[
            tuple
        ] = []  # (id, kind, seq, held_at, place, host, expected, present, topic)

    def load(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            orientation == Qt.Horizontal
            and role == Qt.DisplayRole
            and 0 <= section < len(self.COLS)
        ):
            return self.tr(self.COLS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        rid, kind, seq, held, place, host, expected, present, topic = self.rows[index.row()]
        c = index.column()
        if role == Qt.DisplayRole:
            return [
                RecordKind.label_of(kind),
                self.tr("第%1次").replace("%1", str(seq)),
                f"{held:%Y-%m-%d %H:%M}",
                place or "",
                host or "",
                "" if expected is None else str(expected),
                "" if present is None else str(present),
                topic or "",
            ][c]
        if role == Qt.UserRole:
            return rid
        if role == Qt.TextAlignmentRole and c in (1, 5, 6):
            return int(Qt.AlignCenter)
        return None

    def record_id(self, row: int) -> int | None:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None
