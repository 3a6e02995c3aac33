"""Issuing one certificate: kind, holder, date and wording."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
)

from partydesk.certs import registry
from partydesk.errors import PartyDeskError
from partydesk.ledger.models.certs import Certificate, CertificateKind
from ui.widgets.dates import date_edit, to_date

# ---------------------------------------------------------------- issue


class IssueDialog(QDialog):
    """Issue one certificate: kind, holder (an instructor, a 红领党务 holder, or a name),
    date and term; the wording comes from the template."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("颁发证书"))
        self.kind = QComboBox(self)
        for k in CertificateKind:
            self.kind.addItem(k.label, k.value)
        self.holder = QComboBox(self)
        self.holder.setEditable(True)
        self.holder.setObjectName("issueHolder")
        self.issued = date_edit(parent=self)
        self.post = QLineEdit(self)
        self.post.setMaxLength(registry.text_length(Certificate, "post"))  # (as stored)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.tr("证书种类："), self.kind)
        form.addRow(self.tr("持证人："), self.holder)
        form.addRow(self.tr("发证日期："), self.issued)
        form.addRow(self.tr("聘任职务："), self.post)
        form.addRow(self.tr("正文预览："), self.preview)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        box.button(QDialogButtonBox.Ok).setText(self.tr("颁发"))
        box.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.kind.currentIndexChanged.connect(self._load_holders)
        self.holder.currentTextChanged.connect(self._preview)
        self._load_holders()
        self.resize(560, 360)

    def _load_holders(self) -> None:
        from sqlalchemy import select

        from partydesk.ledger.models import Instructor
        from partydesk.ledger.models.certs import Qualification

        kind = self.kind.currentData()
        self.holder.blockSignals(True)
        self.holder.clear()
        with self.ctx.ledger.session() as s:
            tpl = registry.template(s, kind)
            self.post.setPlaceholderText(tpl.post or "")
            if kind == "instructor":
                for i in s.scalars(
                    select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.name)
                ):
                    where = i.home_unit or self.tr("指导员")
                    self.holder.addItem(f"{i.name}（{where}）", ("instructor", i.id))
            else:
                for q in s.scalars(
                    select(Qualification)
                    .where(Qualification.status == "active")
                    .order_by(Qualification.holder_name)
                ):
                    self.holder.addItem(
                        self.tr("%1（红领党务）").replace("%1", q.holder_name),
                        ("qualification", q.id),
                    )
        self.holder.blockSignals(False)
        self._preview()

    def holder_value(self, session) -> registry.Holder:
        i = self.holder.currentIndex()
        data = (
            self.holder.itemData(i)
            if i >= 0 and self.holder.currentText() == self.holder.itemText(i)
            else None
        )
        if data is None:
            return registry.holder_for(session, name=self.holder.currentText())
        kind, rid = data
        return registry.holder_for(session, **{kind: rid})

    def _preview(self) -> None:
        try:
            with self.ctx.ledger.session() as s:
                tpl = registry.template(s, self.kind.currentData())
                h = self.holder_value(s)
                on = to_date(self.issued.date())
                from datetime import timedelta

                from partydesk.rules.dates import add_months

                end = add_months(on, 12 * tpl.valid_years) - timedelta(days=1)
                self.preview.setPlainText(
                    registry.render(s, tpl, h, on, end, self.post.text() or None)
                )
                s.rollback()
        except PartyDeskError as e:
            self.preview.setPlainText(str(e))
