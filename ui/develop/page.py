"""发展党员 page: the candidates (in the pipeline or followed step by step) with their next
step and its date (late ones in red); the selected candidate's 25 steps with date, who,
document and note; recording a step (refused with the reason the core gives), deleting a
mistaken one, and printing the 发展党员纪实表. Recording is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.develop import service as svc
from partydesk.develop.steps import steps as step_list
from partydesk.errors import PartyDeskError
from partydesk.ledger.enums import Category
from partydesk.ledger.models import Organization, Person
from ui.widgets.colors import cell


class _Table(QAbstractTableModel):
    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.late: set[int] = set()

    def set_rows(self, rows, late=()):
        self.beginResetModel()
        self.rows, self.late = rows, set(late)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ForegroundRole and index.row() in self.late:
            return QBrush(cell("error"))
        return None


class StepCommand(QUndoCommand):
    def __init__(self, page: DevelopPage, person_id: int, values: dict):
        super().__init__(QCoreApplication.translate("DevelopPage", "记录发展步骤"))
        self.page, self.person_id, self.values = page, person_id, values
        self.row_id = None
        self.change = None

    def redo(self) -> None:
        with self.page.ctx.ledger.session() as s:
            row = svc.record_step(s, self.person_id, **self.values)
            self.row_id, self.change = row.id, row.person_change
        self.page.reload(self.person_id)

    def undo(self) -> None:
        with self.page.ctx.ledger.session() as s:
            svc.undo_step(s, self.row_id, self.change)
        self.page.reload(self.person_id)


class DevelopPage(QWidget):
    title = QT_TRANSLATE_NOOP("MainWindow", "发展党员")

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.org = QComboBox()
        self.org.setObjectName("org")
        self.add_btn = QPushButton(self.tr("记录步骤…"))
        self.add_btn.setObjectName("addStep")
        self.del_btn = QPushButton(self.tr("删除所选步骤"))
        self.print_btn = QPushButton(self.tr("打印纪实表…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("党组织")))
        bar.addWidget(self.org, 1)
        for b in (self.add_btn, self.del_btn, self.print_btn):
            bar.addWidget(b)
        self.people = _Table(
            [
                self.tr("姓名"),
                self.tr("类别"),
                self.tr("党组织"),
                self.tr("已记步骤"),
                self.tr("下一步"),
                self.tr("期限"),
            ],
            self,
        )
        self.people_view = self._view("candidates", self.people)
        self.steps = _Table(
            [
                self.tr("步骤"),
                self.tr("内容"),
                self.tr("日期"),
                self.tr("经办人 / 联系人、介绍人"),
                self.tr("材料"),
                self.tr("备注"),
            ],
            self,
        )
        self.steps_view = self._view("steps", self.steps)
        self.next_label = QLabel()
        self.next_label.setObjectName("next")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.steps_view, 1)
        rl.addWidget(self.next_label)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.people_view)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.ids: list[int] = []
        self.step_ids: list[int | None] = []
        self._load_orgs()
        self.org.currentIndexChanged.connect(lambda *_: self.reload())
        self.people_view.selectionModel().selectionChanged.connect(lambda *_: self._show())
        self.add_btn.clicked.connect(self.record_step)
        self.del_btn.clicked.connect(self.delete_step)
        self.print_btn.clicked.connect(self.print_sheet)
        self.reload()

    def _view(self, name: str, model) -> QTableView:
        v = QTableView()
        v.setObjectName(name)
        v.setModel(model)
        v.setSelectionBehavior(QAbstractItemView.SelectRows)
        v.setSelectionMode(QAbstractItemView.SingleSelection)
        v.setEditTriggers(QAbstractItemView.NoEditTriggers)
        v.verticalHeader().setVisible(False)
        v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        v.horizontalHeader().setStretchLastSection(True)
        return v

    def _load_orgs(self) -> None:
        self.org.blockSignals(True)
        self.org.clear()
        self.org.addItem(self.tr("（全部）"), None)
        with self.ctx.ledger.session() as s:
            for oid, name in s.execute(
                select(Organization.id, Organization.name)
                .where(Organization.dissolved_on.is_(None))
                .order_by(Organization.name)
            ):
                self.org.addItem(name, oid)
        self.org.blockSignals(False)

    def set_org(self, org_id: int) -> None:
        self.org.setCurrentIndex(max(0, self.org.findData(org_id)))

    def refresh(self) -> None:
        keep = self.org.currentData()
        self._load_orgs()
        self.set_org(keep) if keep else None
        self.reload()

    def current_person(self) -> int | None:
        rows = self.people_view.selectionModel().selectedRows()
        return self.ids[rows[0].row()] if rows else None

    def reload(self, select_id: int | None = None) -> None:
        select_id = select_id or self.current_person()
        today = date.today()
        oid = self.org.currentData()
        rows, late, self.ids = [], [], []
        with self.ctx.ledger.session() as s:
            names = dict(s.execute(select(Organization.id, Organization.name)).all())
            for p in svc.candidates(s, {oid} if oid else None):
                pr = svc.progress(s, p.id)
                nxt = pr.next.title if pr.next else self.tr("均已完成")
                due = pr.next_due.isoformat() if pr.next_due else ""
                if pr.next_due and pr.deadline and pr.next_due < today:
                    late.append(len(rows))
                    due += self.tr("（逾期）")
                rows.append(
                    [
                        p.name,
                        Category.label_of(p.category),
                        names.get(p.org_id, ""),
                        str(pr.recorded),
                        nxt,
                        due,
                    ]
                )
                self.ids.append(p.id)
        self.people.set_rows(rows, late)
        if select_id in self.ids:
            self.people_view.selectRow(self.ids.index(select_id))
        self._show()

    def _show(self) -> None:
        pid = self.current_person()
        self.add_btn.setEnabled(pid is not None)
        self.print_btn.setEnabled(pid is not None)
        if pid is None:
            self.steps.set_rows([])
            self.step_ids = []
            self.next_label.setText("")
            self.del_btn.setEnabled(False)
            return
        rows, self.step_ids = [], []
        with self.ctx.ledger.session() as s:
            pr = svc.progress(s, pid)
            ids = {
                i for st in pr.states for r in st.records for i in (r.sponsor1_id, r.sponsor2_id)
            }
            ids.discard(None)
            who_of = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
            for st in pr.states:
                for r in st.records:
                    who = r.who or ""
                    if r.sponsor1_id:
                        pair = "、".join(
                            who_of.get(i, "") for i in (r.sponsor1_id, r.sponsor2_id) if i
                        )
                        who = f"{st.step.sponsors}：{pair}" + (f"；{who}" if who else "")
                    rows.append(
                        [
                            str(st.step.no),
                            st.step.name,
                            r.done_on.isoformat(),
                            who,
                            r.document or "",
                            r.note or "",
                        ]
                    )
                    self.step_ids.append(r.id)
                if not st.records:
                    on = st.ledger_date.isoformat() if st.implied and st.ledger_date else ""
                    note = self.tr("（据台账，无步骤记录）") if st.implied else ""
                    rows.append([str(st.step.no), st.step.name, on, "", "", note])
                    self.step_ids.append(None)
            text = self.tr("25个步骤均已完成。")
            if pr.next is not None:
                text = self.tr("下一步：") + pr.next.title
                if pr.next_due:
                    text += self.tr("，期限 ") + pr.next_due.isoformat()
        self.steps.set_rows(rows)
        self.next_label.setText(text)
        self.del_btn.setEnabled(any(self.step_ids))

    def record_step(self):
        from ui.develop.dialog import StepDialog

        pid = self.current_person()
        if pid is None:
            return None
        with self.ctx.ledger.session() as s:
            person = s.get(Person, pid)
            name, org_id = person.name, person.org_id
            pr = svc.progress(s, pid)
            all_steps = [(st.no, st.title, st.sponsors) for st in step_list(s)]
            members = [
                tuple(r)
                for r in s.execute(
                    select(Person.id, Person.name).where(
                        Person.org_id == org_id,
                        Person.category == "full",
                        Person.status == "active",
                        Person.id != pid,
                    )
                )
            ]
            next_no = pr.next.no if pr.next else None
        dlg = StepDialog(name, all_steps, next_no, members, self)

        def check(values: dict) -> str | None:
            s = self.ctx.ledger.Session()
            try:
                svc.record_step(s, pid, **values)
            except PartyDeskError as e:
                return str(e)
            finally:
                s.rollback()
                s.close()
            return None

        dlg.validator = check

        def done(res):
            if res:
                self.ctx.undo_stack.push(StepCommand(self, pid, dlg.values()))
                self.ctx.changes.notify("person", [pid])

        dlg.finished.connect(done)
        dlg.open()
        return dlg

    def delete_step(self) -> None:
        rows = self.steps_view.selectionModel().selectedRows()
        sid = self.step_ids[rows[0].row()] if rows else None
        if sid is None:
            self.ctx.status(self.tr("请选中一条已记录的步骤。"))
            return
        with self.ctx.ledger.session() as s:
            svc.remove_step(s, sid)
        self.reload(self.current_person())

    def print_sheet(self):
        """The candidate's 发展党员纪实表 in the preview window."""
        from ui.printing import PrintJob, open_preview

        pid = self.current_person()
        if pid is None:
            self.ctx.status(self.tr("请先选中一位发展对象。"))
            return None
        ledger = self.ctx.ledger

        def write(target, progress, cancelled):
            from partydesk.reports.develop_sheet import write_sheets

            with ledger.session() as s:
                return write_sheets(s, [pid], target)

        title = self.tr("发展党员纪实表")
        self.preview = open_preview(self.window(), PrintJob(title, title + ".pdf", write))
        return self.preview

    print_current = print_sheet

    def print_to(self, path: str, ids: list[int]) -> None:
        from partydesk.reports.develop_sheet import write_sheets

        with self.ctx.ledger.session() as s:
            n = write_sheets(s, ids, path)
        self.ctx.status(self.tr("已生成纪实表（%1页）：").replace("%1", str(n)) + path)


def create_page(ctx):
    return DevelopPage(ctx)
