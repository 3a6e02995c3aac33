"""The points entry grid's model: members down, the scheme's items across (counts for one
period), then raw, counted, rank and band. Typing a count writes it at once through an
undo command and updates the row's totals and everyone's rank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsItem
from partydesk.points import entries
from partydesk.points.periods import Period
from partydesk.points.schemes import find_scheme
from partydesk.points.totals import Card, compute_cards, entry_counts, fmt
from ui.points.commands import SetCountCommand
from ui.widgets.colors import cell, tint

FIXED_LEFT = 1  # 姓名


# The columns after the items: key, header (星级's header is the scheme's own band title).
TAIL = ("raw", "counted", "rank", "band")
TAIL_HEADERS = {
    "raw": QT_TRANSLATE_NOOP("PointsGridModel", "原始分"),
    "counted": QT_TRANSLATE_NOOP("PointsGridModel", "计分"),
    "rank": QT_TRANSLATE_NOOP("PointsGridModel", "排名"),
}


@dataclass
class GridItem:
    id: int
    dimension: str
    name: str
    points: float
    cap: float | None


class PointsGridModel(QAbstractTableModel):
    """One row per person of the organization, one column per item of the scheme (counts
    for the period), then raw, counted, rank and band. Writes go through `write_count`."""

    locked_changed = Signal(bool)

    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.scheme_id: int | None = None
        self.org_id: int | None = None
        self.period: Period | None = None
        self.items: list[GridItem] = []
        self.cards: list[Card] = []  # roster order
        self.counts: dict[tuple[int, int], int] = {}
        self.locked_on: date | None = None
        self.band_title = self.tr("星级")
        self.banded = False

    # --- loading -------------------------------------------------------------------------
    def load(self, scheme_id: int | None, org_id: int | None, period: Period | None) -> None:
        self.beginResetModel()
        self.scheme_id, self.org_id, self.period = scheme_id, org_id, period
        self.items, self.cards, self.counts, self.locked_on = [], [], {}, None
        if scheme_id is not None and org_id is not None and period is not None:
            with self.ledger.session() as s:
                scheme = find_scheme(s, scheme_id)
                org = s.get(Organization, org_id)
                self.items = [
                    GridItem(it.id, it.dimension or "", it.name, it.points, it.cap)
                    for it in scheme.items
                    if it.active
                ]
                self.band_title = (
                    self.tr("培养意见")
                    if {b.kind for b in scheme.bands} == {"outcome"}
                    else self.tr("星级")
                )
                self.banded = bool(scheme.bands) and period.kind == (
                    scheme.band_period or scheme.period
                )
                self._read_totals(s, scheme, org)
                pub = entries.period_locked(s, scheme, org, period)
                self.locked_on = pub.published_at.date() if pub is not None else None
        self.endResetModel()
        self.locked_changed.emit(self.locked_on is not None)

    def _read_totals(self, s, scheme, org) -> None:
        cards = compute_cards(s, scheme, org, self.period)
        self.cards = sorted(cards, key=lambda c: c.person_id)
        self.counts = entry_counts(s, scheme, org, self.period)

    def refresh_totals(self) -> None:
        """Re-read counts and totals (after a write); rows keep their order."""
        if self.scheme_id is None:
            return
        with self.ledger.session() as s:
            scheme = find_scheme(s, self.scheme_id)
            before = [c.person_id for c in self.cards]
            self._read_totals(s, scheme, s.get(Organization, self.org_id))
        if [c.person_id for c in self.cards] != before:
            self.beginResetModel()
            self.endResetModel()
            return
        if self.cards:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.cards) - 1, self.columnCount() - 1)
            )

    # --- writing -------------------------------------------------------------------------
    def context(self) -> tuple:
        return (self.scheme_id, self.org_id, self.period)

    def write_count(
        self, person_id: int, item_id: int, count: int, where: tuple | None = None
    ) -> None:
        """Set a count in the ledger; `where` (scheme, org, period) defaults to what the grid
        shows — an undo may target a grid the user has since moved away from."""
        scheme_id, org_id, period = where or self.context()
        with self.ledger.session() as s:
            scheme = find_scheme(s, scheme_id)
            entries.set_cell(
                s,
                scheme,
                s.get(Organization, org_id),
                s.get(Person, person_id),
                s.get(PointsItem, item_id),
                period,
                count,
            )
        if (scheme_id, org_id, period) == self.context():
            self.refresh_totals()

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIXED_LEFT + len(self.items) + len(TAIL)

    def item_at(self, column: int) -> GridItem | None:
        k = column - FIXED_LEFT
        return self.items[k] if 0 <= k < len(self.items) else None

    def is_count_column(self, column: int) -> bool:
        return self.item_at(column) is not None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Vertical:
            if role == Qt.DisplayRole and 0 <= section < len(self.cards):
                return str(section + 1)
            return None
        if not 0 <= section < self.columnCount():
            return None
        it = self.item_at(section)
        if role == Qt.DisplayRole:
            if section == 0:
                return self.tr("姓名")
            if it is not None:
                pts = f"+{fmt(it.points)}" if it.points > 0 else fmt(it.points)
                text = self.tr("%1 %2分").replace("%1", it.name).replace("%2", pts)
                if it.cap is not None:
                    text += self.tr("·限%1").replace("%1", fmt(it.cap))
                return text
            tail = TAIL[section - FIXED_LEFT - len(self.items)]
            return self.band_title if tail == "band" else self.tr(TAIL_HEADERS[tail])
        if role == Qt.ToolTipRole and it is not None:
            cap = (
                self.tr("，每期上限 %1 分").replace("%1", fmt(it.cap)) if it.cap is not None else ""
            )
            return (
                self.tr("%1：%2（每次 %3 分%4）")
                .replace("%1", it.dimension)
                .replace("%2", it.name)
                .replace("%3", fmt(it.points))
                .replace("%4", cap)
            )
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.is_count_column(index.column()) and self.locked_on is None:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        col = index.column()
        it = self.item_at(col)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col == 0:
                return card.name
            if it is not None:
                n = self.counts.get((card.person_id, it.id), 0)
                if role == Qt.EditRole:
                    return n
                return str(n) if n else ""
            tail = TAIL[col - FIXED_LEFT - len(self.items)]
            if tail == "raw":
                return fmt(card.raw)
            if tail == "counted":
                return fmt(card.counted)
            if tail == "rank":
                return str(card.rank)
            return card.band_label
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignVCenter | (Qt.AlignLeft if col == 0 else Qt.AlignCenter))
        if role == Qt.BackgroundRole:
            if self.locked_on is not None or it is None:
                return QBrush(tint("grey"))
            return None
        if role == Qt.ForegroundRole and it is not None and it.points < 0:
            return QBrush(cell("error"))
        if role == Qt.ToolTipRole and it is not None:
            line = card.items.get(it.id)
            if line and line.raw != line.counted:
                return (
                    self.tr("原始 %1 分，封顶后计 %2 分")
                    .replace("%1", fmt(line.raw))
                    .replace("%2", fmt(line.counted))
                )
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if (
            role != Qt.EditRole
            or not index.isValid()
            or not (self.flags(index) & Qt.ItemIsEditable)
        ):
            return False
        try:
            n = int(str(value).strip() or 0)
        except ValueError:
            return False
        card = self.cards[index.row()]
        it = self.item_at(index.column())
        old = self.counts.get((card.person_id, it.id), 0)
        if n == old:
            return False
        undo_stack = getattr(self, "undo_stack", None)
        cmd = SetCountCommand(self, card.person_id, card.name, it, old, n)
        if undo_stack is not None:
            undo_stack.push(cmd)  # push runs redo()
        else:
            cmd.redo()
        return not cmd.failed
