"""A unit's 六个清 survey: the facts found on a visit, saved as one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.models import Unit
from partydesk.standing import survey
from ui.errors import show_error
from ui.standing.commands import SurveyCommand, refresh_dashboard
from ui.widgets.combo import make_searchable
from ui.widgets.dates import to_date, to_qdate


class SurveyDialog(QDialog):
    """Record one 六个清 survey of a unit, pre-filled with what the ledger knows."""

    def __init__(self, ctx, unit_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("六个清摸排登记"))
        with ctx.ledger.session() as s:
            units = s.execute(
                select(Unit.id, Unit.name).where(Unit.status == "operating").order_by(Unit.name)
            ).all()
        self.unit_combo = QComboBox()
        for uid, name in units:
            self.unit_combo.addItem(name, uid)
        make_searchable(self.unit_combo)
        self.on = QDateEdit(to_qdate(date.today()))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(to_qdate(date.today()))
        self.surveyor = QLineEdit()
        self.last = QLabel()
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("单位："), self.unit_combo)
        form.addRow(self.tr("摸排日期："), self.on)
        form.addRow(self.tr("摸排人："), self.surveyor)
        for f, (label, _) in survey.FIELDS.items():
            e = QLineEdit()
            self.fields[f] = e
            form.addRow(label + self.tr("清："), e)
        form.addRow("", self.last)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(560, 420)
        if unit_id is not None:
            i = self.unit_combo.findData(unit_id)
            if i >= 0:
                self.unit_combo.setCurrentIndex(i)
        self.unit_combo.currentIndexChanged.connect(self.prefill)
        self.prefill()

    def unit_id(self) -> int | None:
        i = self.unit_combo.currentIndex()
        return self.unit_combo.itemData(i) if i >= 0 else None

    def prefill(self) -> None:
        uid = self.unit_id()
        if uid is None:
            return
        with self.ctx.ledger.session() as s:
            facts = survey.ledger_facts(s, uid)
            last = survey.last_survey(s, uid)
        for f, e in self.fields.items():
            v = facts.get(f)
            e.setText("" if v is None else str(v))
        self.last.setText(
            self.tr("上次摸排：")
            + (f"{last.surveyed_on.isoformat()}　{last.surveyor or ''}" if last else self.tr("无"))
        )

    def save(self) -> None:
        uid = self.unit_id()
        if uid is None:
            show_error(self, ValidationError(self.tr("请选择单位。")))
            return
        facts = {f: e.text().strip() for f, e in self.fields.items()}
        try:
            with self.ctx.ledger.session() as s:
                rec = survey.record_survey(
                    s, uid, to_date(self.on.date()), self.surveyor.text(), prefill=False, **facts
                )
                values = {
                    c: getattr(rec, c)
                    for c in ("uuid", "unit_id", "surveyed_on", "surveyor", "note", *survey.FIELDS)
                }
                rid = rec.id
                changed = rec.unit_changes  # the unit's facts the answers updated
        except PartyDeskError as e:
            show_error(self, e)
            return
        name = self.unit_combo.currentText()
        self.ctx.undo_stack.push(
            SurveyCommand(
                self.ctx,
                values,
                rid,
                self.tr("六个清摸排：") + name,
                on_change=lambda: refresh_dashboard(self.ctx),
                unit_before={c.column: c.before for c in changed},
                unit_after={c.column: c.after for c in changed},
            )
        )
        text = self.tr("已登记摸排：") + name
        if changed:
            text += self.tr("；单位信息已更新：") + "，".join(
                f"{c.label} {'' if c.before is None else c.before} → {c.after}" for c in changed
            )
        self.ctx.status(text)
        refresh_dashboard(self.ctx)
        self.accept()
