"""A navigation page showing one entity as a table: filter bar, table, detail form, an
inline bar for refusals; add and delete with confirmation.

Long because the page ties the table, its filter bar and its detail form (built after the
first rows) to one another and to the ledger's changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partydesk.ledger import editing, listing, tree
from partydesk.ledger import fields as F
from partydesk.ledger.listing import ListQuery
from ui.table import commands
from ui.table.detail import AddDialog, DetailForm
from ui.table.filterbar import FilterBar
from ui.table.model import LedgerTableModel
from ui.table.view import LedgerTableView
from ui.widgets import table_header
from ui.widgets.colors import bar_style
from ui.widgets.dialogs import confirm
from ui.widgets.first_paint import after_first_paint

MAX_DELETE = 1000
DETAIL_AFTER_MS = 15  # after a reload, the detail form reads its row this much later


@dataclass
class TableState:
    """A table as the user sees it — what "export the table as shown" needs."""

    entity: str
    columns: list[str]  # visible column names, in the order shown
    text: str = ""
    filters: dict[str, list[Any]] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False

    def query(self) -> ListQuery:
        return ListQuery(self.entity, self.text, dict(self.filters), self.sort, self.descending)


class MessageBar(QWidget):
    """A red bar above the table with the reason an edit was refused."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(bar_style("error", "#messageBar", "0px"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        close = QPushButton(self.tr("知道了"), self)
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


# A big table's detail form is built this long after the page's first paint, or this
# long after the page is made if it is not painted (hidden) by then.
DETAIL_AFTER_PAINT_MS = 10
DETAIL_UNPAINTED_MS = 300


