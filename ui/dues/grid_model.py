"""The dues grid's model: members down, the twelve months across (the amount paid, shaded
red where the month has ended unpaid, grey where nothing is owed), then the year's due,
paid and still owed. Typing an amount writes it at once through an undo step; changing a
filled cell is a correction and asks for its reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from partydesk.dues import config, figures, payments, schedule
from partydesk.dues import months as mo
from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Person
from ui.dues.commands import PaymentsCommand
from ui.widgets.colors import tint

LEFT = (
    QT_TRANSLATE_NOOP("DuesGridModel", "姓名"),
    QT_TRANSLATE_NOOP("DuesGridModel", "类别"),
    QT_TRANSLATE_NOOP("DuesGridModel", "每月应交"),
)
TAIL = (
    QT_TRANSLATE_NOOP("DuesGridModel", "应交"),
    QT_TRANSLATE_NOOP("DuesGridModel", "已交"),
    QT_TRANSLATE_NOOP("DuesGridModel", "欠交"),
)


class DuesGridModel(QAbstractTableModel):
    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.org_id: int | None = None
        self.year: int | None = None
        self.grid: schedule.Grid | None = None
        self.through = 0
        self.undo_stack = None
        self.method = "cash"
        # Asked for the reason of a correction; None: the user cancelled.
        self.ask_reason: Callable[[str], str | None] = lambda text: None
        self.today: Callable[[], date] = date.today
        # Where refused cells are told (the page's message line).
        self.report: Callable[[str], None] = lambda text: None

    # --- loading -------------------------------------------------------------------------
    def load(self, org_id: int | None, year: int | None) -> None:
        self.beginResetModel()
        self.org_id, self.year = org_id, year
        self._read()
        self.endResetModel()

    def _read(self) -> None:
        self.grid = None
        if self.org_id is not None and self.year is not None:
            with self.ledger.session() as s:
                self.grid = schedule.grid(s, self.org_id, self.year)
            self.through = figures.default_through(self.year, self.today())

    def refresh(self) -> None:
        before = [r.person_id for r in self.rows]
        self._read()
        if [r.person_id for r in self.rows] != before:
            self.beginResetModel()
            self.endResetModel()
        elif self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 17))

    @property
    def rows(self) -> list[schedule.MemberRow]:
        return self.grid.rows if self.grid is not None else []

    def month_at(self, column: int) -> int | None:
        k = column - len(LEFT)
        return mo.key(self.year, k + 1) if 0 <= k < 12 and self.year else None

    def is_count_column(self, column: int) -> bool:  # the view's Tab moves over these
        return self.month_at(column) is not None

    def cell(self, row: int, column: int) -> schedule.Cell | None:
        k = self.month_at(column)
        return self.rows[row].cells.get(k) if k is not None else None

    # --- writing -------------------------------------------------------------------------
    def _push(self, label: str, write: Callable) -> bool:
        cmd = PaymentsCommand(self.ledger, label, write, self.refresh, self.parent())
        if self.undo_stack is not None:
            self.undo_stack.push(cmd)
        else:
            cmd.redo()
        return not cmd.failed

    def write_cells(self, cells: list[tuple[int, int, int]], label: str) -> list[str]:
        """Set (row, column, fen) cells as one undo step; returns the refused cells' reasons."""
        todo, refused = [], []
        reason = None
        for r, c, fen in cells:
            row, k = self.rows[r], self.month_at(c)
            cur = row.cells.get(k)
            if cur is None:
                refused.append(
                    self.tr("%1 %2：无需交纳").replace("%1", row.name).replace("%2", mo.label(k))
                )
                continue
            if fen == cur.paid:
                continue
            if cur.paid != 0 and reason is None:
                text = self.tr(
                    "%1%2已登记 %3 元，改为 %4 元是更正（原记录冲正后重新登记）。请写明更正原因："
                )
                for a, b in (
                    ("%1", row.name),
                    ("%2", mo.label(k)),
                    ("%3", config.yuan(cur.paid)),
                    ("%4", config.yuan(fen)),
                ):
                    text = text.replace(a, b)
                reason = self.ask_reason(text)
                if not (reason or "").strip():
                    return [*refused, self.tr("已取消：更正需要写明原因。")]
            todo.append((row.person_id, k, fen))
        if not todo:
            return refused
        today = self.today()

        def write(s):
            out = []
            for pid, k, fen in todo:
                try:
                    out += payments.set_cell(
                        s,
                        s.get(Person, pid),
                        k,
                        fen,
                        reason=reason,
                        method=self.method,
                        today=today,
                    )
                except ValidationError as e:
                    refused.append(str(e))
            return out

        self._push(label, write)
        return refused

    def settle(self, month: int) -> payments.Settled | None:
        """本月按应交全部收讫 as one undo step."""
        today = self.today()
        org = self.org_id
        holder = {}

        def write(s):
            holder["r"] = payments.settle_month(s, org, month, method=self.method, today=today)
            return holder["r"].payments

        ok = self._push(self.tr("%1按应交全部收讫").replace("%1", mo.label(month)), write)
        return holder.get("r") if ok else None

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LEFT) + 12 + len(TAIL)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Vertical:
            return str(section + 1) if 0 <= section < len(self.rows) else None
        if section < len(LEFT):
            return self.tr(LEFT[section])
        k = self.month_at(section)
        if k is not None:
            return self.tr("%1月").replace("%1", str(k % 100))
        j = section - len(LEFT) - 12
        return self.tr(TAIL[j]) if 0 <= j < len(TAIL) else None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.cell(index.row(), index.column()) is not None:
            f |= Qt.ItemIsEditable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        k = self.month_at(col)
        c = r.cells.get(k) if k is not None else None
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col == 0:
                return r.name
            if col == 1:
                if r.status == "transferred_out":
                    return self.tr("已转出")
                return Category.label_of(r.category)
            if col == 2:
                return self.tr("未核定") if r.unpriced else config.yuan(r.due_fen)
            if k is not None:
                if c is None:
                    return ""
                if role == Qt.EditRole:
                    return config.yuan(c.paid) if c.paid else ""
                return config.yuan(c.paid) if c.paid else ""
            j = col - len(LEFT) - 12
            if j == 0:
                return config.yuan(r.total_due())
            if j == 1:
                return config.yuan(r.total_paid())
            short = sum(x.short for m, x in r.cells.items() if m <= self.through)
            return config.yuan(short) if short else ""
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignVCenter | (Qt.AlignLeft if col < 2 else Qt.AlignRight))
        if role == Qt.BackgroundRole and k is not None:
            if c is None:
                return QBrush(tint("grey"))
            if c.owed and k <= self.through:
                return QBrush(tint("error"))
            return None
        if role == Qt.ToolTipRole and c is not None:
            text = self.tr("%1：应交 %2 元，已交 %3 元").replace("%1", mo.label(k))
            text = text.replace("%2", config.yuan(c.due)).replace("%3", config.yuan(c.paid))
            if c.extra:
                text += self.tr("，自愿多交 %1 元").replace("%1", config.yuan(c.extra))
            return text
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if (
            role != Qt.EditRole
            or not index.isValid()
            or not (self.flags(index) & Qt.ItemIsEditable)
        ):
            return False
        try:
            fen = config.to_fen(str(value).strip() or "0")
        except PartyDeskError as e:
            self.report(str(e))
            return False
        r = self.rows[index.row()]
        k = self.month_at(index.column())
        label = self.tr("%1 %2 交纳 %3 元").replace("%1", r.name).replace("%2", mo.label(k))
        refused = self.write_cells(
            [(index.row(), index.column(), fen)], label.replace("%3", config.yuan(fen))
        )
        if refused:
            self.report("；".join(refused))
            return False
        self.report("")
        return True
