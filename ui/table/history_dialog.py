"""A person's history (履历) and the changes that write it: 组织关系转出, 转入登记, and
moving to another organization of the ledger. Each change is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.ledger import history, listing
from partydesk.ledger.models import Person
from ui.table import commands
from ui.table.change_dialog import ChangeDialog

OUT, IN, MOVE = "out", "in", "move"


class HistoryDialog(ChangeDialog):
    def __init__(self, ctx, person_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.person_id = person_id
        with ctx.ledger.session() as s:
            p = s.get(Person, person_id)
            self.name = p.name if p is not None else ""
            self.org_id = p.org_id if p is not None else None
            orgs = listing.org_choices(s)
        self.setWindowTitle(self.tr("履历与组织关系转接：") + self.name)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("事项"), self.tr("内容")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)

        box = QGroupBox(self.tr("登记变动"), self)
        form = QFormLayout(box)
        kinds = QHBoxLayout()
        self.kind = QButtonGroup(self)
        self.kind_buttons = {}
        for code, label in (
            (OUT, self.tr("组织关系转出")),
            (IN, self.tr("组织关系转入登记")),
            (MOVE, self.tr("调整到本账本的其他党组织")),
        ):
            b = QRadioButton(label, box)
            self.kind.addButton(b)
            self.kind_buttons[code] = b
            kinds.addWidget(b)
            b.toggled.connect(self._kind_changed)
        form.addRow(self.tr("变动"), kinds)
        self.where = QLineEdit(box)
        self.where.setObjectName("transferWhere")
        form.addRow(self.tr("转往 / 转自"), self.where)
        self.org = QComboBox(box)
        self.org.setObjectName("moveTo")
        for oid, oname in orgs:
            if oid != self.org_id:
                self.org.addItem(oname, oid)
        form.addRow(self.tr("调整到"), self.org)
        self.on = QDateEdit(QDate.currentDate(), box)
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(QDate.currentDate())
        form.addRow(self.tr("日期"), self.on)
        self.note = QLineEdit(box)
        self.note.setPlaceholderText(self.tr("如介绍信编号"))
        form.addRow(self.tr("备注"), self.note)
        self.record_btn = QPushButton(self.tr("登记"), box)
        self.record_btn.setObjectName("recordTransfer")
        self.record_btn.clicked.connect(lambda: self.record())
        form.addRow("", self.record_btn)
        lay.addWidget(box)
        self.finish(lay, "historyMessage")
        self.kind_buttons[OUT].setChecked(True)
        self.reload()
        self.resize(680, 520)

    def _kind_changed(self, *_) -> None:
        k = self.current_kind()
        self.where.setEnabled(k in (OUT, IN))
        self.org.setEnabled(k == MOVE)
        self.where.setPlaceholderText(
            self.tr("转往的党组织（介绍信抬头）")
            if k == OUT
            else self.tr("原所在党组织（介绍信开具单位）")
        )

    def current_kind(self) -> str:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), OUT)

    def reload(self) -> None:
        with self.ctx.ledger.session() as s:
            rows = history.entries(s, self.person_id)
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            for c, text in enumerate((f"{e.on:%Y-%m-%d}", e.kind_label, e.text)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def record(
        self,
        kind: str | None = None,
        where: str | None = None,
        org_id: int | None = None,
        on: date | None = None,
    ) -> bool:
        kind = kind or self.current_kind()
        where = self.where.text() if where is None else where
        org_id = self.org.currentData() if org_id is None else org_id
        q = self.on.date()
        on = on or date(q.year(), q.month(), q.day())
        note = self.note.text().strip() or None
        pid = self.person_id
        if kind == OUT:
            fn = lambda s: history.transfer_out(s, pid, on, where, note)  # noqa: E731
        elif kind == IN:
            fn = lambda s: history.transfer_in(s, pid, on, where, note)  # noqa: E731
        else:
            if org_id is None:
                self.say(self.tr("请选择要调整到的党组织。"), True)
                return False
            fn = lambda s: history.move(s, pid, org_id, on, note)  # noqa: E731
        step, error = commands.record_history(self.ctx, fn)
        if error:
            self.say(error, True)
            return False
        self.say(self.tr("已登记：{0}（可撤销）").format(step.label), False)
        self.changed = True
        self.where.clear()
        self.note.clear()
        self.reload()
        return True
