"""Recording one development step: step (the next one offered first), date, who, document,
note, and for steps 5 and 9 the two 正式党员 (培养联系人 / 入党介绍人)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ui.widgets.colors import word_style
from ui.widgets.dates import date_edit, to_date


class StepDialog(QDialog):
    def __init__(self, name: str, steps, next_no: int | None, members, parent=None):
        """`steps` [(no, title, sponsors label or None)], `members` [(id, name)]: the
        organization's 正式党员."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录发展步骤 — ") + name)
        self.sponsor_of = {no: sp for no, _, sp in steps}
        form = QFormLayout()
        self.step = QComboBox()
        self.step.setObjectName("step")
        for no, title, _ in steps:
            self.step.addItem(title, no)
        if next_no:
            self.step.setCurrentIndex(max(0, self.step.findData(next_no)))
        self.on = date_edit()
        self.who = QLineEdit()
        self.who.setObjectName("who")
        self.document = QLineEdit()
        self.document.setObjectName("document")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.sponsor_label = QLabel()
        self.sponsors = [QComboBox(), QComboBox()]
        for i, box in enumerate(self.sponsors):
            box.setObjectName(f"sponsor{i + 1}")
            box.addItem(self.tr("（请选择）"), None)
            for pid, pname in members:
                box.addItem(pname, pid)
        form.addRow(self.tr("步骤"), self.step)
        form.addRow(self.tr("日期"), self.on)
        form.addRow(self.tr("经办人"), self.who)
        form.addRow(self.tr("材料"), self.document)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.sponsor_label, self.sponsors[0])
        form.addRow("", self.sponsors[1])
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
        self.step.currentIndexChanged.connect(self._step_changed)
        self._step_changed()
        self.validator = None  # callable(values) -> error text or None

    def _step_changed(self, *_):
        sp = self.sponsor_of.get(self.step.currentData())
        self.sponsor_label.setText(sp or "")
        for b in self.sponsors:
            b.setEnabled(bool(sp))
            b.setVisible(bool(sp))

    def values(self) -> dict:
        no = self.step.currentData()
        sponsors = []
        if self.sponsor_of.get(no):
            sponsors = [b.currentData() for b in self.sponsors if b.currentData() is not None]
        return {
            "step_no": no,
            "done_on": to_date(self.on.date()),
            "who": self.who.text(),
            "document": self.document.text(),
            "note": self.note.text(),
            "sponsors": sponsors,
        }

    def accept(self) -> None:
        if self.validator is not None:
            err = self.validator(self.values())
            if err:
                self.error.setText(err)
                return
        super().accept()
