"""党费收缴 page: one organization's year as a grid (members × months, the amount paid in
each cell), 本月按应交全部收讫, the payment method for what is typed, the 明细表 as PDF
and the grid as Excel. Every write is one undo step (Ctrl+Z)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.dues import config
from partydesk.dues import months as mo
from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Organization
from ui.dues.grid_model import LEFT, DuesGridModel
from ui.dues.grid_view import DuesView
from ui.errors import show_error
from ui.widgets.colors import bar_style
from ui.widgets.combo import make_searchable


class DuesPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("DuesPage")
        self.model = DuesGridModel(ctx.ledger, self)
        self.model.undo_stack = ctx.undo_stack
        self.model.ask_reason = self._ask_reason
        self.model.report = self._report

        self.org_box = QComboBox()
        make_searchable(self.org_box)
        self.org_box.setMinimumWidth(320)
        self.year_box = QComboBox()
        self.method_box = QComboBox()
        for code, label in config.METHOD_LABELS.items():
            self.method_box.addItem(self.tr(label), code)
        top = QHBoxLayout()
        for label, w in (
            (self.tr("党组织(&O)"), self.org_box),
            (self.tr("年度(&Y)"), self.year_box),
            (self.tr("交纳方式(&M)"), self.method_box),
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            top.addWidget(lab)
            top.addWidget(w)
        top.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("duesMessage")
        self.message.setStyleSheet(bar_style("error", "QLabel#duesMessage"))
        self.message.setWordWrap(True)
        self.message.hide()

        self.view = DuesView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setDefaultSectionSize(64)
        self.view.setColumnWidth(0, 80)
        self.view.setColumnWidth(1, 76)
        self.view.setColumnWidth(2, 70)
        self.view.verticalHeader().setDefaultSectionSize(26)

        self.month_box = QComboBox()
        self.settle_btn = QPushButton(self.tr("本月按应交全部收讫(&A)"))
        self.pdf_btn = QPushButton(self.tr("打印明细表(&P)…"))
        self.xlsx_btn = QPushButton(self.tr("导出Excel(&E)…"))
        self.base_btn = QPushButton(self.tr("登记基数(&B)…"))
        self.import_btn = QPushButton(self.tr("导入工资基数(&I)…"))
        self.relief_btn = QPushButton(self.tr("减免(&J)…"))
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.month_box)
        for b in (
            self.settle_btn,
            self.base_btn,
            self.relief_btn,
            self.import_btn,
            self.pdf_btn,
            self.xlsx_btn,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        hint = QLabel(
            self.tr(
                "格内为已交金额（元）：直接输入即登记；红色为当月已过而未交足，灰色为无需交纳。"
                "修改已登记的金额会冲正原记录并要求写明原因。可从Excel复制一块金额粘贴（Ctrl+V）。"
            )
        )
        hint.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(self.message)
        lay.addWidget(self.view, 1)
        lay.addLayout(bar)

        self.org_box.currentIndexChanged.connect(self._reload)
        self.year_box.currentIndexChanged.connect(self._reload)
        self.method_box.currentIndexChanged.connect(
            lambda *_: setattr(self.model, "method", self.method_box.currentData())
        )
        self.model.modelReset.connect(self._update_summary)
        self.model.dataChanged.connect(self._update_summary)
        self.settle_btn.clicked.connect(self.settle_current_month)
        self.base_btn.clicked.connect(self.edit_base)
        self.relief_btn.clicked.connect(lambda: self.edit_base(relief=True))
        self.import_btn.clicked.connect(self._ask_import)
        self.pdf_btn.clicked.connect(self._ask_pdf)
        self.xlsx_btn.clicked.connect(self._ask_xlsx)
        self.view.selectionModel().currentChanged.connect(self._follow_month)
        self.refresh()

    # --- selection -----------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.org_box.currentData()
        with self.ctx.ledger.session() as s:
            orgs = s.execute(
                select(Organization.id, Organization.name)
                .where(Organization.dissolved_on.is_(None))
                .order_by(Organization.id)
            ).all()
        self.org_box.blockSignals(True)
        self.year_box.blockSignals(True)
        self.org_box.clear()
        for oid, name in orgs:
            self.org_box.addItem(name, oid)
        i = self.org_box.findData(keep) if keep is not None else -1
        self.org_box.setCurrentIndex(i if i >= 0 else (0 if orgs else -1))
        if not self.year_box.count():
            y = date.today().year
            for year in (y, y - 1, y - 2):
                self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.org_box.blockSignals(False)
        self.year_box.blockSignals(False)
        self._reload()

    def set_selection(self, org_id: int, year: int) -> None:
        if self.year_box.findData(year) < 0:
            self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.org_box.setCurrentIndex(self.org_box.findData(org_id))
        self._reload()

    def _reload(self, *_):
        year = self.year_box.currentData()
        self.model.load(self.org_box.currentData(), year)
        self.month_box.clear()
        if year:
            for m in range(1, 13):
                self.month_box.addItem(self.tr("%1月").replace("%1", str(m)), mo.key(year, m))
            today = date.today()
            self.month_box.setCurrentIndex(today.month - 1 if today.year == year else 11)
        self._report("")

    def _follow_month(self, current, _previous):
        k = self.model.month_at(current.column()) if current.isValid() else None
        if k is not None:
            self.month_box.setCurrentIndex(self.month_box.findData(k))

    # --- actions -------------------------------------------------------------------------
    def settle_current_month(self) -> None:
        k = self.month_box.currentData()
        if k is None or self.model.org_id is None:
            return
        done = self.model.settle(k)
        if done is None:
            return
        total = config.yuan(sum(p.amount_fen for p in done.payments))
        text = self.tr("%1按应交全部收讫：%2 笔，共 %3 元。").replace("%1", mo.label(k))
        text = text.replace("%2", str(len(done.payments))).replace("%3", total)
        if done.skipped:
            text += self.tr("未核定基数，未登记：") + "、".join(done.skipped)
        self.summary.setText(text)

    def edit_base(self, relief: bool = False) -> None:
        from ui.dues.bases_dialog import BaseDialog, ReliefDialog

        cur = self.view.currentIndex()
        if not cur.isValid() or self.model.year is None:
            self._report(self.tr("请先在表格中选中一名党员。"))
            return
        row = self.model.rows[cur.row()]
        start = self.model.month_at(cur.column()) or mo.key(self.model.year, 1)
        dialog = ReliefDialog if relief else BaseDialog
        if dialog(self.ctx.ledger, row.person_id, start, self).exec():
            self.model.refresh()

    def import_bases(self, path: str | Path, start: int, *, ask: bool = True):
        """Check a sheet of bases, say what it holds, write it on confirmation."""
        from partydesk.dues import excel as dues_excel
        from ui.widgets.dialogs import confirm

        plan = dues_excel.plan_bases(self.ctx.ledger, path, start)
        text = self.tr("共 %1 行：可导入 %2 行，无变化 %3 行，有错误 %4 行。")
        for a, b in (
            ("%1", plan.total),
            ("%2", len(plan.accepted)),
            ("%3", plan.unchanged),
            ("%4", len(plan.errors)),
        ):
            text = text.replace(a, str(b))
        if plan.errors:
            text += "\n" + "\n".join(plan.errors[:10])
        if plan.accepted and (
            not ask or confirm(self, self.tr("导入工资基数"), text, self.tr("导入"))
        ):
            n = dues_excel.apply_bases(self.ctx.ledger, plan)
            text = self.tr("已导入 %1 人的工资基数（%2起）。").replace("%1", str(n))
            text = text.replace("%2", mo.label(start))
            self.model.refresh()
            self._reload()
        self.summary.setText(text.split("\n")[0])
        if plan.errors:
            self._report("；".join(plan.errors[:10]))
        return plan

    def _ask_import(self):
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入工资基数"), "", "Excel (*.xlsx)")
        if not path:
            return
        year = self.model.year or date.today().year
        try:
            self.import_bases(path, mo.key(year, 1))
        except PartyDeskError as e:
            show_error(self, e)

    def export_pdf(self, path: str | Path) -> Path:
        from partydesk.reports.dues import gather, write_pdf

        with self.ctx.ledger.session() as s:
            sheet = gather(
                s, s.get(Organization, self.model.org_id), self.model.year, self.model.through
            )
        return write_pdf(sheet, path)

    def export_xlsx(self, path: str | Path) -> Path:
        from partydesk.dues.excel import write_detail
        from partydesk.reports.dues import gather

        with self.ctx.ledger.session() as s:
            sheet = gather(
                s, s.get(Organization, self.model.org_id), self.model.year, self.model.through
            )
        return write_detail(sheet, path)

    def _ask_pdf(self):
        """The branch's 党费收缴明细表 in the preview window."""
        from ui.printing import PrintJob, open_preview

        if self.model.org_id is None:
            return None
        name = self.tr("%1%2年党费收缴明细表").replace("%1", self.org_box.currentText())
        name = name.replace("%2", str(self.model.year))

        def write(target, progress, cancelled):
            self.export_pdf(target)
            return -1  # the window counts the pages itself

        self.preview = open_preview(self.window(), PrintJob(name, name + ".pdf", write))
        return self.preview

    print_current = _ask_pdf

    def _ask_xlsx(self):
        self._ask_file(self.tr("导出党费收缴表"), "Excel (*.xlsx)", ".xlsx", self.export_xlsx)

    def _ask_file(self, title, pattern, suffix, fn):
        if self.model.org_id is None:
            return
        name = self.tr("%1%2年党费收缴明细表").replace("%1", self.org_box.currentText())
        name = name.replace("%2", str(self.model.year)) + suffix
        path, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        if not path:
            return
        try:
            out = fn(path)
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.summary.setText(self.tr("已生成：") + str(out))

    def _ask_reason(self, text: str) -> str | None:
        reason, ok = QInputDialog.getText(self, self.tr("更正"), text)
        return reason if ok else None

    def _report(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_summary(self, *_):
        rows = self.model.rows
        if not rows:
            self.summary.setText(self.tr("该党组织本年度没有交纳党费的党员。"))
            return
        due = sum(r.total_due() for r in rows)
        paid = sum(r.total_paid() for r in rows)
        late = sum(1 for r in rows if r.unpaid_months(self.model.through))
        text = self.tr("党员 %1 人，全年应交 %2 元，已交 %3 元；截至%4欠交 %5 人")
        for a, b in (
            ("%1", len(rows)),
            ("%2", config.yuan(due)),
            ("%3", config.yuan(paid)),
            ("%4", mo.label(self.model.through)),
            ("%5", late),
        ):
            text = text.replace(a, str(b))
        self.summary.setText(text)


def create_page(ctx):
    return DuesPage(ctx)


__all__ = ["LEFT", "DuesPage", "create_page"]
