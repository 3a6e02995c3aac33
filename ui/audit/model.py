"""The audit log's model and the text of an entry's details.

The model holds only the ids of matching entries and fetches rows in pages when the view
asks for them (Anki's browser habit), so a log of 100,000 entries opens at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from sqlalchemy import select

from partydesk import audit
from partydesk.ledger.models.audit import AuditEntry

PAGE = 200


class AuditModel(QAbstractTableModel):
    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.filter = audit.AuditFilter()
        self._ids: list[int] = []
        self._rows: dict[int, tuple[list, AuditEntry]] = {}
        self.reload()

    def reload(self, flt: audit.AuditFilter | None = None) -> None:
        if flt is not None:
            self.filter = flt
        self.beginResetModel()
        with self.ledger.session() as s:
            self._ids = audit.query_ids(s, self.filter)
        self._rows.clear()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(audit.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            role == Qt.DisplayRole
            and orientation == Qt.Horizontal
            and 0 <= section < len(audit.HEADERS)
        ):
            return audit.HEADERS[section]
        return None

    def entry(self, row: int) -> AuditEntry | None:
        if not 0 <= row < len(self._ids):
            return None
        eid = self._ids[row]
        if eid not in self._rows:
            self._fetch_around(row)
        got = self._rows.get(eid)
        return got[1] if got else None

    def _fetch_around(self, row: int) -> None:
        start = max(0, row - PAGE // 4)
        wanted = [i for i in self._ids[start : start + PAGE] if i not in self._rows]
        with self.ledger.session() as s:
            names = audit.Names(s)  # 所在党组织=星光科技党支部, not =17
            for e in s.scalars(select(AuditEntry).where(AuditEntry.id.in_(wanted))):
                self._rows[e.id] = (audit.entry_row(e, names), e)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        value = self._rows[e.id][0][index.column()]
        text = "" if value is None else str(value)
        if role == Qt.DisplayRole and len(text) > 120:
            return text[:118] + "…"
        return text


def entry_details(e: AuditEntry) -> str:
    """Field by field: old → new."""
    lines = [
        f"{audit.utc_to_local(e.at):%Y-%m-%d %H:%M:%S}  {e.who}  {audit.action_label(e.action)}  "
        f"{audit.table_label(e.table_name)}  {e.label}"
        + (f"（#{e.record_id}）" if e.record_id else "")
    ]
    old = audit.values_dict(e.old_values)
    new = audit.values_dict(e.new_values)
    t = e.table_name

    def v(key, d):
        return audit.value_label(t, key, d[key])

    for k in sorted(set(old) | set(new)):
        name = audit.field_label(t, k)
        if k in old and k in new:
            lines.append(f"  {name}：{v(k, old)} → {v(k, new)}")
        elif k in new:
            lines.append(f"  {name}：{v(k, new)}")
        else:
            before = QCoreApplication.translate("AuditPage", "（删除前）")
            lines.append(f"  {name}：{v(k, old)}{before}")
    return "\n".join(lines)
