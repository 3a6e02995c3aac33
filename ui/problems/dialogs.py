"""Dialogs of the problem list: a new problem (unit, text, 责任人, deadline) and closing
one (销号 with date and how, or 不能解决 with why)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.widgets.colors import word_style
from ui.widgets.dates import date_edit as _date_edit
from ui.widgets.dates import to_date


class _Base(QDialog):
    def _finish(self, form: QFormLayout) -> None:
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(word_style("error"))
        self.error.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        box.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(box)
        self.validator = None  # callable(values) -> error text or None

    def accept(self) -> None:
        if self.validator is not None:
            err = self.validator(self.values())
            if err:
                self.error.setText(err)
                return
        super().accept()


class NewProblemDialog(_Base):
    def __init__(self, units: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记问题"))
        form = QFormLayout()
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        self.unit.setEditable(True)
        self.unit.addItem(self.tr("（不指定单位）"), None)
        for uid, name in units:
            self.unit.addItem(name, uid)
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.text.setTabChangesFocus(True)
        self.responsible = QLineEdit()
        self.responsible.setObjectName("responsible")
        today = date.today()
        self.raised = _date_edit(today)
        self.due = _date_edit(today + timedelta(days=30))
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("问题"), self.text)
        form.addRow(self.tr("责任人"), self.responsible)
        form.addRow(self.tr("提出日期"), self.raised)
        form.addRow(self.tr("办结时限"), self.due)
        self._finish(form)

    def values(self) -> dict:
        return {
            "unit_id": self.unit.currentData(),
            "text": self.text.toPlainText().strip(),
            "responsible": self.responsible.text().strip() or None,
            "raised_on": to_date(self.raised.date()),
            "due_on": to_date(self.due.date()),
        }


class CloseDialog(_Base):
    """销号 (state "solved": how) or 不能解决 (state "unsolvable": why)."""

    def __init__(self, state: str, text: str, parent=None):
        super().__init__(parent)
        self.state = state
        solved = state == "solved"
        self.setWindowTitle(self.tr("销号") if solved else self.tr("不能解决"))
        form = QFormLayout()
        form.addRow(self.tr("问题"), QLabel(text))
        self.on = _date_edit(date.today())
        self.how = QPlainTextEdit()
        self.how.setObjectName("how")
        self.how.setTabChangesFocus(True)
        form.addRow(self.tr("办结日期"), self.on)
        form.addRow(self.tr("如何解决") if solved else self.tr("不能解决的原因"), self.how)
        self._finish(form)

    def values(self) -> dict:
        return {"on": to_date(self.on.date()), "how": self.how.toPlainText().strip()}