class TablePage(QWidget):
    """One entity's table. `summary_changed(text)` gives the counts for the status bar."""

    summary_changed = Signal(str)

    def __init__(self, ctx, entity_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.entity = ctx, entity_key
        self.title = F.entity(entity_key).label
        self.setObjectName(f"page_{entity_key}")
        self._total: int | None = None  # records in the table (共 N 条), known or counted
        self.filterbar = FilterBar(ctx, entity_key, self)
        self.model = LedgerTableModel(ctx, entity_key, self)
        self.view = LedgerTableView(self.model, self)
        self.view.setObjectName(f"table_{entity_key}")
        self.bar = MessageBar(self)
        # The detail form (two dozen editors, the organizations' drop-down) of a big table
        # is built just after the page's first rows are painted, or when first asked for
        # (`detail`); until then an empty panel holds its place in the splitter.
        self._detail: DetailForm | None = None
        self._detail_unread = False
        # After a reload (a search, a sort) the form reads its row on a later turn,
        # once: the rows are painted first, and quick keystrokes read one record.
        self._detail_later = False
        self._detail_slot = QWidget(self)
        self._detail_slot.setMinimumWidth(300)
        self.split = QSplitter(Qt.Horizontal, self)
        self.split.addWidget(self.view)
        self.split.addWidget(self._detail_slot)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([900, 340])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.addWidget(self.filterbar)
        lay.addWidget(self.bar)
        lay.addWidget(self.split, 1)
        self.filterbar.changed.connect(self.apply_filter)
        self.model.refused.connect(self.refuse)
        self.model.loaded.connect(self._on_loaded)
        self.model.modelReset.connect(self._after_reset)
        self.view.message.connect(self._message)
        self.view.filter_requested.connect(self.filterbar.set_search)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(self._update_summary)
        hh = self.view.horizontalHeader()
        hh.setContextMenuPolicy(Qt.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._header_menu)
        if entity_key == "org":
            # 所在单位 is a link, not a cell: a double-click opens its chooser
            self.view.doubleClicked.connect(self._double_clicked)
        self.model.reload()
        self._detail_later = False  # the first rows: the form reads its row when built
        self._restore_header()
        ctx.changes.changed.connect(self._on_changed)
        if self.model.complete and not self.model.pending:
            self._build_detail()  # a small table: every row is read already
        else:
            # A big one (the rest of its ids still to come): its first rows' paint, and
            # whatever else waits, come first — a real timer, started by that paint (a
            # page built in a long turn was otherwise painted and given its form in one
            # wait of the window), or at the latest DETAIL_UNPAINTED_MS after now.
            self._detail_timer = QTimer(self)
            self._detail_timer.setSingleShot(True)
            self._detail_timer.timeout.connect(lambda: self._build_detail(later=True))
            self._detail_timer.start(DETAIL_UNPAINTED_MS)
            after_first_paint(self.view.viewport(), self._detail_after_paint)

    def _detail_after_paint(self) -> None:
        if self._detail is None:
            self._detail_timer.start(DETAIL_AFTER_PAINT_MS)

    @property
    def detail(self) -> DetailForm:
        """The detail form beside the table (built now if it is not yet), showing the
        current row."""
        if self._detail is None:
            self._build_detail()
        elif self._detail_unread:  # built by the timer, its row not read yet: now
            self._detail.finish()
            self._read_current()
        elif self._detail_later:  # a reload's row not read yet: now
            self._read_later()
        return self._detail

    def detail_panel(self) -> QWidget:
        """What stands beside the table: the detail form, or its place until it is built
        (the main window shows or hides it without building it)."""
        return self._detail if self._detail is not None else self._detail_slot

    def _build_detail(self, later: bool = False) -> None:
        if not shiboken6.isValid(self) or self._detail is not None:
            return
        d = self._detail = DetailForm(self.ctx, self.entity, self, incremental=later)
        d.setMinimumWidth(300)
        d.saved.connect(lambda _id: self.bar.hide())
        d.setVisible(not self._detail_slot.isHidden())
        self.split.replaceWidget(1, d)
        self._detail_slot.deleteLater()
        if not later:
            self._current_changed()
            return
        # built by the timer: the current row is read on the next turn (building and
        # reading, each a short wait of the window rather than one long one)
        self._detail_unread = True
        QTimer.singleShot(0, lambda: shiboken6.isValid(self) and self._read_current())

    def _read_current(self) -> None:
        if self._detail_unread and not self._detail.complete:  # still being built: after
            QTimer.singleShot(0, lambda: shiboken6.isValid(self) and self._read_current())
            return
        if self._detail_unread:
            self._detail_unread = False
            self._current_changed()

    # ------------------------------------------------------------ state

    def table_state(self) -> TableState:
        q = self.model.query
        names = [self.model.columns[c].name for c in self.view.visible_columns()]
        return TableState(self.entity, names, q.text, dict(q.filters), q.sort, q.descending)

    def _restore_header(self) -> None:
        cols = [(c.name, c.kind) for c in self.model.columns]
        table_header.restore(self.view.horizontalHeader(), self.entity, cols)

    def save_state(self) -> None:
        table_header.save(self.view.horizontalHeader(), self.entity)

    def _header_menu(self, pos) -> None:
        hh = self.view.horizontalHeader()
        menu = QMenu(self)
        for c, col in enumerate(self.model.columns):
            act = QAction(col.label, menu)
            act.setCheckable(True)
            act.setChecked(not hh.isSectionHidden(c))
            act.toggled.connect(lambda on, c=c: hh.setSectionHidden(c, not on))
            menu.addAction(act)
        menu.exec(hh.mapToGlobal(pos))

    # ------------------------------------------------------------ filtering

    def apply_filter(self) -> None:
        q = self.model.query
        self.model.set_query(
            ListQuery(
                self.entity, self.filterbar.text(), self.filterbar.filters(), q.sort, q.descending
            )
        )

    def refresh(self) -> None:
        self.filterbar.load_choices()
        self.model.reload()

    def _on_changed(self, entity: str, ids, structural: bool) -> None:
        if entity == "org":
            self.detail.reload_orgs()
            if entity != self.entity and self.detail.rec_id is not None:
                self.detail.load(self.detail.rec_id)  # its organization may be renamed
        if entity == self.entity and self.detail.rec_id is not None:
            if ids is None or self.detail.rec_id in ids:
                self.detail.load(self.detail.rec_id)
        if structural and entity in ("org", self.entity):
            QTimer.singleShot(0, self.filterbar.load_choices)
        if structural and entity == self.entity:
            self._total = None  # records were added or removed: count again
            self._on_loaded()

    def _on_loaded(self) -> None:
        m = self.model
        if m.complete and not m.pending and not (m.query.text or m.query.filters):
            self._total = len(m.ids)  # the whole table is shown: no count(*) needed
        elif self._total is None and m.complete:
            with self.ctx.ledger.session() as s:
                self._total = listing.total(s, self.entity)
        self._update_summary()

    def _update_summary(self, *args) -> None:
        m = self.model
        total = self._total
        shown = len(m.ids) if m.complete and not m.pending else None
        filtered = bool(m.query.text or m.query.filters)
        if shown is None and total is None:
            text = self.tr("正在读取…")
        elif shown is None:
            text = self.tr("共 {0} 条，正在读取筛选结果…").format(total)
        elif filtered:
            text = self.tr("共 {0} 条，筛选出 {1} 条").format(total, shown)
        else:
            text = self.tr("共 {0} 条").format(total)
        rows, _ = self._selected_rows_count()
        if rows > 1:
            text += self.tr("，选中 {0} 行").format(rows)
        self.summary = text
        self.summary_changed.emit(text)

    def _selected_rows_count(self) -> tuple[int, int]:
        rows: set[int] = set()
        for rng in self.view.selectionModel().selection():
            rows.update(range(rng.top(), rng.bottom() + 1))
            if len(rows) > 200_000:
                break
        return len(rows), 0

    def _after_reset(self) -> None:
        """A reload (search, filter, sort): keep a current row, so the detail form shows
        something; the form reads it on a later turn of the event loop, after the new
        rows are painted (a record's read is as long as the search itself), and once
        for several quick reloads."""
        if not self._detail_later:
            self._detail_later = True
            # a real timer, not the next turn: the window handles what waits (its paint,
            # input) in between instead of one longer wait
            QTimer.singleShot(
                DETAIL_AFTER_MS, lambda: shiboken6.isValid(self) and self._read_later()
            )
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), self.view.selectionModel().SelectionFlag.NoUpdate
            )

    def _read_later(self) -> None:
        if self._detail_later:
            self._detail_later = False
            self._current_changed()

    def _current_changed(self, *args) -> None:
        if self._detail_later:
            return  # read after the reload's paint (`_read_later`): the row shown then
        idx = self.view.currentIndex()
        rid = (
            self.model.ids[idx.row()] if idx.isValid() and idx.row() < len(self.model.ids) else None
        )
        if self._detail is not None and rid != self._detail.rec_id:
            self._detail.load(rid)  # (a form not built yet loads the current row when it is)

    def _double_clicked(self, index) -> None:
        if self.model.columns[index.column()].name == "hosts":
            rid = self.model.ids[index.row()]
            if self.detail.rec_id != rid:
                self.detail.load(rid)
            self.detail.edit_hosts()

    # ------------------------------------------------------------ messages

    def refuse(self, text: str) -> None:
        """An edit was refused: say why above the table (and in the status bar)."""
        QApplication.beep()
        self.bar.show_text(self.tr("未保存：") + text)
        self.ctx.status(self.tr("未保存：") + text, 10000)

    def _message(self, text: str) -> None:
        self.ctx.status(text, 8000)

    # ------------------------------------------------------------ add / delete

    def add_record(self) -> int | None:
        preset = {}
        if self.entity == "person":
            idx = self.view.currentIndex()
            if idx.isValid():
                c = [col.name for col in self.model.columns].index("org_id")
                preset["org_id"] = self.model.text(idx.row(), c)
        dlg = AddDialog(self.ctx, self.entity, self, preset)
        if not self._exec(dlg) or dlg.snapshot is None:
            return None
        rid = dlg.snapshot.id
        self.select_id(rid)
        text = self.tr("已新增{0}（可撤销）").format(dlg.snapshot.label)
        if self.entity == "org":
            text += self.tr("。请在右侧“所在单位”处选择它所在的单位")
        self.ctx.status(text)
        return rid

    def _exec(self, dlg) -> bool:
        return bool(dlg.exec())

    def select_id(self, rec_id: int) -> None:
        r = self.model.row_of(rec_id)
        if r < 0:  # hidden by the filter: clear it so the new record shows
            self.filterbar.clear()
            r = self.model.row_of(rec_id)
        if r >= 0:
            self.view.setCurrentIndex(self.model.index(r, 0))
            self.view.scrollTo(self.model.index(r, 0))

    def selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for rng in self.view.selectionModel().selection():
            rows.update(range(rng.top(), rng.bottom() + 1))
        if not rows and self.view.currentIndex().isValid():
            rows.add(self.view.currentIndex().row())
        return sorted(rows)

    def delete_selected(self) -> bool:
        rows = self.selected_rows()
        if not rows:
            self.ctx.status(self.tr("请先选中要删除的记录。"))
            return False
        if len(rows) > MAX_DELETE:
            self.refuse(self.tr("一次最多删除 {0} 条记录，请缩小选择。").format(MAX_DELETE))
            return False
        self.model.ensure_rows(rows)
        items = [self.model.record_key(r) for r in rows]
        shown = self.model.versions_of(rows)
        names = [self.model.text(r, 0) for r in rows[:5]]
        label = F.entity(self.entity).label
        more = self.tr("等{0}条").format(len(rows)) if len(rows) > 5 else ""
        lost = ""
        if self.entity == "unit":  # asked first: the coverage it takes away
            with self.ctx.ledger.session() as s:
                lost = tree.coverage_loss(s, [rid for rid, _ in items])
        if not self.confirm(
            self.tr("确定删除{0}“{1}”{2}吗？\n删除后可用“撤销”恢复。").format(
                label, "、".join(names), more
            )
            + ("\n\n" + lost if lost else "")
        ):
            return False
        try:
            error = commands.delete(self.ctx, self.entity, items, versions=shown)
        except editing.HasMembersError as e:
            target = self.ask_move_target(str(e), [rid for rid, _ in items])
            if target is None:
                self.ctx.status(self.tr("已取消删除。"))
                return False
            try:
                error = commands.delete(
                    self.ctx, self.entity, items, move_to=target, versions=shown
                )
            except editing.HasMembersError as e2:
                error = str(e2)
        if error:
            self.refuse(error)
            return False
        self.ctx.status(self.tr("已删除 {0} 条记录（可撤销）").format(len(items)))
        return True

    def print_current(self):
        """The table as shown (search, filters, sort, visible columns) as a PDF list in
        the preview window."""
        from ui.printing import PrintJob, open_preview

        state = self.table_state()
        query, names = state.query(), state.columns
        ledger, title = self.ctx.ledger, self.tr("%1名单").replace("%1", self.title)

        def write(target, progress, cancelled):
            from partydesk.reports.table_list import Cancelled, write_list

            try:
                with ledger.session() as s:
                    return write_list(
                        s, query, names, target, title=title, progress=progress, cancelled=cancelled
                    )
            except Cancelled:
                return None

        return open_preview(self.window(), PrintJob(title, title + ".pdf", write))

    def confirm(self, text: str) -> bool:
        return confirm(self, self.tr("确认删除"), text, self.tr("删除"), destructive=True)

    def ask_move_target(self, reason: str, excluded: list[int]) -> int | None:
        """The organization to move the members to before deleting, or None (cancel)."""
        with self.ctx.ledger.session() as s:
            choices = [(i, n) for i, n in listing.org_choices(s) if i not in excluded]
        box = QMessageBox(QMessageBox.Warning, self.tr("党组织还有人员"), reason, parent=self)
        move = box.addButton(self.tr("转移人员后删除…"), QMessageBox.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.RejectRole)
        if not choices:
            move.setEnabled(False)
        box.exec()
        if box.clickedButton() is not move:
            return None
        names = [n for _, n in choices]
        name, ok = QInputDialog.getItem(
            self, self.tr("转入的党组织"), self.tr("把人员转到："), names, 0, False
        )
        if not ok:
            return None
        return choices[names.index(name)][0]
