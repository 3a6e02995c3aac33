"""Sending an instructor to a unit or an organization from a start date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
)
from sqlalchemy import select

from partydesk.ledger.models import Unit
from ui.widgets.combo import make_searchable
from ui.widgets.dates import date_edit


class AssignDialog(QDialog):
    """Pick a unit (typing part of the name finds it) and a start date."""

    def __init__(self, ctx, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("安排联系单位：") + name)
        self.unit = QComboBox(self)
        make_searchable(self.unit)
        with ctx.ledger.session() as s:
            for uid, uname in s.execute(
                select(Unit.id, Unit.name).where(Unit.status == "operating").order_by(Unit.name)
            ):
                self.unit.addItem(uname, uid)
        self.unit.setCurrentIndex(-1)
        self.start = date_edit(parent=self)
        form = QFormLayout(self)
        form.addRow(self.tr("单位："), self.unit)
        form.addRow(self.tr("开始日期："), self.start)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.resize(480, 140)

    def unit_id(self) -> int | None:
        i = self.unit.findText(self.unit.currentText(), Qt.MatchExactly)
        return self.unit.itemData(i) if i >= 0 else None
