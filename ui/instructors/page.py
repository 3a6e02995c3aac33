"""Navigation page 党建指导员: the instructors table (editable, from ui.table), and below it
the selected instructor's units over time, everyone's duty cadence for the year with what
is missing marked, the yearly assessment, and the units that have no instructor.

Long because the four tabs below the table share the page's one selection and reload
together, and their translated column headers are written out one per line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.certs import instructors as ins
from partydesk.ledger.enums import UnitKind
from partydesk.ledger.models import Instructor, Organization
from partydesk.ledger.models.certs import AssessmentGrade
from ui.errors import in_session
from ui.instructors.assign_dialog import AssignDialog
from ui.widgets.colors import cell
from ui.widgets.dates import to_date
from ui.widgets.rows import RowsModel, make_view


class InstructorsPage(QWidget):
    summary_changed = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("党建指导员")
        self.setObjectName("page_instructors")
        self.summary = ""
        from ui.table import TablePage

        self.table = TablePage(ctx, "instructor", self)
        self.table.summary_changed.connect(self._table_summary)
        # the page's own actions (add / delete / find) act on the instructors table
        self.filterbar = self.table.filterbar
        self.detail = self.table.detail
        self.add_record = self.table.add_record
        self.delete_selected = self.table.delete_selected

        self.year = QSpinBox(self)
        self.year.setObjectName("dutyYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setPrefix(self.tr("年度 "))
        self.year.valueChanged.connect(self.reload_year)

        self.tabs = QTabWidget(self)
        # units over time
        self.hist = RowsModel(
            [
                self.tr("单位 / 党组织"),
                self.tr("类型"),
                self.tr("开始日期"),
                self.tr("结束日期"),
                self.tr("状态"),
            ],
            self,
            colour=lambda r, c: cell("grey") if r[5] else None,  # r[5]: ended (not shown)
        )
        self.hist_view = make_view(self.hist, self)
        self.hist_label = QLabel(self)
        assign = QPushButton(self.tr("安排联系单位…"), self)
        assign.clicked.connect(self.assign)
        end = QPushButton(self.tr("结束联系"), self)
        end.clicked.connect(self.end_assignment)
        w = QWidget(self)
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        row.addWidget(self.hist_label, 1)
        row.addWidget(assign)
        row.addWidget(end)
        lay.addLayout(row)
        lay.addWidget(self.hist_view)
        self.tabs.addTab(w, self.tr("联系单位（历年）"))

        # duty cadence
        self.duty = RowsModel(
            [
                self.tr("姓名"),
                self.tr("联系走访（每半月）"),
                self.tr("工作日志（每月）"),
                self.tr("参加会议（每半年）"),
                self.tr("年度续聘"),
                self.tr("缺项"),
            ],
            self,
            colour=self._duty_colour,
            tip=self._duty_tip,
        )
        self.duty_view = make_view(self.duty, self)
        self.duty_view.setObjectName("dutyTable")
        self.only_missing = QCheckBox(self.tr("只看有缺项的"), self)
        self.only_missing.toggled.connect(self.reload_duties)
        self.duty_note = QLabel(self)
        w = QWidget(self)
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        row.addWidget(self.duty_note, 1)
        row.addWidget(self.only_missing)
        lay.addLayout(row)
        lay.addWidget(self.duty_view)
        self.tabs.addTab(w, self.tr("履职情况"))

        # assessment
        self.assess = RowsModel(
            [
                self.tr("姓名"),
                self.tr("派出单位"),
                self.tr("职务"),
                self.tr("考核等次"),
                self.tr("登记日期"),
            ],
            self,
            colour=lambda r, c: cell("error") if r[5] else None,  # r[5]: not assessed (not shown)
        )
        self.assess_view = make_view(self.assess, self)
        self.assess_view.doubleClicked.connect(lambda *_: self.set_grade())
        grade = QPushButton(self.tr("登记考核等次…"), self)
        grade.clicked.connect(self.set_grade)
        self.assess_label = QLabel(self)
        w = QWidget(self)
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        row.addWidget(self.assess_label, 1)
        row.addWidget(grade)
        lay.addLayout(row)
        lay.addWidget(self.assess_view)
        self.tabs.addTab(w, self.tr("年度考核"))

        # uncovered units
        self.unc = RowsModel(
            [
                self.tr("单位名称"),
                self.tr("类别"),
                self.tr("所在街道"),
                self.tr("从业人员"),
                self.tr("党员数"),
            ],
            self,
        )
        self.unc_view = make_view(self.unc, self)
        self.unc_view.setObjectName("uncoveredTable")
        self.unc_label = QLabel(self)
        w = QWidget(self)
        lay = QVBoxLayout(w)
        lay.addWidget(self.unc_label)
        lay.addWidget(self.unc_view)
        self.tabs.addTab(w, self.tr("未覆盖单位"))

        for v, widths in (
            (self.hist_view, (320, 110, 100, 100)),
            (self.duty_view, (90, 170, 150, 150, 90)),
            (self.assess_view, (90, 200, 120, 100)),
            (self.unc_view, (320, 110, 110, 80)),
        ):
            for c, wd in enumerate(widths):
                v.setColumnWidth(c, wd)

        bottom = QWidget(self)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(4, 0, 4, 4)
        top_row = QHBoxLayout()
        top_row.addWidget(self.year)
        top_row.addStretch(1)
        bl.addLayout(top_row)
        bl.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([420, 360])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.table.view.selectionModel().currentRowChanged.connect(self.reload_history)
        self.table.model.modelReset.connect(self.reload_history)
        ctx.changes.changed.connect(self._on_changed)
        self.reload_year()
        self.reload_history()

    # ------------------------------------------------------------ data

    def _table_summary(self, text: str) -> None:
        self.summary = text
        self.summary_changed.emit(text)

    def _on_changed(self, entity: str, ids, structural: bool) -> None:
        if entity in ("instructor", "unit", "org"):
            self.reload_year()

    def current_id(self) -> int | None:
        idx = self.table.view.currentIndex()
        ids = self.table.model.ids
        return ids[idx.row()] if idx.isValid() and idx.row() < len(ids) else None

    def refresh(self) -> None:
        self.table.refresh()
        self.reload_year()
        self.reload_history()

    def reload_year(self) -> None:
        self.reload_duties()
        self.reload_assessments()
        self.reload_uncovered()

    def reload_history(self, *args) -> None:
        iid = self.current_id()
        rows, keys = [], []
        if iid is not None:
            today = date.today()
            with self.ctx.ledger.session() as s:
                name = s.get(Instructor, iid).name
                for a in ins.history(s, iid):
                    what = a.unit.name if a.unit is not None else (a.org.name if a.org else "")
                    kind = self.tr("单位") if a.unit is not None else self.tr("党组织")
                    if a.unit is not None and a.org is not None:
                        kind = self.tr("单位及党组织")
                    ended = a.end_on is not None and a.end_on < today
                    rows.append(
                        (
                            what,
                            kind,
                            f"{a.start_on:%Y-%m-%d}" if a.start_on else "",
                            f"{a.end_on:%Y-%m-%d}" if a.end_on else "",
                            self.tr("已结束") if ended else self.tr("联系中"),
                            ended,
                        )
                    )
                    keys.append(a.id)
            now = sum(1 for r in rows if not r[5])
            self.hist_label.setText(
                self.tr("{0}：现联系 {1} 个，历年共 {2} 条").format(name, now, len(rows))
            )
        else:
            self.hist_label.setText(self.tr("在上表中选中一位指导员"))
        self.hist.set_rows(rows, keys)

    def reload_duties(self, *args) -> None:
        year = self.year.value()
        today = date.today()
        with self.ctx.ledger.session() as s:
            status = ins.duty_status(s, year, today)
        rows, keys = [], []
        known = True
        for st in status:
            if self.only_missing.isChecked() and not st.missing_count:
                continue
            cells = []
            for d in st.duties[:4]:
                known = known and d.known
                cells.append(("—" if not d.known else f"{d.done}/{d.expected}", d))
            rows.append((st.name, *[c for c, _ in cells], st.missing_count, [d for _, d in cells]))
            keys.append(st.instructor_id)
        self.duty.set_rows(rows, keys)
        note = self.tr(
            "{0}年截至{1}：已过周期中有记录的 / 应有的；红色为有缺项，指向单元格可见缺哪几期"
        ).format(year, min(today, date(year, 12, 31)).strftime("%Y-%m-%d"))
        if not known:
            note += self.tr("（本版本没有工作纪实数据）")
        self.duty_note.setText(note)

    def _duty_colour(self, row, col):
        if 1 <= col <= 4:
            d = row[-1][col - 1]
            return cell("error") if d.missing else None
        if col == 5 and row[5]:
            return cell("error")
        return None

    def _duty_tip(self, row, col):
        if 1 <= col <= 4:
            d = row[-1][col - 1]
            if d.missing:
                return self.tr("缺：") + "、".join(d.missing)
        return None

    def reload_assessments(self) -> None:
        year = (
            self.year.value() - 1 if self.year.value() == date.today().year else self.year.value()
        )
        with self.ctx.ledger.session() as s:
            done = ins.assessments(s, year)
            people = list(
                s.scalars(
                    select(Instructor)
                    .where(
                        (Instructor.appointed_on.is_(None))
                        | (Instructor.appointed_on <= date(year, 12, 31))
                    )
                    .order_by(Instructor.active.desc(), Instructor.id)
                )
            )
            rows, keys = [], []
            for i in people:
                a = done.get(i.id)
                if a is None and not i.active:
                    continue
                rows.append(
                    (
                        i.name,
                        i.home_unit or "",
                        i.post or "",
                        AssessmentGrade.label_of(a.grade) if a else self.tr("未考核"),
                        f"{a.assessed_on:%Y-%m-%d}" if a and a.assessed_on else "",
                        a is None,
                    )
                )
                keys.append(i.id)
        self.assess_year = year
        missing = sum(1 for r in rows if r[5])
        self.assess_label.setText(
            self.tr("{0}年度考核：{1} 人，未考核 {2} 人").format(year, len(rows), missing)
        )
        self.assess.set_rows(rows, keys)

    def reload_uncovered(self) -> None:
        with self.ctx.ledger.session() as s:
            units = ins.uncovered_units(s, date.today())
            rows = [
                (
                    u.name,
                    UnitKind.label_of(u.kind),
                    u.street or "",
                    u.employees or "",
                    u.members_employed or "",
                )
                for u in units
            ]
        self.unc.set_rows(rows, [u.id for u in units])
        self.unc_label.setText(
            self.tr("今天没有党建指导员联系的在营单位：{0} 个").format(len(rows))
        )

    # ------------------------------------------------------------ actions

    def _run(self, fn):
        return in_session(self, self.ctx.ledger, fn)

    def assign(self) -> None:
        iid = self.current_id()
        if iid is None:
            self.ctx.status(self.tr("请先在上表中选中一位指导员。"))
            return
        with self.ctx.ledger.session() as s:
            name = s.get(Instructor, iid).name
        dlg = AssignDialog(self.ctx, name, self)
        if not dlg.exec():
            return
        uid = dlg.unit_id()
        if uid is None:
            QMessageBox.warning(self, self.tr("未安排"), self.tr("请从列表中选择一个单位。"))
            return

        def go(s):
            org_id = s.scalar(
                select(Organization.id)
                .join(Organization.host_links)
                .where(Organization.host_links.any(unit_id=uid))
                .limit(1)
            )
            return ins.assign(
                s, iid, unit_id=uid, org_id=org_id, start_on=to_date(dlg.start.date())
            )

        if self._run(go) is not None:
            self.reload_history()
            self.reload_uncovered()
            self.ctx.status(self.tr("已安排 {0} 联系 {1}").format(name, dlg.unit.currentText()))

    def end_assignment(self) -> None:
        idx = self.hist_view.currentIndex()
        if not idx.isValid():
            self.ctx.status(self.tr("请先选中一条联系关系。"))
            return
        aid = self.hist.keys[idx.row()]
        if (
            QMessageBox.question(
                self,
                self.tr("结束联系"),
                self.tr("以今天为结束日期，结束联系“{0}”吗？").format(self.hist.rows[idx.row()][0]),
            )
            != QMessageBox.Yes
        ):
            return
        if self._run(lambda s: ins.end_assignment(s, aid, date.today())) is not None:
            self.reload_history()
            self.reload_uncovered()

    def set_grade(self) -> None:
        idx = self.assess_view.currentIndex()
        if not idx.isValid():
            self.ctx.status(self.tr("请先选中一位指导员。"))
            return
        iid = self.assess.keys[idx.row()]
        labels = AssessmentGrade.labels()
        cur = self.assess.rows[idx.row()][3]
        label, ok = QInputDialog.getItem(
            self,
            self.tr("年度考核"),
            self.tr("{0} {1}年度考核等次：").format(
                self.assess.rows[idx.row()][0], self.assess_year
            ),
            labels,
            labels.index(cur) if cur in labels else 1,
            False,
        )
        if ok and self._run(
            lambda s: ins.set_assessment(s, iid, self.assess_year, label, date.today())
        ):
            self.reload_assessments()


def create_page(ctx):
    return InstructorsPage(ctx)
