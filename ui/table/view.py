"""The table view: Excel-like keys (copy/paste blocks as TSV, Delete clears cells, Ctrl+D
fills down), the cell's right-click menu (ui.table.cell_menu), the first column kept in place
(ui.table.frozen), row numbers, and the list of pasted cells that were refused."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.table import cell_menu, commands
from ui.table.delegates import LedgerDelegate
from ui.table.frozen import FrozenColumn
from ui.table.header import RowNumberHeader
from ui.table.model import LedgerTableModel

MAX_COPY_ROWS = 100_000


def to_tsv(rows: list[list[str]]) -> str:
    """Tab-separated text as Excel and WPS paste it (cells with tabs, newlines or quotes
    quoted)."""

    def cell(t: str) -> str:
        if any(ch in t for ch in '\t\n\r"'):
            return '"' + t.replace('"', '""') + '"'
        return t

    return "\r\n".join("\t".join(cell(t) for t in r) for r in rows) + "\r\n"


def parse_tsv(text: str) -> list[list[str]]:
    """The block of cells in tab-separated text copied from Excel (quoted cells may hold
    newlines); a trailing empty line is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


class RefusedDialog(QDialog):
    """A non-modal list of the pasted cells that were not written, with the reasons."""

    def __init__(self, parent: QWidget, items: list[tuple[str, str, str, str]], written: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("粘贴结果"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr("已写入 {0} 个单元格，{1} 个单元格未写入：").format(written, len(items))
        )
        lay.addWidget(self.summary)
        self.table = QTableWidget(len(items), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("行"), self.tr("列"), self.tr("粘贴的值"), self.tr("原因")]
        )
        for r, values in enumerate(items):
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.resizeColumnsToContents()
        lay.addWidget(self.table)
        box = QDialogButtonBox(QDialogButtonBox.Close, self)
        box.rejected.connect(self.close)
        lay.addWidget(box)
        self.resize(760, 360)


