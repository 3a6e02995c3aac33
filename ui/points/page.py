"""积分管理 page: the entry grid of one organization and period, printing and export of
cards and notices, publication (公示), corrections, and the 积分超市 tab.

A published period is read-only.

Long because the toolbar's actions (print, export, publish, correct, attendance)
all share the page's one state (organization, scheme, period) and read best together."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsItem
from partydesk.points import entries
from partydesk.points.periods import KIND_LABELS, Period, of
from partydesk.points.schemes import find_scheme, list_schemes
from partydesk.points.totals import fmt
from ui.errors import show_error
from ui.points.attendance_dialog import AttendanceDialog
from ui.points.commands import SaveProposalsCommand
from ui.points.correction_dialog import CorrectionDialog
from ui.points.grid_model import FIXED_LEFT, PointsGridModel
from ui.points.grid_view import GridView
from ui.points.market import MarketTab
from ui.points.scheme_dialog import SchemeDialog
from ui.widgets.colors import bar_style
from ui.widgets.combo import make_searchable
from ui.widgets.dialogs import confirm


class PointsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("PointsPage")
        self.model = PointsGridModel(ctx.ledger, self)
        self.model.undo_stack = ctx.undo_stack

        self.org_box = QComboBox()
        make_searchable(self.org_box)
        self.org_box.setMinimumWidth(320)
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
        self.lock_label.setStyleSheet(bar_style("warn", "QLabel#lockNotice", "6px"))
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
        if path is None and not excel:
            from ui.points.printing import preview

            self.preview = preview(self, kind, period, what)
            return self.preview
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

    def print_current(self):
        """Ctrl+P: this period's 积分公示 in the preview window."""
        return self.print_sheet("notice")

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


def create_page(ctx):
    return PointsPage(ctx)
