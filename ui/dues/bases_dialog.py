"""Bases from the window: 登记基数 for one member (kind, 税后工资基数, the month it applies
from) and 导入工资基数 from an Excel sheet (checked first, then written in one step)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from partydesk.dues import bases, config
from partydesk.dues import months as mo
from partydesk.ledger.models import Person
from ui.widgets.colors import word_style
from ui.widgets.dialogs import dialog_buttons


class BaseDialog(QDialog):
    """One member's new base; `save()` writes it (the caller reloads the grid)."""

    def __init__(self, ledger, person_id: int, start: int, parent=None):
        super().__init__(parent)
        self.ledger, self.person_id = ledger, person_id
        with ledger.session() as s:
            p = s.get(Person, person_id)
            self.name = p.name
            history = [bases.describe(b) for b in bases.history(s, person_id)]
        self.setWindowTitle(self.tr("登记党费基数"))
        self.kind = QComboBox()
        for code, label in config.KIND_LABELS.items():
            self.kind.addItem(self.tr(label), code)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("税后工资收入，元/月"))
        self.start = QLineEdit(mo.text(start))
        form = QFormLayout()
        form.addRow(self.tr("党员"), QLabel(self.name))
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("工资基数（元）"), self.amount)
        form.addRow(self.tr("起用月份"), self.start)
        self.error = QLabel()
        self.error.setStyleSheet(word_style("error"))
        self.error.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel("\n".join(history) or self.tr("尚未核定党费基数。")))
        lay.addWidget(self.error)
        buttons = dialog_buttons(self.tr("登记"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def save(self) -> None:
        kind = self.kind.currentData()
        text = self.amount.text().strip()
        fen = None if kind == "minimum" and not text else config.to_fen(text, self.tr("工资基数"))
        with self.ledger.session() as s:
            bases.set_base(
                s, s.get(Person, self.person_id), mo.parse(self.start.text()), fen, kind=kind
            )

    def _ok(self) -> None:
        from partydesk.errors import PartyDeskError

        try:
            self.save()
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()


class ReliefDialog(QDialog):
    """减免 for one member: months, the reduced monthly due (0: 免交), reason, approval date."""

    def __init__(self, ledger, person_id: int, start: int, parent=None):
        super().__init__(parent)
        from datetime import date

        from ui.widgets.dates import date_edit

        self.ledger, self.person_id = ledger, person_id
        with ledger.session() as s:
            self.name = s.get(Person, person_id).name
        self.setWindowTitle(self.tr("减免党费"))
        self.first = QLineEdit(mo.text(start))
        self.last = QLineEdit(mo.text(start))
        self.amount = QLineEdit("0")
        self.reason = QLineEdit()
        self.approved = date_edit(date.today())
        form = QFormLayout()
        form.addRow(self.tr("党员"), QLabel(self.name))
        form.addRow(self.tr("起始月份"), self.first)
        form.addRow(self.tr("结束月份"), self.last)
        form.addRow(self.tr("减免后每月应交（元）"), self.amount)
        form.addRow(self.tr("减免原因"), self.reason)
        form.addRow(self.tr("批准日期"), self.approved)
        self.error = QLabel()
        self.error.setStyleSheet(word_style("error"))
        self.error.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        buttons = dialog_buttons(self.tr("登记"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def save(self) -> None:
        from ui.widgets.dates import to_date

        with self.ledger.session() as s:
            bases.set_relief(
                s,
                s.get(Person, self.person_id),
                mo.parse(self.first.text()),
                mo.parse(self.last.text()),
                config.to_fen(self.amount.text() or "0", self.tr("减免后应交金额")),
                self.reason.text(),
                to_date(self.approved.date()),
            )

    def _ok(self) -> None:
        from partydesk.errors import PartyDeskError

        try:
            self.save()
        except PartyDeskError as e:
            self.error.setText(str(e))
            return
        self.accept()
