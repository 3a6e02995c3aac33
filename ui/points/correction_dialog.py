"""A correction to a published period (reason and the new count), kept beside the original."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from ui.widgets.dialogs import dialog_buttons


class CorrectionDialog(QDialog):
    def __init__(self, parent, name: str, item: str, current: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("冲正更正"))
        form = QFormLayout(self)
        form.addRow(self.tr("人员"), QLabel(name))
        form.addRow(self.tr("积分项目"), QLabel(item))
        form.addRow(self.tr("公示时次数"), QLabel(str(current)))
        self.count = QSpinBox()
        self.count.setRange(0, 999)
        self.count.setValue(current)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填，如：录错人员"))
        form.addRow(self.tr("更正为(&N)"), self.count)
        form.addRow(self.tr("更正原因(&R)"), self.reason)
        buttons = dialog_buttons()
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self):
        if not self.reason.text().strip():
            QMessageBox.warning(self, self.tr("冲正更正"), self.tr("请写明更正原因。"))
            return
        self.accept()
