"""积分管理: the entry grid (members down, items across, one period), printing and export
of cards and notices, publication (公示), corrections, and the 积分超市.

Typing a count writes it at once (through an undo command on ctx.undo_stack) and updates
the row's totals and everyone's rank. Enter moves down, Tab moves right and on to the next
row — like Excel. A published period is read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QRegularExpressionValidator, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsGoods, PointsItem, PointsRedemption
from partydesk.points import entries, market
from partydesk.points.periods import KIND_LABELS, Period, of
from partydesk.points.schemes import find_scheme, list_schemes
from partydesk.points.totals import Card, compute_cards, entry_counts, fmt
from ui.errors import show_error

FIXED_LEFT = 1  # 姓名


def dialog_buttons(ok_text: str = "确定") -> QDialogButtonBox:
    """OK / cancel buttons with Chinese text (Qt's own translations are not loaded)."""
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    box.button(QDialogButtonBox.Ok).setText(ok_text)
    box.button(QDialogButtonBox.Cancel).setText("取消")
    return box


def confirm(parent, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.AcceptRole)
    box.addButton("取消", QMessageBox.RejectRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


TAIL = ("原始分", "计分", "排名", "星级")


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
        self.band_title = "星级"
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
                    "培养意见" if {b.kind for b in scheme.bands} == {"outcome"} else "星级"
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
                return f"{it.name} {pts}分" + (f"·限{fmt(it.cap)}" if it.cap is not None else "")
            tail = TAIL[section - FIXED_LEFT - len(self.items)]
            return self.band_title if tail == "星级" else self.tr(tail)
        if role == Qt.ToolTipRole and it is not None:
            cap = f"，每期上限 {fmt(it.cap)} 分" if it.cap is not None else ""
            return f"{it.dimension}：{it.name}（每次 {fmt(it.points)} 分{cap}）"
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
            if tail == "原始分":
                return fmt(card.raw)
            if tail == "计分":
                return fmt(card.counted)
            if tail == "排名":
                return str(card.rank)
            return card.band_label
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignVCenter | (Qt.AlignLeft if col == 0 else Qt.AlignCenter))
        if role == Qt.BackgroundRole:
            if self.locked_on is not None or it is None:
                return QBrush(QColor(242, 242, 242))
            return None
        if role == Qt.ForegroundRole and it is not None and it.points < 0:
            return QBrush(QColor(180, 30, 30))
        if role == Qt.ToolTipRole and it is not None:
            line = card.items.get(it.id)
            if line and line.raw != line.counted:
                return f"原始 {fmt(line.raw)} 分，封顶后计 {fmt(line.counted)} 分"
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


class SetCountCommand(QUndoCommand):
    """Undoable: set one person's count of one item in one period."""

    def __init__(
        self, model: PointsGridModel, person_id: int, name: str, item: GridItem, old: int, new: int
    ):
        super().__init__(f"{name} {item.name} {old}→{new}")
        self.model = model
        self.where = model.context()
        self.person_id, self.item_id, self.old, self.new = person_id, item.id, old, new
        self.failed = False

    def _apply(self, count: int) -> None:
        m = self.model
        try:
            m.write_count(self.person_id, self.item_id, count, self.where)
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(m.parent() if isinstance(m.parent(), QWidget) else None, e)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


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


class PointsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("PointsPage")
        self.model = PointsGridModel(ctx.ledger, self)
        self.model.undo_stack = ctx.undo_stack

        self.org_box = QComboBox()
        self.org_box.setEditable(True)
        self.org_box.setInsertPolicy(QComboBox.NoInsert)
        self.org_box.setMinimumWidth(320)
        self.org_box.completer().setFilterMode(Qt.MatchContains)
        self.org_box.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.scheme_box = QComboBox()
        self.period_box = QComboBox()
        self.period_box.setMinimumWidth(130)
        top = QHBoxLayout()
        for label, w in (
            (self.tr("党组织(&O)"), self.org_box),
            (self.tr("积分方案(&S)"), self.scheme_box),
            (self.tr("期间(&P)"), self.period_box),
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            top.addWidget(lab)
            top.addWidget(w)
        top.addStretch(1)

        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockNotice")
        self.lock_label.setStyleSheet(
            "QLabel#lockNotice { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }"
        )
        self.lock_label.setWordWrap(True)
        self.lock_label.hide()

        self.view = GridView()
        self.view.setModel(self.model)
        hh = self.view.horizontalHeader()
        hh.setDefaultSectionSize(92)
        hh.setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
        hh.setMinimumHeight(70)
        self.view.verticalHeader().setDefaultSectionSize(26)

        self.publish_btn = QPushButton(self.tr("公示并锁定(&L)…"))
        self.correct_btn = QPushButton(self.tr("更正(&C)…"))
        self.print_btn = QToolButton()
        self.print_btn.setText(self.tr("打印/导出(&R)"))
        self.print_btn.setPopupMode(QToolButton.InstantPopup)
        self.print_menu = QMenu(self)
        self.print_btn.setMenu(self.print_menu)
        self.propose_btn = QPushButton(self.tr("按会议出勤加分(&M)…"))
        self.settings_btn = QPushButton(self.tr("方案设置(&T)…"))
        self.summary = QLabel()
        bar = QHBoxLayout()
        for b in (
            self.print_btn,
            self.publish_btn,
            self.correct_btn,
            self.propose_btn,
            self.settings_btn,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.summary)

        grid_tab = QWidget()
        gl = QVBoxLayout(grid_tab)
        gl.addWidget(self.lock_label)
        gl.addWidget(self.view, 1)
        gl.addLayout(bar)

        self.market = MarketTab(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(grid_tab, self.tr("积分录入"))
        self.tabs.addTab(self.market, self.tr("积分超市"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)

        self.scheme_box.currentIndexChanged.connect(self._scheme_changed)
        self.org_box.currentIndexChanged.connect(self._reload)
        self.org_box.currentIndexChanged.connect(lambda *_: self.market.refresh())
        self.period_box.currentIndexChanged.connect(self._reload)
        self.model.locked_changed.connect(self._show_lock)
        self.model.modelReset.connect(self._update_summary)
        self.model.dataChanged.connect(self._update_summary)
        self.publish_btn.clicked.connect(self.publish)
        self.correct_btn.clicked.connect(self.correct)
        self.propose_btn.clicked.connect(self.propose_from_meeting)
        self.settings_btn.clicked.connect(self.edit_scheme)
        self._build_print_menu()
        self.refresh()

    # --- selection -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload organizations and schemes (the ledger changed)."""
        keep_org = self.org_box.currentData()
        keep_scheme = self.scheme_box.currentData()
        with self.ctx.ledger.session() as s:
            orgs = s.execute(
                select(Organization.id, Organization.name)
                .where(Organization.dissolved_on.is_(None))
                .order_by(Organization.id)
            ).all()
            schemes = [(sc.id, sc.name, sc.period) for sc in list_schemes(s)]
        for box in (self.org_box, self.scheme_box):
            box.blockSignals(True)
            box.clear()
        for oid, name in orgs:
            self.org_box.addItem(name, oid)
        for sid, name, period in schemes:
            self.scheme_box.addItem(f"{name}（{KIND_LABELS[period]}）", sid)
        for box, keep in ((self.org_box, keep_org), (self.scheme_box, keep_scheme)):
            i = box.findData(keep) if keep is not None else -1
            box.setCurrentIndex(i if i >= 0 else (0 if box.count() else -1))
            box.blockSignals(False)
        self._scheme_changed()
        self.market.refresh()

    def _scheme_kind(self) -> str:
        sid = self.scheme_box.currentData()
        if sid is None:
            return "month"
        with self.ctx.ledger.session() as s:
            return find_scheme(s, sid).period

    def _scheme_changed(self, *_):
        kind = self._scheme_kind()
        today = date.today()
        keep = self.period_box.currentData()
        self.period_box.blockSignals(True)
        self.period_box.clear()
        p = of(date(today.year - 1, 1, 1), kind)
        current = of(today, kind)
        while p.start <= date(today.year, 12, 31):
            self.period_box.addItem(p.label, p.key)
            p = p.next()
        i = self.period_box.findData(keep) if keep else -1
        if i < 0:
            i = self.period_box.findData(current.key)
        self.period_box.setCurrentIndex(max(i, 0))
        self.period_box.blockSignals(False)
        self._reload()

    def set_selection(self, org_id: int, scheme_id: int, period_key: str) -> None:
        """Select an organization, scheme and period (as the user would)."""
        self.scheme_box.setCurrentIndex(self.scheme_box.findData(scheme_id))
        self.org_box.setCurrentIndex(self.org_box.findData(org_id))
        self.period_box.setCurrentIndex(self.period_box.findData(period_key))
        self._reload()

    def current_period(self) -> Period | None:
        from partydesk.points.periods import parse

        key = self.period_box.currentData()
        return parse(key) if key else None

    def _reload(self, *_):
        self.model.load(
            self.scheme_box.currentData(), self.org_box.currentData(), self.current_period()
        )
        self._fit_columns()
        # A scheme rated on a longer period (党员量化积分: stars for the year) has no band on
        # its monthly grid; the band column would only ever be empty there.
        # (The header keeps hidden sections by position across model resets.)
        for c in range(self.model.columnCount()):
            self.view.setColumnHidden(
                c, c == self.model.columnCount() - 1 and not self.model.banded
            )
        if self.model.rowCount() and self.model.items:
            self.view.setCurrentIndex(self.model.index(0, FIXED_LEFT))

    def _fit_columns(self) -> None:
        """Item columns share the width left after the name and the totals, so rank and
        band stay in sight (narrowest 56 px, widest 92 px; beyond that the grid scrolls)."""
        n = len(self.model.items)
        if not self.model.columnCount():
            return
        self.view.resizeColumnToContents(0)
        first_tail = FIXED_LEFT + n
        tail_w = [60, 60, 48, 110]
        for k, w in enumerate(tail_w):
            self.view.setColumnWidth(first_tail + k, w)
        visible_tail = sum(tail_w) - (0 if self.model.banded else tail_w[-1])
        room = self.view.viewport().width() - self.view.columnWidth(0) - visible_tail - 4
        width = max(56, min(92, room // max(n, 1)))
        for c in range(FIXED_LEFT, first_tail):
            self.view.setColumnWidth(c, width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _show_lock(self, locked: bool) -> None:
        if locked:
            self.lock_label.setText(
                self.tr(
                    "本期积分已于 {0} 公示，已锁定，只能查看，不能直接修改。"
                    "如需更正，请点“更正…”录入冲正记录并写明原因。"
                ).format(self.model.locked_on.isoformat())
            )
        self.lock_label.setVisible(locked)
        self.publish_btn.setEnabled(not locked and self.model.rowCount() > 0)
        self.correct_btn.setEnabled(locked)
        self.propose_btn.setEnabled(not locked)

    def _update_summary(self, *_):
        cards = self.model.cards
        if not cards:
            self.summary.setText(self.tr("本组织没有参加该积分方案的人员。"))
            return
        avg = sum(c.counted for c in cards) / len(cards)
        self.summary.setText(
            self.tr("共 {0} 人，平均 {1} 分，最高 {2} 分").format(
                len(cards), fmt(avg), fmt(max(c.counted for c in cards))
            )
        )

    # --- actions -------------------------------------------------------------------------
    def _context(self, s):
        scheme = find_scheme(s, self.model.scheme_id)
        org = s.get(Organization, self.model.org_id)
        return scheme, org

    def publish(self) -> None:
        if self.model.scheme_id is None or self.model.period is None:
            return
        p = self.model.period
        if not confirm(
            self,
            self.tr("公示"),
            self.tr(
                "公示{0}{1}后，本期积分将锁定，不能再修改（只能冲正更正）。确定公示吗？"
            ).format(self.org_box.currentText(), p.label),
            self.tr("公示并锁定"),
        ):
            return
        try:
            with self.ctx.ledger.session() as s:
                scheme, org = self._context(s)
                entries.publish(s, scheme, org, p)
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.ctx.status(self.tr("已公示并锁定：{0}").format(p.label))
        self._reload()

    def correct(self) -> None:
        idx = self.view.currentIndex()
        it = self.model.item_at(idx.column()) if idx.isValid() else None
        if it is None:
            QMessageBox.information(
                self, self.tr("更正"), self.tr("请先选中要更正的人员和积分项目所在的格子。")
            )
            return
        card = self.model.cards[idx.row()]
        dlg = CorrectionDialog(
            self, card.name, it.name, self.model.counts.get((card.person_id, it.id), 0)
        )
        if dlg.exec() != QDialog.Accepted:
            return
        try:
            with self.ctx.ledger.session() as s:
                scheme, org = self._context(s)
                entries.correct_cell(
                    s,
                    scheme,
                    org,
                    s.get(Person, card.person_id),
                    s.get(PointsItem, it.id),
                    self.model.period,
                    dlg.count.value(),
                    dlg.reason.text(),
                )
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.model.refresh_totals()
        self.ctx.status(self.tr("已冲正更正：{0} {1}").format(card.name, it.name))

    def _build_print_menu(self) -> None:
        m = self.print_menu
        m.clear()
        for kind, label in (
            ("notice", self.tr("积分公示")),
            ("cards", self.tr("积分卡（一人一卡）")),
        ):
            m.addAction(
                self.tr("打印本期{0}…").format(label),
                lambda k=kind: self.print_sheet(k, year=False),
            )
            m.addAction(
                self.tr("打印全年{0}…").format(label), lambda k=kind: self.print_sheet(k, year=True)
            )
        m.addSeparator()
        m.addAction(
            self.tr("本期积分公示导出Excel…"), lambda: self.print_sheet("notice", False, True)
        )
        m.addAction(self.tr("本期积分卡导出Excel…"), lambda: self.print_sheet("cards", False, True))

    def print_sheet(
        self, kind: str, year: bool = False, excel: bool = False, path: str | None = None
    ) -> None:
        from partydesk.reports import points as report
        from ui.tasks import run_task

        if self.model.period is None or self.model.org_id is None:
            return
        period = Period(self.model.period.year, "year") if year else self.model.period
        what = self.tr("积分公示") if kind == "notice" else self.tr("积分卡")
        if path is None:
            suffix = "xlsx" if excel else "pdf"
            default = f"{self.org_box.currentText()}{period.label}{what}.{suffix}"
            filt = "Excel (*.xlsx)" if excel else "PDF (*.pdf)"
            path, _ = QFileDialog.getSaveFileName(self, what, default, filt)
            if not path:
                return
        try:
            with self.ctx.ledger.session() as s:
                scheme, org = self._context(s)
                sheet = report.gather(s, scheme, org, period)
        except PartyDeskError as e:
            show_error(self, e)
            return

        def work(task):
            return report.write(kind, sheet, path, progress=lambda f, t: task.progress(f, t))

        run_task(
            self,
            self.tr("正在生成{0}…").format(what),
            work,
            on_done=lambda p: self.ctx.status(self.tr("已生成：{0}").format(p)),
        )

    def edit_scheme(self) -> None:
        sid = self.scheme_box.currentData()
        if sid is None:
            return
        dlg = SchemeDialog(self, sid)
        if dlg.exec() == QDialog.Accepted:
            self.ctx.status(self.tr("积分方案已保存"))
            self.refresh()

    def propose_from_meeting(self) -> None:
        """Open the review dialog of entries proposed from a meeting's attendance."""
        if self.model.period is None or self.model.org_id is None:
            return
        dlg = AttendanceDialog(self)
        if not dlg.meeting.count():
            QMessageBox.information(
                self,
                self.tr("按会议出勤加分"),
                self.tr("{0}没有记有出席人员的会议纪实。请先在“工作纪实”中登记会议。").format(
                    self.model.period.label
                ),
            )
            return
        if dlg.exec() != QDialog.Accepted:
            return
        kept = dlg.kept()
        if not kept:
            return
        cmd = SaveProposalsCommand(self, kept, dlg.meeting.currentText())
        self.ctx.undo_stack.push(cmd)
        if not cmd.failed:
            self.ctx.status(self.tr("已按会议出勤加分：{0} 人").format(len(kept)))


class SchemeDialog(QDialog):
    """方案设置: base, floor, ceiling, items (points, cap) and bands of one scheme — the
    numbers every county sets differently. Entries already made keep their points."""

    ITEM_COLS = ("方面", "项目名称", "每次分值", "每期上限", "启用")
    BAND_COLS = ("起点分", "名称", "星数")

    def __init__(self, page: PointsPage, scheme_id: int):
        super().__init__(page)
        self.page, self.scheme_id = page, scheme_id
        self.resize(720, 620)
        with page.ctx.ledger.session() as s:
            sc = find_scheme(s, scheme_id)
            self.setWindowTitle(self.tr("方案设置 — {0}").format(sc.name))
            data = dict(
                base=sc.base_points,
                floor=sc.floor,
                ceiling=sc.ceiling,
                items=[
                    (it.id, it.dimension or "", it.name, it.points, it.cap, it.active)
                    for it in sc.items
                ],
                bands=[(b.min_points, b.label, b.stars) for b in sc.bands],
                kind=sc.bands[0].kind if sc.bands else "star",
            )
        self.kind = data["kind"]
        self.base = QDoubleSpinBox()
        self.base.setRange(-1000, 1000)
        self.base.setValue(data["base"])
        self.floor = self._optional_spin(data["floor"])
        self.ceiling = self._optional_spin(data["ceiling"])
        form = QFormLayout()
        form.addRow(self.tr("基础分(&B)"), self.base)
        form.addRow(self.tr("最低分(&F)"), self.floor)
        form.addRow(self.tr("最高分(&C)"), self.ceiling)
        self.items = QTableWidget(0, len(self.ITEM_COLS))
        self.items.setHorizontalHeaderLabels([self.tr(c) for c in self.ITEM_COLS])
        self.items.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for row in data["items"]:
            self._add_item_row(*row)
        add_item = QPushButton(self.tr("添加项目(&A)"))
        add_item.clicked.connect(lambda: self._add_item_row(None, "", "", 1.0, None, True))
        self.bands = QTableWidget(0, len(self.BAND_COLS))
        self.bands.setHorizontalHeaderLabels([self.tr(c) for c in self.BAND_COLS])
        self.bands.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for lo, label, stars in data["bands"]:
            self._add_band_row(lo, label, stars)
        add_band = QPushButton(self.tr("添加分档(&D)"))
        add_band.clicked.connect(lambda: self._add_band_row(0, "", None))
        buttons = dialog_buttons("保存")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("积分项目（扣分项分值写负数；每期上限留空为不封顶）：")))
        lay.addWidget(self.items, 3)
        lay.addWidget(add_item)
        lay.addWidget(QLabel(self.tr("分档（总分达到起点分即属该档；星数可空）：")))
        lay.addWidget(self.bands, 2)
        lay.addWidget(add_band)
        lay.addWidget(buttons)

    def _optional_spin(self, value):
        sp = QDoubleSpinBox()
        sp.setRange(-1001, 1000)
        sp.setSpecialValueText(self.tr("不设"))
        sp.setValue(-1001 if value is None else value)
        return sp

    @staticmethod
    def _cell(text) -> QTableWidgetItem:
        return QTableWidgetItem(
            "" if text is None else (fmt(text) if isinstance(text, float) else str(text))
        )

    def _add_item_row(self, item_id, dim, name, points, cap, active):
        r = self.items.rowCount()
        self.items.insertRow(r)
        for c, v in enumerate((dim, name, points, cap)):
            self.items.setItem(r, c, self._cell(v))
        self.items.item(r, 0).setData(Qt.UserRole, item_id)
        chk = QTableWidgetItem()
        chk.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
        chk.setCheckState(Qt.Checked if active else Qt.Unchecked)
        self.items.setItem(r, 4, chk)

    def _add_band_row(self, lo, label, stars):
        r = self.bands.rowCount()
        self.bands.insertRow(r)
        for c, v in enumerate((float(lo), label, stars)):
            self.bands.setItem(r, c, self._cell(v))

    @staticmethod
    def _number(text: str, what: str, row: int, optional: bool = False):
        t = (text or "").strip()
        if not t and optional:
            return None
        try:
            return float(t)
        except ValueError:
            raise ValidationError(f"第 {row + 1} 行的{what}应为数字：{t or '（空）'}") from None

    def save(self) -> None:
        from partydesk.points import schemes as sch

        def text(table, r, c):
            it = table.item(r, c)
            return it.text() if it is not None else ""

        try:
            with self.page.ctx.ledger.session() as s:
                sc = find_scheme(s, self.scheme_id)
                sch.update_scheme(
                    s,
                    sc,
                    base_points=self.base.value(),
                    floor=None
                    if self.floor.value() == self.floor.minimum()
                    else self.floor.value(),
                    ceiling=None
                    if self.ceiling.value() == self.ceiling.minimum()
                    else self.ceiling.value(),
                )
                for r in range(self.items.rowCount()):
                    name = text(self.items, r, 1).strip()
                    iid = self.items.item(r, 0).data(Qt.UserRole)
                    if not name and iid is None:
                        continue  # an added row left empty
                    pts = self._number(text(self.items, r, 2), "每次分值", r)
                    cap = self._number(text(self.items, r, 3), "每期上限", r, optional=True)
                    active = self.items.item(r, 4).checkState() == Qt.Checked
                    dim = text(self.items, r, 0)
                    if iid is None:
                        it = sch.add_item(s, sc, name, pts, cap=cap, dimension=dim or None)
                        it.active = active
                    else:
                        sch.update_item(
                            s,
                            s.get(PointsItem, iid),
                            name=name,
                            points=pts,
                            cap=cap,
                            dimension=dim,
                            active=active,
                        )
                bands = []
                for r in range(self.bands.rowCount()):
                    label = text(self.bands, r, 1).strip()
                    if not label and not text(self.bands, r, 0).strip():
                        continue
                    lo = self._number(text(self.bands, r, 0), "起点分", r)
                    stars = self._number(text(self.bands, r, 2), "星数", r, optional=True)
                    bands.append((lo, label, None if stars is None else int(stars)))
                sch.set_bands(s, sc, bands, self.kind)
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.accept()


class CorrectionDialog(QDialog):
    def __init__(self, parent, name: str, item: str, current: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("冲正更正"))
        form = QFormLayout(self)
        form.addRow(self.tr("人员"), QLabel(name))
        form.addRow(self.tr("积分项目"), QLabel(item))
        form.addRow(self.tr("公示时次数"), QLabel(str(current)))
        self.count = QSpinBox()
        self.count.setRange(0, 999)
        self.count.setValue(current)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填，如：录错人员"))
        form.addRow(self.tr("更正为(&N)"), self.count)
        form.addRow(self.tr("更正原因(&R)"), self.reason)
        buttons = dialog_buttons()
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self):
        if not self.reason.text().strip():
            QMessageBox.warning(self, self.tr("冲正更正"), self.tr("请写明更正原因。"))
            return
        self.accept()


class AttendanceDialog(QDialog):
    """Review the entries proposed from one meeting: untick anyone who should not get them."""

    def __init__(self, page: PointsPage):
        from partydesk.points import attendance

        super().__init__(page)
        self.page = page
        self.attendance = attendance
        self.setWindowTitle(self.tr("按会议出勤加分"))
        self.resize(560, 520)
        self.meeting = QComboBox()
        self.item = QComboBox()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("人员类别"), self.tr("说明")]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.buttons = dialog_buttons()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("会议(&M)"), self.meeting)
        form.addRow(self.tr("积分项目(&I)"), self.item)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("出席人员（取消勾选即不加分）：")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        m = page.model
        with page.ctx.ledger.session() as s:
            from partydesk.ledger.models.work import RecordKind

            self._kinds = {}
            for rec in attendance.meetings_of(s, m.org_id, m.period.start, m.period.end):
                self.meeting.addItem(
                    f"{rec.held_at:%Y-%m-%d} {RecordKind.label_of(rec.kind)}（第{rec.seq}次）",
                    rec.id,
                )
                self._kinds[rec.id] = rec.kind
        for it in m.items:
            if it.points > 0:
                self.item.addItem(f"{it.name}（+{fmt(it.points)}分）", it.id)
        self.proposals = []
        self.meeting.currentIndexChanged.connect(self._meeting_changed)
        self.item.currentIndexChanged.connect(self._fill)
        self._meeting_changed()

    def _meeting_changed(self, *_):
        rid = self.meeting.currentData()
        if rid is None:
            return
        with self.page.ctx.ledger.session() as s:
            scheme = find_scheme(s, self.page.model.scheme_id)
            it = self.attendance.suggest_item(s, scheme, self._kinds[rid])
        if it is not None:
            self.item.blockSignals(True)
            self.item.setCurrentIndex(max(self.item.findData(it.id), 0))
            self.item.blockSignals(False)
        self._fill()

    def _fill(self, *_):
        from partydesk.ledger.enums import Category

        rid, iid = self.meeting.currentData(), self.item.currentData()
        if rid is None or iid is None:
            return
        with self.page.ctx.ledger.session() as s:
            self.proposals = self.attendance.propose_from_attendance(s, rid, iid)
        self.table.setRowCount(len(self.proposals))
        for r, p in enumerate(self.proposals):
            name = QTableWidgetItem(p.name)
            if p.ok:
                name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
                name.setCheckState(Qt.Checked)
            else:
                name.setFlags(Qt.ItemIsSelectable)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(Category.label_of(p.category)))
            self.table.setItem(r, 2, QTableWidgetItem(p.problem or self.tr("加分")))
        n = len(self.kept())
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存 {0} 条").format(n))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(n > 0)

    def kept(self) -> list:
        return [
            p
            for r, p in enumerate(self.proposals)
            if p.ok
            and self.table.item(r, 0) is not None
            and self.table.item(r, 0).checkState() == Qt.Checked
        ]


class SaveProposalsCommand(QUndoCommand):
    """Undoable: the entries kept from a meeting's proposals."""

    def __init__(self, page: PointsPage, proposals: list, label: str):
        super().__init__(f"按会议出勤加分：{label}")
        self.page, self.proposals, self.ids, self.failed = page, proposals, [], False

    def redo(self):
        from partydesk.points import attendance

        try:
            with self.page.ctx.ledger.session() as s:
                self.ids = [e.id for e in attendance.save_proposals(s, self.proposals)]
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(self.page, e)
        self.page.model.refresh_totals()

    def undo(self):
        from partydesk.ledger.models.points import PointsEntry

        try:
            with self.page.ctx.ledger.session() as s:
                for eid in self.ids:
                    e = s.get(PointsEntry, eid)
                    if e is not None:
                        entries.delete_entry(s, e)
        except PartyDeskError as e:
            show_error(self.page, e)
        self.page.model.refresh_totals()


class RedeemCommand(QUndoCommand):
    """Undoable redemption in the 积分超市."""

    def __init__(self, tab: MarketTab, person_id: int, goods_id: int, qty: int, label: str):
        super().__init__(label)
        self.tab, self.person_id, self.goods_id, self.qty = tab, person_id, goods_id, qty
        self.redemption_id: int | None = None
        self.failed = False

    def redo(self):
        try:
            with self.tab.ctx.ledger.session() as s:
                r = market.redeem(
                    s, s.get(Person, self.person_id), s.get(PointsGoods, self.goods_id), self.qty
                )
                self.redemption_id = r.id
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(self.tab, e)
        self.tab.refresh()

    def undo(self):
        if self.redemption_id is not None:
            with self.tab.ctx.ledger.session() as s:
                market.cancel_redemption(s, self.redemption_id)
            self.redemption_id = None
        self.tab.refresh()


class MarketTab(QWidget):
    """积分超市: goods on the left, a redemption form and the organization's redemptions."""

    def __init__(self, ctx, page: PointsPage):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.goods = QTableWidget(0, 3)
        self.goods.setHorizontalHeaderLabels(
            [self.tr("商品"), self.tr("所需积分"), self.tr("库存")]
        )
        self.goods.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.goods.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.goods.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        add_goods = QPushButton(self.tr("上架商品(&G)…"))
        add_goods.clicked.connect(self.add_goods)

        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.NoInsert)
        self.person.completer().setFilterMode(Qt.MatchContains)
        self.goods_box = QComboBox()
        self.qty = QSpinBox()
        self.qty.setRange(1, 99)
        self.balance = QLabel()
        self.balance.setObjectName("balance")
        self.redeem_btn = QPushButton(self.tr("兑换(&X)"))
        self.redeem_btn.clicked.connect(self.redeem)
        self.person.currentIndexChanged.connect(self._show_balance)
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("姓名"), self.tr("商品"), self.tr("数量"), self.tr("积分")]
        )
        self.history.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("商品")))
        left.addWidget(self.goods, 1)
        left.addWidget(add_goods)
        form = QFormLayout()
        form.addRow(self.tr("兑换人(&W)"), self.person)
        form.addRow(self.tr("可用积分"), self.balance)
        form.addRow(self.tr("商品(&D)"), self.goods_box)
        form.addRow(self.tr("数量(&Q)"), self.qty)
        form.addRow("", self.redeem_btn)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("本组织兑换记录")))
        right.addWidget(self.history, 1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 2)
        lay.addLayout(right, 3)

    def refresh(self) -> None:
        org_id = self.page.org_box.currentData() if hasattr(self.page, "org_box") else None
        keep_person = self.person.currentData()
        keep_goods = self.goods_box.currentData()
        with self.ctx.ledger.session() as s:
            goods = [(g.id, g.name, g.price, g.stock, g.unit_label) for g in market.list_goods(s)]
            people = (
                s.execute(
                    select(Person.id, Person.name)
                    .where(Person.org_id == org_id, Person.status == "active")
                    .order_by(Person.id)
                ).all()
                if org_id
                else []
            )
            hist = (
                s.execute(
                    select(
                        PointsRedemption.on,
                        Person.name,
                        PointsGoods.name,
                        PointsRedemption.quantity,
                        PointsRedemption.points,
                    )
                    .join(Person, Person.id == PointsRedemption.person_id)
                    .join(PointsGoods, PointsGoods.id == PointsRedemption.goods_id)
                    .where(Person.org_id == org_id)
                    .order_by(PointsRedemption.on.desc(), PointsRedemption.id.desc())
                    .limit(500)
                ).all()
                if org_id
                else []
            )
        self.goods.setRowCount(len(goods))
        self.goods_box.blockSignals(True)
        self.goods_box.clear()
        for r, (gid, name, price, stock, unit) in enumerate(goods):
            for c, v in enumerate(
                (name, fmt(price), "不计" if stock is None else f"{stock}{unit or ''}")
            ):
                self.goods.setItem(r, c, QTableWidgetItem(v))
            self.goods_box.addItem(f"{name}（{fmt(price)}分）", gid)
        i = self.goods_box.findData(keep_goods)
        self.goods_box.setCurrentIndex(max(i, 0))
        self.goods_box.blockSignals(False)
        self.person.blockSignals(True)
        self.person.clear()
        for pid, name in people:
            self.person.addItem(name, pid)
        i = self.person.findData(keep_person)
        self.person.setCurrentIndex(max(i, 0) if people else -1)
        self.person.blockSignals(False)
        self.history.setRowCount(len(hist))
        for r, (on, name, gname, qty, pts) in enumerate(hist):
            for c, v in enumerate((on.isoformat(), name, gname, str(qty), fmt(pts))):
                self.history.setItem(r, c, QTableWidgetItem(v))
        self._show_balance()

    def _show_balance(self, *_):
        pid = self.person.currentData()
        if pid is None:
            self.balance.setText("—")
            return
        with self.ctx.ledger.session() as s:
            b = market.balance(s, pid)
        self.balance.setText(
            self.tr("{0} 分（累计获得 {1}，已兑换 {2}）").format(
                fmt(b.available), fmt(b.earned), fmt(b.spent)
            )
        )

    def redeem(self) -> None:
        pid, gid = self.person.currentData(), self.goods_box.currentData()
        if pid is None or gid is None:
            QMessageBox.information(self, self.tr("兑换"), self.tr("请选择兑换人和商品。"))
            return
        label = (
            f"{self.person.currentText()} 兑换 {self.goods_box.currentText()}×{self.qty.value()}"
        )
        cmd = RedeemCommand(self, pid, gid, self.qty.value(), label)
        self.ctx.undo_stack.push(cmd)
        if not cmd.failed:
            self.ctx.status(self.tr("已兑换：{0}").format(label))

    def add_goods(self) -> None:
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("上架商品"))
        form = QFormLayout(dlg)
        name = QLineEdit()
        price = QDoubleSpinBox()
        price.setRange(0.5, 100000)
        price.setDecimals(1)
        price.setValue(10)
        stock = QSpinBox()
        stock.setRange(-1, 100000)
        stock.setSpecialValueText(self.tr("不计库存"))
        stock.setValue(-1)
        unit = QLineEdit()
        unit.setPlaceholderText(self.tr("件"))
        form.addRow(self.tr("名称(&N)"), name)
        form.addRow(self.tr("所需积分(&P)"), price)
        form.addRow(self.tr("库存(&S)"), stock)
        form.addRow(self.tr("单位(&U)"), unit)
        buttons = dialog_buttons()
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        form.addRow(buttons)
        if dlg.exec() != QDialog.Accepted:
            return
        try:
            with self.ctx.ledger.session() as s:
                market.add_goods(
                    s,
                    name.text(),
                    price.value(),
                    stock=None if stock.value() < 0 else stock.value(),
                    unit_label=unit.text().strip() or None,
                )
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.refresh()


def create_page(ctx):
    return PointsPage(ctx)
