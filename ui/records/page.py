"""工作纪实 page: an organization's records by year, the editor, the cadence check, and the
work-record book (preview, print, save as PDF).

Long because each toolbar action of the page opens one of the dialogs beside it and
refreshes the same list."""

from __future__ import annotations

import tempfile
import uuid as uuid_mod
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Organization
from partydesk.records import RecordKind, cadence
from partydesk.records import service as svc
from ui.records.book import BookActions
from ui.records.commands import RecordCommand
from ui.records.editor import RecordDialog
from ui.records.model import RecordsModel
from ui.widgets import colors
from ui.widgets.combo import make_searchable


class RecordsPage(BookActions, QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("RecordsPage")
        self.org_id: int | None = None
        self.pdf_path: Path | None = None
        self._tmpdir = tempfile.TemporaryDirectory(prefix="partydesk-book-")

        # --- top bar: organization, year, actions ---
        self.org_box = QComboBox()
        self.org_box.setObjectName("org")
        make_searchable(self.org_box)
        self.org_box.setMinimumContentsLength(28)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.new_btn = QToolButton()
        self.new_btn.setText(self.tr("新建"))
        self.new_btn.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.new_btn)
        for k in RecordKind:
            act = menu.addAction(k.label)
            act.triggered.connect(lambda _=False, kind=k.value: self.new_record(kind))
        self.new_btn.setMenu(menu)
        self.copy_btn = QToolButton()
        self.copy_btn.setText(self.tr("复制上次"))
        self.copy_btn.setToolTip(
            self.tr("按同类上一次记录新建（地点、主持人、记录人、参加人员），日期顺延一个月")
        )
        self.copy_btn.setPopupMode(QToolButton.InstantPopup)
        copy_menu = QMenu(self.copy_btn)
        for k in svc.MONTHLY_KINDS:
            if k == RecordKind.INSTRUCTOR_LOG:
                continue
            act = copy_menu.addAction(k.label)
            act.triggered.connect(lambda _=False, kind=k.value: self.new_from_last(kind))
        self.copy_btn.setMenu(copy_menu)
        self.edit_btn = QPushButton(self.tr("编辑"))
        self.edit_btn.clicked.connect(self.edit_selected)
        self.del_btn = QPushButton(self.tr("删除"))
        self.del_btn.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("党组织")))
        top.addWidget(self.org_box, 1)
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year)
        top.addSpacing(12)
        for w in (self.new_btn, self.copy_btn, self.edit_btn, self.del_btn):
            top.addWidget(w)

        # --- records tab: table and cadence check ---
        self.model = RecordsModel(self)
        self.table = QTableView()
        self.table.setObjectName("records")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.cadence = QTableWidget(0, 5)
        self.cadence.setObjectName("cadence")
        self.cadence.setHorizontalHeaderLabels(
            [self.tr("类型"), self.tr("要求"), self.tr("应开"), self.tr("已开"), self.tr("情况")]
        )
        self.cadence.verticalHeader().setVisible(False)
        self.cadence.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.cadence.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.cadence_title = QLabel()
        cad_w = QWidget()
        cad_l = QVBoxLayout(cad_w)
        cad_l.setContentsMargins(0, 0, 0, 0)
        cad_l.addWidget(self.cadence_title)
        cad_l.addWidget(self.cadence)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(cad_w)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        # --- book tab: preview, print, save ---
        self.pdf_doc = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setObjectName("preview")
        self.pdf_view.setDocument(self.pdf_doc)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.zoom = QComboBox()
        self.zoom.addItem(self.tr("整页"), QPdfView.ZoomMode.FitInView)
        self.zoom.addItem(self.tr("适合宽度"), QPdfView.ZoomMode.FitToWidth)
        self.zoom.currentIndexChanged.connect(
            lambda i: self.pdf_view.setZoomMode(self.zoom.itemData(i))
        )
        self.a5 = QCheckBox(self.tr("A5 开本"))
        self.blank = QCheckBox(self.tr("空白手册"))
        self.build_btn = QPushButton(self.tr("生成预览"))
        self.build_btn.clicked.connect(self.build_preview)
        self.print_btn = QPushButton(self.tr("打印…"))
        self.print_btn.clicked.connect(self.print_book)
        self.save_btn = QPushButton(self.tr("另存为 PDF…"))
        self.save_btn.clicked.connect(self.save_pdf)
        self.book_info = QLabel()
        bar = QHBoxLayout()
        for w in (self.a5, self.blank, self.build_btn, self.print_btn, self.save_btn):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.zoom)
        bar.addWidget(self.book_info)
        book_w = QWidget()
        bl = QVBoxLayout(book_w)
        bl.addLayout(bar)
        bl.addWidget(self.pdf_view, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("记录与检查"))
        self.tabs.addTab(book_w, self.tr("纪实手册"))
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)

        QShortcut(QKeySequence.New, self, activated=lambda: self.new_btn.showMenu())
        QShortcut(QKeySequence.Delete, self.table, activated=self.delete_selected)
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.org_box.activated.connect(self._org_chosen)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self._load_orgs()
        self._update_buttons()

    # ---- data ----
    def _load_orgs(self) -> None:
        with self.ctx.ledger.Session() as s:
            cfg = cadence.rules(s)
            orgs = s.execute(
                select(Organization.id, Organization.name)
                .where(Organization.org_type.in_(cfg["org_types"]))
                .order_by(Organization.name)
            ).all()
        self.org_box.blockSignals(True)
        self.org_box.clear()
        for oid, name in orgs:
            self.org_box.addItem(name, oid)
        self.org_box.blockSignals(False)
        if orgs:
            idx = max(0, self.org_box.findData(self.org_id)) if self.org_id else 0
            self.org_box.setCurrentIndex(idx)
            self.org_id = self.org_box.itemData(idx)
        else:
            self.org_id = None
        self.reload()

    def _org_chosen(self, idx: int) -> None:
        oid = self.org_box.itemData(idx)
        if oid is not None and oid != self.org_id:
            self.org_id = oid
            self.reload()

    def set_org(self, org_id: int) -> None:
        idx = self.org_box.findData(org_id)
        if idx >= 0:
            self.org_box.setCurrentIndex(idx)
            self._org_chosen(idx)

    def refresh(self) -> None:
        self._load_orgs()

    def reload(self, select_uuid: str | None = None) -> None:
        rows, checks, select_row = [], [], -1
        if self.org_id is not None:
            year = self.year.value()
            with self.ctx.ledger.Session() as s:
                for i, r in enumerate(svc.list_records(s, self.org_id, year)):
                    c = svc.counts(r) if r.attendance else None
                    topic = r.topics or r.lesson_title or r.content or r.problems_raised or ""
                    rows.append(
                        (
                            r.id,
                            r.kind,
                            r.seq,
                            r.held_at,
                            r.place,
                            r.host,
                            c.expected if c else None,
                            c.present if c else None,
                            topic.replace("\n", " ")[:80],
                        )
                    )
                    if select_uuid and r.uuid == select_uuid:
                        select_row = i
                checks = cadence.check(s, self.org_id, year, date.today())
        self.model.load(rows)
        if rows:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setStretchLastSection(True)
        if select_row >= 0:
            self.table.selectRow(select_row)
        self._show_cadence(checks)
        self._update_buttons()

    def _show_cadence(self, checks) -> None:
        self.cadence.setRowCount(len(checks))
        missing = 0
        for i, r in enumerate(checks):
            cells = [r.label, r.rule, str(r.expected), str(r.done), r.status]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.missing:
                    item.setForeground(colors.on("error", colors.tint("error")))
                    item.setBackground(colors.tint("error"))
                elif not r.applies:
                    item.setForeground(colors.cell("grey"))
                self.cadence.setItem(i, j, item)
            missing += bool(r.missing)
        if self.org_id is None:
            self.cadence_title.setText(self.tr("账本中还没有党支部。"))
        elif missing:
            self.cadence_title.setText(
                self.tr("组织生活落实情况（截至今天）：%1 项有缺").replace("%1", str(missing))
            )
        else:
            self.cadence_title.setText(self.tr("组织生活落实情况（截至今天）：齐全"))
        self.cadence.resizeColumnsToContents()
        self.cadence.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)

    def _update_buttons(self) -> None:
        has_org = self.org_id is not None
        has_sel = bool(self.table.selectionModel() and self.table.selectionModel().selectedRows())
        for w in (self.new_btn, self.copy_btn, self.build_btn):
            w.setEnabled(has_org or (w is self.build_btn))
        self.edit_btn.setEnabled(has_sel)
        self.del_btn.setEnabled(has_sel)
        self.print_btn.setEnabled(self.pdf_path is not None)
        self.save_btn.setEnabled(True)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    # ---- editing ----
    def _people(self, s) -> tuple[list[tuple[int, str]], dict[int, str]]:
        members = svc.members_of(s, self.org_id)
        return [(p.id, p.name) for p in members], {p.id: p.name for p in members}

    def _validator(self, kind: str, uid: str | None):
        def check(values: dict) -> str | None:
            s = self.ctx.ledger.Session()
            try:
                if uid and svc.find_by_uuid(s, uid) is not None:
                    svc.update_record(s, svc.find_by_uuid(s, uid).id, **values)
                else:
                    svc.create_record(s, kind, **values)
            except PartyDeskError as e:
                return str(e)
            finally:
                s.rollback()
                s.close()
            return None

        return check

    def open_editor(self, kind: str, values: dict, names: dict[int, str], people) -> RecordDialog:
        extra = {}
        if kind in (RecordKind.VISIT, RecordKind.INSTRUCTOR_LOG):
            from partydesk.ledger.models import Instructor, Unit

            with self.ctx.ledger.Session() as s:
                extra["instructors"] = [
                    tuple(r)
                    for r in s.execute(
                        select(Instructor.id, Instructor.name)
                        .where(Instructor.active.is_(True))
                        .order_by(Instructor.name)
                    )
                ]
                extra["units"] = [
                    tuple(r) for r in s.execute(select(Unit.id, Unit.name).order_by(Unit.name))
                ]
        dlg = RecordDialog(kind, values, people, names, self, **extra)
        dlg.validator = self._validator(kind, values.get("uuid"))
        return dlg

    def new_record(self, kind: str, values: dict | None = None) -> RecordDialog | None:
        """Open the editor for a new record; returns the dialog (shown modally unless a
        test drives it)."""
        if self.org_id is None:
            return None
        with self.ctx.ledger.Session() as s:
            people, names = self._people(s)
        if values is None:
            year = self.year.value()
            now = datetime.now().replace(second=0, microsecond=0)
            held = now if now.year == year else datetime(year, 1, 1, 14, 30)
            values = {
                "org_id": self.org_id,
                "held_at": held.replace(hour=14, minute=30),
                "attendance": [{"person_id": pid, "status": "present"} for pid, _ in people],
            }
            if kind == RecordKind.TALK:
                values["attendance"] = []
        dlg = self.open_editor(kind, values, names, people)
        dlg.finished.connect(lambda res: self._save_new(kind, dlg) if res else None)
        dlg.open()
        return dlg

    def _save_new(self, kind: str, dlg: RecordDialog) -> None:
        snap = {"kind": kind, "uuid": str(uuid_mod.uuid4()), **dlg.values()}
        snap["org_id"] = self.org_id if snap.get("org_id") is None else snap["org_id"]
        self._push(RecordCommand(self, self.tr("新建") + RecordKind.label_of(kind), None, snap))

    def new_from_last(self, kind: str) -> RecordDialog | None:
        if self.org_id is None:
            return None
        with self.ctx.ledger.Session() as s:
            draft = svc.draft_from_last(s, self.org_id, kind)
        draft.pop("kind", None)
        return self.new_record(kind, draft)

    def edit_selected(self) -> RecordDialog | None:
        rid = self.selected_id()
        if rid is None:
            return None
        with self.ctx.ledger.Session() as s:
            rec = svc.get_record(s, rid)
            before = svc.snapshot(rec)
            people, names = self._people(s)
        dlg = self.open_editor(before["kind"], before, names, people)

        def done(res):
            if res:
                after = {**before, **dlg.values()}
                self._push(RecordCommand(self, self.tr("修改工作纪实"), before, after))

        dlg.finished.connect(done)
        dlg.open()
        return dlg

    def delete_selected(self, confirm: bool = True) -> None:
        rid = self.selected_id()
        if rid is None:
            return
        with self.ctx.ledger.Session() as s:
            rec = svc.get_record(s, rid)
            before = svc.snapshot(rec)
            label = (
                self.tr("%1（第%2次，%3）")
                .replace("%1", RecordKind.label_of(rec.kind))
                .replace("%2", str(rec.seq))
                .replace("%3", f"{rec.held_at:%Y-%m-%d}")
            )
        if (
            confirm
            and QMessageBox.question(
                self,
                self.tr("删除工作纪实"),
                self.tr("删除这条记录？") + "\n" + label + "\n" + self.tr("可用“撤销”恢复。"),
            )
            != QMessageBox.Yes
        ):
            return
        self._push(RecordCommand(self, self.tr("删除") + label, before, None))

    def _push(self, cmd: RecordCommand) -> None:
        try:
            self.ctx.undo_stack.push(cmd)
        except PartyDeskError as e:
            from ui.errors import show_error

            show_error(self, e)
            self.reload()
            return
        self.ctx.status(cmd.text())


def create_page(ctx):
    return RecordsPage(ctx)
