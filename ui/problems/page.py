"""问题清单 page: the problem list, open ones first and overdue in red, filtered by state and
searched; register a problem, mark it 办理中, close it (销号 with date and how), mark it 不能解决
(with why) or reopen it — each one undo step — and export the township 问题清单 (Excel)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Unit
from partydesk.ledger.models.develop import Problem
from partydesk.problems import service as svc
from ui.problems.dialogs import CloseDialog, NewProblemDialog
from ui.problems.model import ProblemModel

FIELDS = ("state", "closed_on", "resolution")


class ProblemCommand(QUndoCommand):
    """A problem added (`before` None) or its state changed, by the stored values."""

    def __init__(self, page: ProblemsPage, text: str, pid, before: dict | None, after: dict):
        super().__init__(text)
        self.page, self.pid, self.before, self.after = page, pid, before, after

    def redo(self) -> None:
        with self.page.ctx.ledger.session() as s:
            if self.before is None:
                p = Problem(**self.after)
                s.add(p)
                s.flush()
                self.pid = p.id
                self.after = {**self.after, "uuid": p.uuid}
            else:
                p = s.get(Problem, self.pid)
                for k, v in self.after.items():
                    setattr(p, k, v)
        self.page.reload()

    def undo(self) -> None:
        with self.page.ctx.ledger.session() as s:
            p = s.get(Problem, self.pid)
            if p is not None:
                if self.before is None:
                    s.delete(p)
                else:
                    for k, v in self.before.items():
                        setattr(p, k, v)
        self.page.reload()


class ProblemsPage(QWidget):
    title = QT_TRANSLATE_NOOP("MainWindow", "问题清单")
    WHICH = [
        ("open", QT_TRANSLATE_NOOP("ProblemsPage", "未销号")),
        ("overdue", QT_TRANSLATE_NOOP("ProblemsPage", "逾期")),
        ("closed", QT_TRANSLATE_NOOP("ProblemsPage", "已办结")),
        ("all", QT_TRANSLATE_NOOP("ProblemsPage", "全部")),
    ]

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = ProblemModel(ctx.ledger, self)
        self.which = QComboBox()
        self.which.setObjectName("which")
        for code, label in self.WHICH:
            self.which.addItem(self.tr(label), code)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("问题、单位、党组织或责任人"))
        self.search.setClearButtonEnabled(True)
        self.add_btn = QPushButton(self.tr("登记问题…"))
        self.start_btn = QPushButton(self.tr("办理中"))
        self.solve_btn = QPushButton(self.tr("销号…"))
        self.solve_btn.setObjectName("solve")
        self.unsolvable_btn = QPushButton(self.tr("不能解决…"))
        self.reopen_btn = QPushButton(self.tr("重新列为待办"))
        self.export_btn = QPushButton(self.tr("导出问题清单…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("范围")))
        bar.addWidget(self.which)
        bar.addWidget(self.search, 1)
        for b in (
            self.add_btn,
            self.start_btn,
            self.solve_btn,
            self.unsolvable_btn,
            self.reopen_btn,
            self.export_btn,
        ):
            bar.addWidget(b)
        self.view = QTableView()
        self.view.setObjectName("problems")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        for col, width in enumerate((50, 150, 150, 240, 90, 80, 90, 110)):
            self.view.setColumnWidth(col, width)
        self.view.horizontalHeader().setSectionResizeMode(8, QHeaderView.Stretch)
        self.count = QLabel()
        self.count.setObjectName("count")
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.which.currentIndexChanged.connect(self.reload)
        self.add_btn.clicked.connect(self.new_problem)
        self.start_btn.clicked.connect(lambda: self.set_state("in_progress"))
        self.solve_btn.clicked.connect(lambda: self.close_selected("solved"))
        self.unsolvable_btn.clicked.connect(lambda: self.close_selected("unsolvable"))
        self.reopen_btn.clicked.connect(lambda: self.set_state("open"))
        self.export_btn.clicked.connect(self.export)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    # ---- reading ----
    def reload(self) -> None:
        self.model.which = self.which.currentData()
        self.model.search = self.search.text()
        self.model.reload()
        with self.ctx.ledger.session() as s:
            c = svc.counts(s, date.today())
        self.count.setText(
            self.tr("共 %1 个问题：未销号 %2 个，其中逾期 %3 个；已解决 %4 个；不能解决 %5 个")
            .replace("%1", str(c.total))
            .replace("%2", str(c.open))
            .replace("%3", str(c.overdue))
            .replace("%4", str(c.solved))
            .replace("%5", str(c.unsolvable))
        )
        self._update_buttons()

    def refresh(self) -> None:
        self.reload()

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_):
        r = self.selected()
        is_open = r is not None and r.state in svc.OPEN_STATES
        self.start_btn.setEnabled(is_open and r.state != "in_progress")
        self.solve_btn.setEnabled(is_open)
        self.unsolvable_btn.setEnabled(is_open)
        self.reopen_btn.setEnabled(r is not None and not is_open)

    # ---- changing ----
    def _stored(self, pid: int) -> dict:
        with self.ctx.ledger.session() as s:
            p = s.get(Problem, pid)
            return {k: getattr(p, k) for k in FIELDS}

    def _push(self, cmd: QUndoCommand) -> None:
        self.ctx.undo_stack.push(cmd)
        self.ctx.changes.notify("problem")

    def _planned(self, pid: int, state: str, on=None, how=None) -> dict | str:
        """The stored values the change leads to, or the reason it is refused (the core's
        rules, tried in a transaction that is rolled back)."""
        s = self.ctx.ledger.Session()
        try:
            p = svc.set_state(s, pid, state, on=on, how=how)
            return {k: getattr(p, k) for k in FIELDS}
        except PartyDeskError as e:
            return str(e)
        finally:
            s.rollback()
            s.close()

    def set_state(self, state: str) -> None:
        r = self.selected()
        if r is None:
            return
        after = self._planned(r.id, state)
        if isinstance(after, str):
            self.ctx.status(after)
            return
        label = svc.ProblemState.label_of(state)
        self._push(ProblemCommand(self, self.tr("问题：") + label, r.id, self._stored(r.id), after))

    def close_selected(self, state: str) -> CloseDialog | None:
        r = self.selected()
        if r is None:
            return None
        dlg = CloseDialog(state, r.text, self)
        dlg.validator = lambda v: (
            p if isinstance(p := self._planned(r.id, state, v["on"], v["how"]), str) else None
        )

        def done(res):
            if res:
                v = dlg.values()
                after = self._planned(r.id, state, v["on"], v["how"])
                label = self.tr("销号") if state == "solved" else self.tr("不能解决")
                self._push(ProblemCommand(self, label, r.id, self._stored(r.id), after))

        dlg.finished.connect(done)
        dlg.open()
        return dlg

    def new_problem(self) -> NewProblemDialog:
        with self.ctx.ledger.session() as s:
            units = [tuple(u) for u in s.execute(select(Unit.id, Unit.name).order_by(Unit.name))]
        dlg = NewProblemDialog(units, self)

        def planned(v: dict) -> dict | str:
            s = self.ctx.ledger.Session()
            try:
                p = svc.add_problem(
                    s,
                    v["text"],
                    v["raised_on"],
                    unit_id=v["unit_id"],
                    responsible=v["responsible"],
                    due_on=v["due_on"],
                )
                return {
                    k: getattr(p, k)
                    for k in ("text", "unit_id", "raised_on", "responsible", "due_on", "state")
                }
            except PartyDeskError as e:
                return str(e)
            finally:
                s.rollback()
                s.close()

        dlg.validator = lambda v: p if isinstance(p := planned(v), str) else None

        def done(res):
            if res:
                after = planned(dlg.values())
                self._push(ProblemCommand(self, self.tr("登记问题"), None, None, after))

        dlg.finished.connect(done)
        dlg.open()
        return dlg

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出问题清单"),
            self.tr("问题清单-") + f"{date.today():%Y%m%d}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from partydesk.problems.report import write_problem_report
        from ui.tasks import run_task

        def work(_task):
            with self.ctx.ledger.session() as s:
                return write_problem_report(s, path)

        run_task(
            self,
            self.tr("正在导出问题清单…"),
            work,
            on_done=lambda n: self.ctx.status(
                self.tr("已导出 %1 个问题：%2").replace("%1", str(n)).replace("%2", path)
            ),
        )


def create_page(ctx):
    return ProblemsPage(ctx)
