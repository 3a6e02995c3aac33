"""An organization's committee (班子): who serves in which role since when; appoint a
member (a new 书记 ends the old one's seat) or end a seat. Each change is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.ledger import committee
from partydesk.ledger.enums import Category, CommitteeRole, PersonStatus
from partydesk.ledger.models import Person
from ui.table import commands
from ui.table.change_dialog import ChangeDialog
from ui.widgets.colors import word_style
from ui.widgets.dates import to_date, to_qdate


class CommitteeDialog(ChangeDialog):
    def __init__(self, ctx, org_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.org_id = org_id
        self.org_name = self.name_of_org(org_id)
        with ctx.ledger.session() as s:
            people = s.execute(
                select(Person.id, Person.name, Person.id_number)
                .where(
                    Person.org_id == org_id,
                    Person.category == Category.FULL.value,
                    Person.status == PersonStatus.ACTIVE.value,
                )
                .order_by(Person.name, Person.id)
            ).all()
        self.setWindowTitle(self.tr("班子成员：") + self.org_name)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("committeeTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("职务"), self.tr("姓名"), self.tr("任职日期"), self.tr("卸任日期")]
        )
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.history = QCheckBox(self.tr("显示已卸任的"), self)
        self.history.toggled.connect(self.reload)
        row.addWidget(self.history)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("卸任日期"), self))
        self.until = QDateEdit(to_qdate(date.today()), self)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        row.addWidget(self.until)
        self.leave_btn = QPushButton(self.tr("选中的卸任"), self)
        self.leave_btn.setObjectName("leaveSeat")
        self.leave_btn.clicked.connect(lambda: self.leave_selected())
        row.addWidget(self.leave_btn)
        lay.addLayout(row)

        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("任职："), self))
        self.person = QComboBox(self)
        self.person.setObjectName("seatPerson")
        for pid, name, number in people:
            self.person.addItem(f"{name}（{(number or '')[-4:] or pid}）" if number else name, pid)
        if not people:
            self.person.addItem(self.tr("（本组织没有在册正式党员）"), None)
        self.role = QComboBox(self)
        self.role.setObjectName("seatRole")
        for r in CommitteeRole:
            self.role.addItem(r.label, r.value)
        self.since = QDateEdit(to_qdate(date.today()), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setMaximumDate(to_qdate(date.today()))
        self.appoint_btn = QPushButton(self.tr("任职"), self)
        self.appoint_btn.setObjectName("appointSeat")
        self.appoint_btn.clicked.connect(lambda: self.appoint())
        self.appoint_btn.setEnabled(bool(people))
        form.addWidget(self.person, 2)
        form.addWidget(self.role, 1)
        form.addWidget(self.since)
        form.addWidget(self.appoint_btn)
        lay.addLayout(form)
        note = QLabel(
            self.tr("只有本组织在册的正式党员可以任职；新任书记时，原书记在同一天卸任。"), self
        )
        note.setStyleSheet(word_style("muted"))
        lay.addWidget(note)
        self.finish(lay, "committeeMessage")
        self.seats: list[committee.Seat] = []
        self.reload()
        self.resize(620, 440)

    def reload(self) -> None:
        with self.ctx.ledger.session() as s:
            self.seats = committee.seats(s, self.org_id, history=self.history.isChecked())
        self.table.setRowCount(len(self.seats))
        for r, seat in enumerate(self.seats):
            for c, text in enumerate(
                (
                    seat.role_label,
                    seat.name,
                    f"{seat.since:%Y-%m-%d}" if seat.since else "",
                    f"{seat.until:%Y-%m-%d}" if seat.until else "",
                )
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.leave_btn.setEnabled(bool(self.seats))

    def appoint(
        self, person_id: int | None = None, role: str | None = None, since: date | None = None
    ) -> bool:
        pid = person_id if person_id is not None else self.person.currentData()
        role = role or self.role.currentData()
        since = since or to_date(self.since.date())
        if pid is None:
            return False
        label = CommitteeRole.label_of(role)
        got, error = commands.snapshot_change(
            self.ctx,
            committee,
            self.org_id,
            self.tr("任命%1").replace("%1", label),
            lambda s: committee.appoint(s, self.org_id, pid, role, since),
        )
        if error:
            self.say(error, True)
            return False
        seat, warnings = got
        self.say(
            self.tr("已任命{0}为{1}（可撤销）").format(seat.name, label)
            + "".join("；" + w for w in warnings),
            False,
        )
        self.changed = True
        self.reload()
        return True

    def leave_selected(self, until: date | None = None) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.seats):
            self.say(self.tr("请先在上表中选中一位委员。"), True)
            return False
        seat = self.seats[row]
        until = until or to_date(self.until.date())
        got, error = commands.snapshot_change(
            self.ctx,
            committee,
            self.org_id,
            self.tr("%1卸任%2").replace("%1", seat.name).replace("%2", seat.role_label),
            lambda s: committee.leave(s, seat.id, until),
        )
        if error:
            self.say(error, True)
            return False
        self.say(self.tr("{0}已卸任{1}（可撤销）").format(seat.name, seat.role_label), False)
        self.changed = True
        self.reload()
        return True
