"""操作日志 page: the audit log as a filterable, exportable table, newest first, with the
selected entry's details below."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partydesk import audit
from partydesk.ledger.models.audit import AuditEntry
from ui.audit.model import AuditModel, entry_details


class AuditPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.title = self.tr("操作日志")
        self.setObjectName("auditPage")
        self.ctx = ctx
        self.model = AuditModel(ctx.ledger, self)

        self.since_on = QCheckBox(self.tr("从"))
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.until_on = QCheckBox(self.tr("到"))
        self.until = QDateEdit(QDate.currentDate())
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.table_box = QComboBox()
        self.table_box.setObjectName("auditTable")
        self.who_box = QComboBox()
        self.who_box.setObjectName("auditWho")
        self.action_box = QComboBox()
        self.action_box.setObjectName("auditAction")
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText(self.tr("记录名称或内容"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.export_btn = QPushButton(self.tr("导出Excel…"))
        self.count_label = QLabel()

        bar = QHBoxLayout()
        for w in (self.since_on, self.since, self.until_on, self.until):
            bar.addWidget(w)
        bar.addWidget(QLabel(self.tr("数据表")))
        bar.addWidget(self.table_box)
        bar.addWidget(QLabel(self.tr("操作人")))
        bar.addWidget(self.who_box)
        bar.addWidget(QLabel(self.tr("操作")))
        bar.addWidget(self.action_box)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.export_btn)

        self.view = QTableView()
        self.view.setObjectName("auditView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        hh = self.view.horizontalHeader()
        for col, width in enumerate((140, 70, 60, 100, 60, 160, 240)):
            self.view.setColumnWidth(col, width)
        hh.setSectionResizeMode(len(audit.HEADERS) - 1, QHeaderView.Stretch)
        self.details = QPlainTextEdit()
        self.details.setObjectName("auditDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("选中一条记录，这里显示修改前后的每个字段。"))

        split = QSplitter(Qt.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        lay.addWidget(self.count_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filter)
        self._fill_choices()
        for box in (self.table_box, self.who_box, self.action_box):
            box.currentIndexChanged.connect(self._timer.start)
        for chk in (self.since_on, self.until_on):
            chk.toggled.connect(self._timer.start)
        self.since.dateChanged.connect(self._timer.start)
        self.until.dateChanged.connect(self._timer.start)
        self.search.textChanged.connect(self._timer.start)
        self.export_btn.clicked.connect(self.export)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        self._update_count()

    def _fill_choices(self) -> None:
        with self.ctx.ledger.session() as s:
            tables = audit.distinct_values(s, AuditEntry.table_name)
            whos = audit.distinct_values(s, AuditEntry.who)
            actions = audit.distinct_values(s, AuditEntry.action)
        for box, values, label in (
            (self.table_box, tables, audit.table_label),
            (self.who_box, whos, str),
            (self.action_box, actions, audit.action_label),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("全部"), None)
            for v in values:
                box.addItem(label(v), v)
            i = box.findData(current)
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)

    def current_filter(self) -> audit.AuditFilter:
        def d(edit: QDateEdit) -> date:
            q = edit.date()
            return date(q.year(), q.month(), q.day())

        return audit.AuditFilter(
            since=d(self.since) if self.since_on.isChecked() else None,
            until=d(self.until) if self.until_on.isChecked() else None,
            table=self.table_box.currentData(),
            who=self.who_box.currentData(),
            action=self.action_box.currentData(),
            text=self.search.text().strip() or None,
        )

    def apply_filter(self) -> None:
        self.model.reload(self.current_filter())
        self.details.clear()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 %n 条操作记录", "", self.model.rowCount()))

    def _show_details(self, current: QModelIndex, _previous=None) -> None:
        e = self.model.entry(current.row()) if current.isValid() else None
        self.details.setPlainText(entry_details(e) if e else "")

    def refresh(self) -> None:
        self._fill_choices()
        self.apply_filter()

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出操作日志"),
            self.tr("操作日志-%1.xlsx").replace("%1", f"{date.today():%Y%m%d}"),
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from ui.tasks import run_task

        flt = self.current_filter()

        def work(_task):
            with self.ctx.ledger.session() as s:
                return audit.export_xlsx(s, path, flt)

        run_task(
            self,
            self.tr("正在导出操作日志…"),
            work,
            on_done=lambda n: self.ctx.status(
                self.tr("已导出 %1 条操作记录：%2").replace("%1", str(n)).replace("%2", path)
            ),
        )


def create_page(ctx):
    return AuditPage(ctx)
