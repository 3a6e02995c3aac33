"""Points from a meeting's attendance: the proposed entries, ticked or not before saving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from partydesk.points.schemes import find_scheme
from partydesk.points.totals import fmt
from ui.widgets.dialogs import dialog_buttons

if TYPE_CHECKING:
    from ui.points.page import PointsPage


class AttendanceDialog(QDialog):
    """Review the entries proposed from one meeting: untick anyone who should not get them."""

    def __init__(self, page: PointsPage):
        from partydesk.points import attendance

        super().__init__(page)
        self.page = page
        self.attendance = attendance
        self.setWindowTitle(self.tr("按会议出勤加分"))
        self.resize(560, 520)
        self.meeting = QComboBox()
        self.item = QComboBox()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("人员类别"), self.tr("说明")]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.buttons = dialog_buttons()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("会议(&M)"), self.meeting)
        form.addRow(self.tr("积分项目(&I)"), self.item)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("出席人员（取消勾选即不加分）：")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        m = page.model
        with page.ctx.ledger.session() as s:
            from partydesk.ledger.models.work import RecordKind

            self._kinds = {}
            for rec in attendance.meetings_of(s, m.org_id, m.period.start, m.period.end):
                self.meeting.addItem(
                    f"{rec.held_at:%Y-%m-%d} {RecordKind.label_of(rec.kind)}"
                    + self.tr("（第%1次）").replace("%1", str(rec.seq)),
                    rec.id,
                )
                self._kinds[rec.id] = rec.kind
        for it in m.items:
            if it.points > 0:
                self.item.addItem(
                    self.tr("%1（+%2分）").replace("%1", it.name).replace("%2", fmt(it.points)),
                    it.id,
                )
        self.proposals = []
        self.meeting.currentIndexChanged.connect(self._meeting_changed)
        self.item.currentIndexChanged.connect(self._fill)
        self._meeting_changed()

    def _meeting_changed(self, *_):
        rid = self.meeting.currentData()
        if rid is None:
            return
        with self.page.ctx.ledger.session() as s:
            scheme = find_scheme(s, self.page.model.scheme_id)
            it = self.attendance.suggest_item(s, scheme, self._kinds[rid])
        if it is not None:
            self.item.blockSignals(True)
            self.item.setCurrentIndex(max(self.item.findData(it.id), 0))
            self.item.blockSignals(False)
        self._fill()

    def _fill(self, *_):
        from partydesk.ledger.enums import Category

        rid, iid = self.meeting.currentData(), self.item.currentData()
        if rid is None or iid is None:
            return
        with self.page.ctx.ledger.session() as s:
            self.proposals = self.attendance.propose_from_attendance(s, rid, iid)
        self.table.setRowCount(len(self.proposals))
        for r, p in enumerate(self.proposals):
            name = QTableWidgetItem(p.name)
            if p.ok:
                name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
                name.setCheckState(Qt.Checked)
            else:
                name.setFlags(Qt.ItemIsSelectable)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(Category.label_of(p.category)))
            self.table.setItem(r, 2, QTableWidgetItem(p.problem or self.tr("加分")))
        n = len(self.kept())
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存 {0} 条").format(n))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(n > 0)

    def kept(self) -> list:
        return [
            p
            for r, p in enumerate(self.proposals)
            if p.ok
            and self.table.item(r, 0) is not None
            and self.table.item(r, 0).checkState() == Qt.Checked
        ]
