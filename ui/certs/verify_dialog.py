"""Checking a certificate: by its serial or by the text its QR code holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from partydesk.certs import registry
from partydesk.errors import PartyDeskError
from ui.widgets.colors import word

# ---------------------------------------------------------------- verify


class VerifyDialog(QDialog):
    """核验证书: a serial (with the printed check value, optionally) or the text a scanner
    reads from the QR code (scanners type it like a keyboard, ending with Enter)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("核验证书"))
        self.setObjectName("verifyDialog")
        self.input = QLineEdit(self)
        self.input.setObjectName("verifyInput")
        self.input.setPlaceholderText(self.tr("证书编号，或扫描二维码"))
        self.check = QLineEdit(self)
        self.check.setObjectName("verifyCheck")
        self.check.setPlaceholderText(self.tr("校验码（证书左下角，可不填）"))
        self.result = QLabel(self)
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(60)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.button = QPushButton(self.tr("核验"), self)
        self.button.setObjectName("verifyButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.verify)
        form = QFormLayout()
        form.addRow(self.tr("编号或二维码："), self.input)
        form.addRow(self.tr("校验码："), self.check)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.result)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(520, 220)
        self.verdict: registry.Verdict | None = None

    def verify(self) -> None:
        text = self.input.text().strip()
        if not text:
            self._show(self.tr("请输入证书编号或扫描二维码。"), "muted")
            return
        try:
            with self.ctx.ledger.session() as s:
                v = registry.verify(s, text, self.check.text().strip() or None)
        except PartyDeskError as e:
            self.verdict = None
            self._show(str(e), "error")
            return
        self.verdict = v
        mark = "✔ " if v.ok else "✘ "
        self._show(mark + v.message, "ok" if v.ok else "error")
        self.input.selectAll()

    def _show(self, text: str, kind: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {word(kind)}; font-size: 14px;")
