"""The qualifications tab: who holds which 资格 (awarded, expiring, withdrawn)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partydesk.errors import PartyDeskError
from ui.widgets.colors import cell
from ui.widgets.rows import RowsModel, make_view


class QualificationsPanel(QWidget):
    """红领党务: holders with level and review date (due soon in red), the selected
    holder's history, and award / review / withdraw."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        from partydesk.ledger.models.certs import QualificationEventKind, QualificationLevel

        self._ev, self._lv = QualificationEventKind, QualificationLevel
        self.model = RowsModel(
            [
                self.tr("持有人"),
                self.tr("等级"),
                self.tr("认定（定级）日期"),
                self.tr("复核期限"),
                self.tr("状态"),
            ],
            self,
            colour=self._colour,
        )
        self.view = make_view(self.model, self)
        self.view.setObjectName("qualTable")
        self.events = RowsModel(
            [
                self.tr("日期"),
                self.tr("事项"),
                self.tr("原等级"),
                self.tr("新等级"),
                self.tr("原因"),
            ],
            self,
        )
        self.events_view = make_view(self.events, self)
        self.show_all = QCheckBox(self.tr("含已撤销"), self)
        self.show_all.toggled.connect(self.reload)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("认定…"), self.award),
            (self.tr("复核…"), self.review),
            (self.tr("撤销资格…"), self.withdraw),
        ):
            b = QPushButton(text, self)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.show_all)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.events_view)
        split.setSizes([400, 160])
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(split, 1)
        for c, w in enumerate((100, 60, 120, 100)):
            self.view.setColumnWidth(c, w)
        for c, w in enumerate((100, 80, 70, 70)):
            self.events_view.setColumnWidth(c, w)
        self.view.selectionModel().currentRowChanged.connect(self.reload_events)
        self.reload()

    def _colour(self, row, col):
        from partydesk.ledger.models.certs import QualificationStatus

        if row[4] != QualificationStatus.ACTIVE.label:  # the status column shows the label
            return cell("grey")
        if row[5] <= date.today().toordinal() + 60:
            return cell("error")
        return None

    def reload(self, *args) -> None:
        from sqlalchemy import select

        from partydesk.ledger.models.certs import Qualification, QualificationStatus

        keep = self.current_id()
        q = select(Qualification).order_by(Qualification.review_due_on, Qualification.id)
        if not self.show_all.isChecked():
            q = q.where(Qualification.status == "active")
        with self.ctx.ledger.session() as s:
            quals = list(s.scalars(q))
        rows = [
            (
                x.holder_name,
                self._lv.label_of(x.level),
                f"{x.awarded_on:%Y-%m-%d}",
                f"{x.review_due_on:%Y-%m-%d}",
                QualificationStatus.label_of(x.status),
                x.review_due_on.toordinal(),
            )
            for x in quals
        ]
        self.model.set_rows(rows, [x.id for x in quals])
        if keep in self.model.keys:
            self.view.selectRow(self.model.keys.index(keep))
        self.reload_events()

    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return (
            self.model.keys[idx.row()]
            if idx.isValid() and idx.row() < len(self.model.keys)
            else None
        )

    def reload_events(self, *args) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        rows = []
        if qid is not None:
            with self.ctx.ledger.session() as s:
                for e in qualifications.get(s, qid).events:
                    rows.append(
                        (
                            f"{e.on:%Y-%m-%d}",
                            self._ev.label_of(e.kind),
                            self._lv.label_of(e.from_level),
                            self._lv.label_of(e.to_level),
                            e.reason or "",
                        )
                    )
        self.events.set_rows(rows)

    def _run(self, fn) -> bool:
        try:
            with self.ctx.ledger.session() as s:
                fn(s)
        except PartyDeskError as e:
            QMessageBox.warning(self, self.tr("操作未完成"), str(e))
            return False
        self.reload()
        return True

    def award(self) -> None:
        from partydesk.certs import qualifications

        name, ok = QInputDialog.getText(self, self.tr("认定红领党务"), self.tr("持有人姓名："))
        if not ok or not name.strip():
            return
        level, ok = QInputDialog.getItem(
            self, self.tr("认定红领党务"), self.tr("等级："), self._lv.labels(), 0, False
        )
        if not ok:
            return

        def go(s):
            from sqlalchemy import select

            from partydesk.ledger.models import Person

            ids = list(s.scalars(select(Person.id).where(Person.name == name.strip()).limit(2)))
            pid = ids[0] if len(ids) == 1 else None  # link to the person when unambiguous
            qualifications.award(
                s, level, date.today(), person_id=pid, name=None if pid else name.strip()
            )

        if self._run(go):
            self.ctx.status(self.tr("已认定 {0} 为红领党务{1}").format(name.strip(), level))

    def review(self) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        if qid is None:
            self.ctx.status(self.tr("请先选中一位持有人。"))
            return
        cur = self.model.rows[self.model.keys.index(qid)][1]
        labels = self._lv.labels()
        level, ok = QInputDialog.getItem(
            self,
            self.tr("复核"),
            self.tr("复核后的等级（不变即保留）："),
            labels,
            labels.index(cur) if cur in labels else 0,
            False,
        )
        if not ok:
            return
        reason = ""
        if level != cur:
            reason, ok = QInputDialog.getText(self, self.tr("复核"), self.tr("晋级或降级的原因："))
            if not ok:
                return
        self._run(lambda s: qualifications.review(s, qid, date.today(), level, reason or None))

    def withdraw(self) -> None:
        from partydesk.certs import qualifications

        qid = self.current_id()
        if qid is None:
            self.ctx.status(self.tr("请先选中一位持有人。"))
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("撤销资格"), self.tr("撤销原因（如：调离党务工作岗位）：")
        )
        if ok:
            self._run(lambda s: qualifications.withdraw(s, qid, date.today(), reason))
