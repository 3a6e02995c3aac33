"""The frame of the small dialogs whose every button writes at once (班子, 党小组, 履历):
a message line saying what happened (green) or why not (red), and 关闭."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.colors import word_style


class ChangeDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False  # something was written (each change is its own undo step)

    def name_of_org(self, org_id: int) -> str:
        from partydesk.ledger.models import Organization

        with self.ctx.ledger.session() as s:
            org = s.get(Organization, org_id)
            return org.name if org is not None else ""

    def finish(self, lay: QVBoxLayout, message_name: str) -> None:
        """Add the message line and the 关闭 button under `lay`'s contents."""
        self.message = QLabel(self)
        self.message.setObjectName(message_name)
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.Close, self)
        box.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.setWindowModality(Qt.WindowModal)

    def say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(word_style("error" if error else "ok"))
