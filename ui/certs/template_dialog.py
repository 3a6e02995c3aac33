"""The wording templates of each certificate kind."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from partydesk.certs import registry
from partydesk.errors import PartyDeskError
from partydesk.ledger.models.certs import CertificateKind


class TemplateDialog(QDialog):
    """Edit the wording, issuing organ and serial pattern of a kind of certificate. Issued
    certificates keep their own text."""

    FIELDS = [
        ("title", QT_TRANSLATE_NOOP("TemplateDialog", "标题")),
        ("body", QT_TRANSLATE_NOOP("TemplateDialog", "正文")),
        ("closing", QT_TRANSLATE_NOOP("TemplateDialog", "结束语")),
        ("post", QT_TRANSLATE_NOOP("TemplateDialog", "聘任职务")),
        ("issuer", QT_TRANSLATE_NOOP("TemplateDialog", "发证机关")),
        ("kind_code", QT_TRANSLATE_NOOP("TemplateDialog", "种类代码")),
        ("serial_pattern", QT_TRANSLATE_NOOP("TemplateDialog", "编号规则")),
        ("valid_years", QT_TRANSLATE_NOOP("TemplateDialog", "有效年限")),
    ]

    def __init__(self, ctx, kind: str, parent=None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setWindowTitle(self.tr("证书措辞：") + CertificateKind.label_of(kind))
        form = QFormLayout(self)
        self.edits: dict[str, QWidget] = {}
        with ctx.ledger.session() as s:
            t = registry.template(s, kind)
            for key, label in self.FIELDS:
                if key == "body":
                    w = QPlainTextEdit(t.body, self)
                    w.setMaximumHeight(90)
                elif key == "valid_years":
                    w = QSpinBox(self)
                    w.setRange(1, 10)
                    w.setValue(t.valid_years)
                else:
                    w = QLineEdit(getattr(t, key) or "", self)
                    length = registry.text_length(type(t), key)
                    if length:
                        w.setMaxLength(length)  # (what the ledger holds)
                self.edits[key] = w
                form.addRow(QCoreApplication.translate("TemplateDialog", label) + "：", w)
        hint = QLabel(
            self.tr("可用占位符：")
            + "、".join("{" + k + "}" + v for k, v in registry.PLACEHOLDERS.items()),
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Save).setText(self.tr("保存"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.resize(620, 420)

    def save(self) -> None:
        values = {}
        for key, w in self.edits.items():
            if isinstance(w, QPlainTextEdit):
                values[key] = w.toPlainText().strip()
            elif isinstance(w, QSpinBox):
                values[key] = w.value()
            else:
                values[key] = w.text().strip()
        try:
            with self.ctx.ledger.session() as s:
                registry.update_template(s, self.kind, **values)
        except PartyDeskError as e:
            QMessageBox.warning(self, self.tr("未保存"), str(e))
            return
        self.accept()
