"""An organization's 党小组: make a group, name its 组长, put the organization's people in
it or take them out, remove a group. Each change is one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.ledger import groups
from partydesk.ledger.enums import Category, PersonStatus
from partydesk.ledger.models import Person
from ui.table import commands
from ui.table.change_dialog import ChangeDialog


class GroupsDialog(ChangeDialog):
    def __init__(self, ctx, org_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.org_id = org_id
        self.org_name = self.name_of_org(org_id)
        with ctx.ledger.session() as s:
            people = s.execute(
                select(Person.id, Person.name, Person.category)
                .where(Person.org_id == org_id, Person.status == PersonStatus.ACTIVE.value)
                .order_by(Person.name, Person.id)
            ).all()
        self.setWindowTitle(self.tr("党小组：") + self.org_name)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("groupsTable")
        self.table.setHorizontalHeaderLabels([self.tr("党小组"), self.tr("组长"), self.tr("成员")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("新党小组名称，如“第一党小组”"))
        self.add_btn = QPushButton(self.tr("新建党小组"), self)
        self.add_btn.clicked.connect(lambda: self.add_group())
        self.remove_btn = QPushButton(self.tr("撤销选中的党小组"), self)
        self.remove_btn.clicked.connect(lambda: self.remove_selected())
        row.addWidget(self.new_name, 1)
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        lay.addLayout(row)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("人员："), self))
        self.person = QComboBox(self)
        self.person.setObjectName("groupPerson")
        for pid, name, cat in people:
            self.person.addItem(f"{name}（{Category.label_of(cat)}）", pid)
        self.assign_btn = QPushButton(self.tr("编入选中的党小组"), self)
        self.assign_btn.clicked.connect(lambda: self.assign())
        self.leader_btn = QPushButton(self.tr("设为组长"), self)
        self.leader_btn.clicked.connect(lambda: self.make_leader())
        self.out_btn = QPushButton(self.tr("移出党小组"), self)
        self.out_btn.clicked.connect(lambda: self.take_out())
        row.addWidget(self.person, 1)
        row.addWidget(self.assign_btn)
        row.addWidget(self.leader_btn)
        row.addWidget(self.out_btn)
        lay.addLayout(row)
        self.finish(lay, "groupsMessage")
        self.rows: list[groups.Group] = []
        self.reload()
        self.resize(640, 420)

    def reload(self) -> None:
        keep = self.selected_group()
        with self.ctx.ledger.session() as s:
            self.rows = groups.groups(s, self.org_id)
        self.table.setRowCount(len(self.rows))
        for r, g in enumerate(self.rows):
            for c, text in enumerate((g.name, g.leader, "、".join(g.members))):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if keep is not None and g.id == keep:
                self.table.selectRow(r)

    def selected_group(self) -> int | None:
        r = self.table.currentRow()
        return self.rows[r].id if 0 <= r < len(getattr(self, "rows", [])) else None

    def _run(self, text: str, fn, done: str) -> bool:
        _, error = commands.snapshot_change(self.ctx, groups, self.org_id, text, fn, ("person",))
        if error:
            self.say(error, True)
            return False
        self.say(done + self.tr("（可撤销）"), False)
        self.changed = True
        self.reload()
        return True

    def _need_group(self) -> int | None:
        gid = self.selected_group()
        if gid is None:
            self.say(self.tr("请先在上表中选中一个党小组。"), True)
        return gid

    def add_group(self, name: str | None = None) -> bool:
        name = (self.new_name.text() if name is None else name).strip()
        ok = self._run(
            self.tr("新建%1").replace("%1", name or self.tr("党小组")),
            lambda s: groups.add_group(s, self.org_id, name),
            self.tr("已新建{0}").format(name),
        )
        if ok:
            self.new_name.clear()
            for r, g in enumerate(self.rows):
                if g.name == name:
                    self.table.selectRow(r)
        return ok

    def remove_selected(self) -> bool:
        gid = self._need_group()
        if gid is None:
            return False
        return self._run(
            self.tr("撤销党小组"), lambda s: groups.remove_group(s, gid), self.tr("已撤销党小组")
        )

    def assign(self) -> bool:
        gid = self._need_group()
        pid = self.person.currentData()
        if gid is None or pid is None:
            return False
        return self._run(
            self.tr("编入党小组"),
            lambda s: groups.assign(s, pid, gid),
            self.tr("已编入{0}").format(self.person.currentText().split("（")[0]),
        )

    def make_leader(self) -> bool:
        gid = self._need_group()
        pid = self.person.currentData()
        if gid is None or pid is None:
            return False
        return self._run(
            self.tr("设党小组组长"),
            lambda s: groups.set_leader(s, gid, pid),
            self.tr("已设为组长：{0}").format(self.person.currentText().split("（")[0]),
        )

    def take_out(self) -> bool:
        pid = self.person.currentData()
        if pid is None:
            return False
        return self._run(
            self.tr("移出党小组"),
            lambda s: groups.assign(s, pid, None),
            self.tr("已移出党小组：{0}").format(self.person.currentText().split("（")[0]),
        )
