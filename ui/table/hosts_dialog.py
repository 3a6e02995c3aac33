"""Choosing an organization's host units (所在单位): a checkable list of every unit with
a filter box, the chosen ones listed, and the 组建方式 hints shown as you tick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partydesk.ledger import hosts
from partydesk.ledger.models import Organization, Unit
from ui.table import commands
from ui.widgets.colors import word_style

_ID = int(Qt.UserRole)


class HostUnitsDialog(QDialog):
    def __init__(self, ctx, org_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.org_id = ctx, org_id
        self.change = None
        with ctx.ledger.session() as s:
            org = s.get(Organization, org_id)
            self.org_name = org.name if org is not None else ""
            self.initial = [u for u, _ in hosts.host_units(s, org_id)]
            units = s.execute(
                Unit.__table__.select()
                .with_only_columns(Unit.id, Unit.name, Unit.status)
                .order_by(Unit.name, Unit.id)
            ).all()
        self.setWindowTitle(self.tr("所在单位：") + self.org_name)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                self.tr("勾选这个党组织所在的单位（联合组建可选多个）。组织覆盖率按此统计。"), self
            )
        )
        row = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setObjectName("hostFilter")
        self.filter.setPlaceholderText(self.tr("输入单位名称的一部分筛选"))
        self.filter.setClearButtonEnabled(True)
        self.only_chosen = QCheckBox(self.tr("只看已选"), self)
        row.addWidget(self.filter, 1)
        row.addWidget(self.only_chosen)
        lay.addLayout(row)
        self.list = QListWidget(self)
        self.list.setObjectName("hostList")
        chosen = set(self.initial)
        # the chosen units first, so they are seen at once
        for uid, name, status in sorted(units, key=lambda r: (r[0] not in chosen, r[1], r[0])):
            text = name if status == "operating" else f"{name}（{self.tr('已注销')}）"
            it = QListWidgetItem(text, self.list)
            it.setData(_ID, uid)
            it.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            it.setCheckState(Qt.Checked if uid in chosen else Qt.Unchecked)
        lay.addWidget(self.list, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("hostSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.warn = QLabel(self)
        self.warn.setObjectName("hostWarnings")
        self.warn.setWordWrap(True)
        self.warn.setStyleSheet(word_style("warn"))
        lay.addWidget(self.warn)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(word_style("error"))
        self.error.hide()
        lay.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.filter.textChanged.connect(self._apply_filter)
        self.only_chosen.toggled.connect(self._apply_filter)
        self.list.itemChanged.connect(self._update)
        self._update()
        self.resize(480, 560)
        self.setWindowModality(Qt.WindowModal)
        self.filter.setFocus()

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(_ID)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]

    def set_chosen(self, unit_ids: list[int]) -> None:
        want = set(unit_ids)
        self.list.blockSignals(True)  # one update below, not one ledger read per item
        try:
            for i in range(self.list.count()):
                it = self.list.item(i)
                it.setCheckState(Qt.Checked if it.data(_ID) in want else Qt.Unchecked)
        finally:
            self.list.blockSignals(False)
        self._update()

    def _apply_filter(self) -> None:
        text = self.filter.text().strip()
        only = self.only_chosen.isChecked()
        for i in range(self.list.count()):
            it = self.list.item(i)
            hide = (bool(text) and text not in it.text()) or (
                only and it.checkState() != Qt.Checked
            )
            it.setHidden(hide)

    def _update(self, *_) -> None:
        ids = self.chosen()
        names = [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]
        if names:
            self.summary.setText(self.tr("已选 {0} 个：{1}").format(len(names), "、".join(names)))
        else:
            self.summary.setText(self.tr("未选所在单位：这个党组织不计入任何单位的组织覆盖。"))
        with self.ctx.ledger.session() as s:
            org = s.get(Organization, self.org_id)
            warnings = hosts.warnings_for(s, org, ids) if org is not None else []
        self.warn.setText("\n".join(self.tr("提示：") + w for w in warnings))
        self.warn.setVisible(bool(warnings))

    def accept(self) -> None:
        change, error = commands.set_hosts(self.ctx, self.org_id, self.chosen(), self.org_name)
        if error:
            self.error.setText(error)
            self.error.show()
            return
        self.change = change
        super().accept()