class LedgerTableView(QTableView):
    """A QTableView for a LedgerTableModel. `message(text)` carries refusals to the page."""

    message = Signal(str)
    filter_requested = Signal(str)  # 按此值筛选: the page searches for the text

    def __init__(self, model: LedgerTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setVerticalHeader(RowNumberHeader(self))
        self.setModel(model)
        self.ledger_model = model
        # fn(menu, index): a page's own entries at the end of the cell menu
        self.extra_menu = None
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setItemDelegate(LedgerDelegate(model, self))
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vh.setDefaultAlignment(Qt.AlignRight | Qt.AlignVCenter)
        hh = self.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(True)
        hh.setSortIndicator(-1, Qt.AscendingOrder)
        self.setSortingEnabled(True)
        self.last_refused: list[tuple[str, str, str, str]] = []
        self.refused_dialog: RefusedDialog | None = None
        self.frozen = FrozenColumn(self, LedgerDelegate(model, self))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if getattr(self, "frozen", None) is not None:
            self.frozen.place()

    # ------------------------------------------------------------- geometry

    def visible_columns(self) -> list[int]:
        """Logical column numbers in the order shown, hidden ones left out."""
        hh = self.horizontalHeader()
        cols = [hh.logicalIndex(v) for v in range(hh.count())]
        return [c for c in cols if not hh.isSectionHidden(c)]

    def _selected_block(self) -> tuple[list[int], list[int]]:
        """Rows and visible columns covered by the selection (ranges, never every index)."""
        sel = self.selectionModel().selection()
        rows: set[int] = set()
        cols: set[int] = set()
        for rng in sel:
            rows.update(range(rng.top(), rng.bottom() + 1))
            cols.update(range(rng.left(), rng.right() + 1))
        if not rows and self.currentIndex().isValid():
            rows, cols = {self.currentIndex().row()}, {self.currentIndex().column()}
        order = self.visible_columns()
        return sorted(rows), [c for c in order if c in cols]

    # ------------------------------------------------------------- keys

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.Paste):
            self.paste()
            return
        if event.keyCombination() == cell_menu.FILL_DOWN[0]:
            cell_menu.fill_down(self)
            return
        if (
            event.key() in (Qt.Key_Delete, Qt.Key_Backspace)
            and self.state() != QAbstractItemView.EditingState
        ):
            self.clear_selection_cells()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        cell_menu.show_menu(self, event.pos())

    def closeEditor(self, editor, hint) -> None:
        # Enter moves to the cell below, as in Excel.
        move = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if move else hint)
        if move:
            cur = self.currentIndex()
            if cur.isValid() and cur.row() + 1 < self.model().rowCount():
                self.setCurrentIndex(cur.siblingAtRow(cur.row() + 1))

    # ------------------------------------------------------------- copy / paste

    def copy_selection(self) -> str:
        rows, cols = self._selected_block()
        if not rows or not cols:
            return ""
        if len(rows) > MAX_COPY_ROWS:
            self.message.emit(self.tr("一次最多复制 {0} 行。").format(MAX_COPY_ROWS))
            return ""
        model = self.ledger_model
        text = to_tsv(model.texts(rows, cols))
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("已复制 {0} 行 × {1} 列").format(len(rows), len(cols)))
        return text

    def paste(self, text: str | None = None) -> None:
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_tsv(text)
        if not block:
            return
        rows, _ = self._selected_block()
        cur = self.currentIndex()
        if not rows and not cur.isValid():
            self.message.emit(self.tr("请先选中要粘贴到的单元格。"))
            return
        sel_rows, sel_cols = self._selected_block()
        top = min(sel_rows) if sel_rows else cur.row()
        order = self.visible_columns()
        left_visual = order.index(sel_cols[0]) if sel_cols else order.index(cur.column())
        if len(block) == 1 and len(block[0]) == 1 and (len(sel_rows) > 1 or len(sel_cols) > 1):
            # One value pasted over a selection fills it, as in Excel.
            targets = [(r, c, block[0][0]) for r in sel_rows for c in sel_cols]
        else:
            targets = []
            for i, line in enumerate(block):
                for j, value in enumerate(line):
                    v = left_visual + j
                    targets.append((top + i, order[v] if v < len(order) else -1, value))
        self.write_cells(targets)

    def clear_selection_cells(self) -> None:
        rows, cols = self._selected_block()
        if len(rows) * len(cols) > 10000:
            self.message.emit(self.tr("一次最多清除 10000 个单元格。"))
            return
        editable = [c for c in cols if self.ledger_model.columns[c].field is not None]
        self.write_cells([(r, c, "") for r in rows for c in editable])

    def write_cells(self, targets: list[tuple[int, int, str]]) -> None:
        """Validate and write (row, column, text) cells as one undo step; list refusals."""
        model = self.ledger_model
        n = model.rowCount()
        refused: list[tuple[str, str, str, str]] = []
        cells = []
        by_key: dict[tuple[int, str], tuple[int, int]] = {}
        model.ensure_rows(sorted({r for r, _, _ in targets if r < n}))
        for r, c, value in targets:
            label = model.columns[c].label if 0 <= c < len(model.columns) else self.tr("（表格外）")
            if r >= n or c < 0:
                refused.append((str(r + 1), label, value, self.tr("超出表格范围，未写入")))
                continue
            col = model.columns[c]
            if col.field is None or model.readonly:
                refused.append((str(r + 1), label, value, self.tr("此列不能修改")))
                continue
            if value == model.text(r, c):
                continue
            rid, uuid = model.record_key(r)
            cells.append((rid, uuid, col.field, value))
            by_key[(rid, col.field)] = (r, c)
        shown = model.versions_of(sorted({by_key[(rid, f)][0] for rid, _, f, _ in cells}))
        changes, refusals = (
            commands.paste(model.ctx, model.entity, cells, shown) if cells else ([], [])
        )
        for ref in refusals:
            r, c = by_key.get((ref.id, ref.field), (-1, -1))
            label = model.columns[c].label if c >= 0 else ref.field
            refused.append((str(r + 1), label, str(ref.raw), ref.reason))
        written = sum(len(ch.fields) for ch in changes)
        self.last_refused = refused
        if refused:
            dlg = RefusedDialog(self, refused, written)
            dlg.show()
            self.refused_dialog = dlg
            self.message.emit(self.tr("{0} 个单元格未写入，原因见列表。").format(len(refused)))
        elif written:
            self.message.emit(self.tr("已写入 {0} 个单元格（可撤销）").format(written))
