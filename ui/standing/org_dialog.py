"""Dialogs: the list behind a dashboard figure, an organization's standing (rating, 六有,
四个一, demonstration sites) and a unit's 六个清 survey. Every save is one undoable step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.models import Instructor, Organization, Unit
from partydesk.ledger.models.standing import DemoLevel, DemoSite, UnitSurvey
from partydesk.standing import config, orgs, rating, snapshot, survey
from ui.errors import show_error
from ui.standing.models import IdListModel

STAR_TEXT = {0: "未评星", 1: "一星", 2: "二星", 3: "三星", 4: "四星", 5: "五星"}


def qdate(d: date | None) -> QDate:
    d = d or date.today()
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _searchable(combo: QComboBox) -> None:
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.NoInsert)
    comp = combo.completer()
    comp.setFilterMode(Qt.MatchContains)
    comp.setCompletionMode(QCompleter.PopupCompletion)


class SnapshotCommand(QUndoCommand):
    """Undo/redo an edit of one organization's standing by restoring whole snapshots."""

    def __init__(self, ctx, before: dict, after: dict, text: str, on_change=None):
        super().__init__(text)
        self.ctx, self.before, self.after, self.on_change = ctx, before, after, on_change
        self._first = True

    def _apply(self, snap: dict) -> None:
        with self.ctx.ledger.session() as s:
            snapshot.restore(s, snap)
        if self.on_change:
            self.on_change()

    def redo(self) -> None:
        if self._first:  # already saved by the dialog
            self._first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class SurveyCommand(QUndoCommand):
    def __init__(self, ctx, values: dict, survey_id: int, text: str, on_change=None):
        super().__init__(text)
        self.ctx, self.values, self.survey_id, self.on_change = ctx, values, survey_id, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        with self.ctx.ledger.session() as s:
            row = UnitSurvey(**self.values)
            s.add(row)
            s.flush()
            self.survey_id = row.id
        if self.on_change:
            self.on_change()

    def undo(self) -> None:
        with self.ctx.ledger.session() as s:
            row = s.get(UnitSurvey, self.survey_id)
            if row is not None:
                s.delete(row)
        if self.on_change:
            self.on_change()


def _changed(ctx) -> None:
    """Tell the dashboard (and any page that cares) that standing data changed."""
    page = ctx.pages.get("ui.pages.dashboard")
    if page is not None and hasattr(page, "refresh"):
        page.refresh()


class ListDialog(QDialog):
    """The units, organizations or people behind a figure."""

    def __init__(
        self, ctx, title: str, kind: str, ids: list[int], parent=None, year: int | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.year = year  # the rating year an organization opens on
        self.setWindowTitle(title)
        self.model = IdListModel(ctx.ledger, kind, ids, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.view.doubleClicked.connect(self._open)
        hint = {
            "org": self.tr("双击可编辑评星定级、六有、四个一"),
            "unit": self.tr("双击可登记六个清摸排"),
        }.get(kind, "")
        count = QLabel(
            self.tr("共 %1 条").replace("%1", str(len(ids))) + ("　" + hint if hint else "")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(count)
        lay.addWidget(self.view)
        lay.addWidget(buttons)
        self.resize(820, 520)

    def _open(self, index) -> None:
        rid = self.model.id_at(index.row())
        if self.kind == "org":
            OrgStandingDialog(self.ctx, rid, self.year, parent=self).exec()
        elif self.kind == "unit":
            SurveyDialog(self.ctx, rid, parent=self).exec()


class OrgStandingDialog(QDialog):
    """An organization's standing for a year: 评星定级, the 六有 checklist, 四个一 and
    demonstration sites."""

    saved = Signal()

    def __init__(self, ctx, org_id: int | None = None, year: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("党组织评星定级与阵地建设"))
        with ctx.ledger.session() as s:
            self.cfg = config.get(s)
            org_rows = s.execute(
                select(Organization.id, Organization.name)
                .where(Organization.dissolved_on.is_(None))
                .order_by(Organization.name)
            ).all()
            self.instructors = s.execute(
                select(Instructor.id, Instructor.name, Instructor.home_unit).order_by(
                    Instructor.name
                )
            ).all()
        self.org_combo = QComboBox()
        for oid, name in org_rows:
            self.org_combo.addItem(name, oid)
        _searchable(self.org_combo)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("党组织：")))
        top.addWidget(self.org_combo, 1)
        top.addWidget(QLabel(self.tr("年度：")))
        top.addWidget(self.year)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._rating_tab(), self.tr("评星定级"))
        self.tabs.addTab(self._checklist_tab(), self.cfg["checklist"]["name"])
        self.tabs.addTab(self._guidance_tab(), self.tr("四个一"))
        self.tabs.addTab(self._demo_tab(), self.tr("示范点"))

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)
        self.resize(860, 680)

        if org_id is not None:
            i = self.org_combo.findData(org_id)
            if i >= 0:
                self.org_combo.setCurrentIndex(i)
        self.org_combo.currentIndexChanged.connect(self.load)
        self.year.valueChanged.connect(self.load)
        self.load()

    # -- building the tabs ---------------------------------------------------------------
    def _rating_tab(self) -> QWidget:
        w = QWidget()
        inds = rating.indicators(self.cfg)
        self.score_table = QTableWidget(len(inds), 4)
        self.score_table.setHorizontalHeaderLabels(
            [self.tr("方面"), self.tr("指标"), self.tr("满分"), self.tr("得分")]
        )
        self.score_table.verticalHeader().hide()
        self.score_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for row, ind in enumerate(inds):
            first = row == 0 or inds[row - 1]["area"] != ind["area"]
            area = ind["area_label"] if first else ""  # the area once, at its first indicator
            for col, text in enumerate((area, ind["label"], f"{ind['max']:g}")):
                self.score_table.setItem(row, col, QTableWidgetItem(text))
            spin = QDoubleSpinBox()
            spin.setRange(0, float(ind["max"]))
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.valueChanged.connect(self._update_result)
            self.score_table.setCellWidget(row, 3, spin)
            self.spins[ind["code"]] = spin
        h = self.score_table.horizontalHeader()
        h.setSectionResizeMode(1, QHeaderView.Stretch)
        h.setSectionResizeMode(0, QHeaderView.ResizeToContents)

        veto_box = QGroupBox(self.tr("一票否决"))
        vl = QVBoxLayout(veto_box)
        self.veto_checks: dict[str, QCheckBox] = {}
        for v in self.cfg["vetoes"]:
            cb = QCheckBox(v["label"])
            cb.toggled.connect(self._update_result)
            vl.addWidget(cb)
            self.veto_checks[v["code"]] = cb
        step_box = QGroupBox(self.tr("步骤"))
        sl = QGridLayout(step_box)
        self.step_widgets: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        for i, step in enumerate(rating.STEP_FIELDS):
            cb = QCheckBox(step.label)
            de = QDateEdit()
            de.setCalendarPopup(True)
            de.setDisplayFormat("yyyy-MM-dd")
            de.setEnabled(False)
            cb.toggled.connect(de.setEnabled)
            sl.addWidget(cb, i, 0)
            sl.addWidget(de, i, 1)
            self.step_widgets[step.value] = (cb, de)
        self.result = QLabel()
        self.result.setObjectName("ratingResult")
        self.result.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.result)
        side.addWidget(QLabel(rating.band_text(self.cfg)))
        side.addWidget(step_box)
        side.addWidget(veto_box)
        side.addWidget(self.history)
        side.addStretch(1)
        lay = QHBoxLayout(w)
        lay.addWidget(self.score_table, 3)
        lay.addLayout(side, 2)
        return w

    def _checklist_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.check_boxes: dict[str, QCheckBox] = {}
        for it in self.cfg["checklist"]["items"]:
            cb = QCheckBox(it["label"])
            lay.addWidget(cb)
            self.check_boxes[it["code"]] = cb
        lay.addStretch(1)
        return w

    def _guidance_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.g_leader = QLineEdit()
        self.g_post = QLineEdit()
        self.g_instructor = QComboBox()
        self.g_instructor.addItem(self.tr("（未指定）"), None)
        for iid, name, home in self.instructors:
            self.g_instructor.addItem(f"{name}（{home}）" if home else name, iid)
        _searchable(self.g_instructor)
        self.g_pairing = QLineEdit()
        self.g_channel = QLineEdit()
        form.addRow(self.tr("联系领导："), self.g_leader)
        form.addRow(self.tr("领导职务："), self.g_post)
        form.addRow(self.tr("党建指导员："), self.g_instructor)
        form.addRow(self.tr("结对单位："), self.g_pairing)
        form.addRow(self.tr("吹哨报到渠道："), self.g_channel)
        return w

    def _demo_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.demo_list = QLabel()
        self.demo_list.setWordWrap(True)
        self.demo_list.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        row = QHBoxLayout()
        self.demo_level = QComboBox()
        for lv in DemoLevel:
            self.demo_level.addItem(lv.label, lv.value)
        self.demo_year = QSpinBox()
        self.demo_year.setRange(2000, 2100)
        self.demo_year.setValue(date.today().year)
        self.demo_title = QLineEdit(self.tr("党建示范点"))
        add = QPushButton(self.tr("命名为示范点"))
        add.clicked.connect(self._add_demo)
        for x in (
            QLabel(self.tr("级别：")),
            self.demo_level,
            QLabel(self.tr("年度：")),
            self.demo_year,
            QLabel(self.tr("名称：")),
            self.demo_title,
            add,
        ):
            row.addWidget(x)
        lay.addWidget(self.demo_list, 1)
        lay.addLayout(row)
        return w

    # -- state ---------------------------------------------------------------------------
    def org_id(self) -> int | None:
        i = self.org_combo.currentIndex()
        return self.org_combo.itemData(i) if i >= 0 else None

    def load(self) -> None:
        oid = self.org_id()
        if oid is None:
            return
        year = self.year.value()
        with self.ctx.ledger.session() as s:
            r = rating.get_rating(s, oid, year)
            scores = rating.rating_scores(r) if r else {}
            vetoes = rating.rating_vetoes(r) if r else []
            for code, spin in self.spins.items():
                spin.blockSignals(True)
                spin.setValue(float(scores.get(code, 0)))
                spin.blockSignals(False)
            for code, cb in self.veto_checks.items():
                cb.blockSignals(True)
                cb.setChecked(code in vetoes)
                cb.blockSignals(False)
            for step, (cb, de) in self.step_widgets.items():
                d = getattr(r, rating.STEP_FIELDS[rating.RatingStep(step)]) if r else None
                cb.setChecked(d is not None)
                de.setDate(qdate(d or date(year, date.today().month, min(date.today().day, 28))))
            hist = rating.history(s, oid)
            self.history.setText(
                self.tr("历年：")
                + (
                    "；".join(
                        f"{h.year}年 {h.total:g}分 {STAR_TEXT.get(h.stars, h.stars)}" for h in hist
                    )
                    or self.tr("无")
                )
            )
            for row in orgs.checklist(s, oid):
                self.check_boxes[row.code].setChecked(row.done)
            g = orgs.get_guidance(s, oid)
            self.g_leader.setText(g.leader_name or "" if g else "")
            self.g_post.setText(g.leader_post or "" if g else "")
            i = self.g_instructor.findData(g.instructor_id if g else None)
            self.g_instructor.setCurrentIndex(max(0, i))
            self.g_pairing.setText(g.pairing_unit or "" if g else "")
            self.g_channel.setText(g.whistle_channel or "" if g else "")
            self._load_demo(s, oid)
            self._had_rating = r is not None
        self._update_result()

    def _load_demo(self, s, oid: int) -> None:
        sites = s.scalars(
            select(DemoSite).where(DemoSite.org_id == oid).order_by(DemoSite.year)
        ).all()
        self.demo_list.setText(
            "\n".join(
                f"{d.year}年 {DemoLevel.label_of(d.level)}{d.title or '示范点'}" for d in sites
            )
            or self.tr("尚未命名为示范点。")
        )

    def _add_demo(self) -> None:
        oid = self.org_id()
        if oid is None:
            return
        try:
            with self.ctx.ledger.session() as s:
                orgs.add_demo_site(
                    s,
                    oid,
                    self.demo_level.currentData(),
                    self.demo_year.value(),
                    self.demo_title.text().strip() or None,
                )
            with self.ctx.ledger.session() as s:
                self._load_demo(s, oid)
        except PartyDeskError as e:
            show_error(self, e)
            return
        _changed(self.ctx)

    def scores(self) -> dict[str, float]:
        return {code: spin.value() for code, spin in self.spins.items()}

    def vetoes(self) -> list[str]:
        return [code for code, cb in self.veto_checks.items() if cb.isChecked()]

    def _update_result(self, *_) -> None:
        ev = rating.evaluate(self.cfg, self.scores(), self.vetoes())
        text = (
            self.tr("总分 %1 分　%2")
            .replace("%1", f"{ev.total:g}")
            .replace("%2", STAR_TEXT.get(ev.stars, str(ev.stars)))
        )
        if ev.vetoes:
            text += self.tr("（一票否决）")
        self.result.setText(text)

    def save(self) -> None:
        oid = self.org_id()
        if oid is None:
            show_error(self, ValidationError("请选择党组织。"))
            return
        year = self.year.value()
        steps = {
            k: (pydate(de.date()) if cb.isChecked() else None)
            for k, (cb, de) in self.step_widgets.items()
        }
        scores = self.scores()
        rating_touched = (
            self._had_rating or any(scores.values()) or self.vetoes() or any(steps.values())
        )
        try:
            with self.ctx.ledger.session() as s:
                before = snapshot.take(s, oid, year)
                if rating_touched:
                    rating.save_rating(
                        s,
                        oid,
                        year,
                        scores=scores,
                        vetoes=self.vetoes(),
                        steps=steps,
                        replace_scores=True,
                    )
                orgs.set_checklist(
                    s, oid, {c: cb.isChecked() for c, cb in self.check_boxes.items()}
                )
                orgs.set_guidance(
                    s,
                    oid,
                    leader_name=self.g_leader.text(),
                    leader_post=self.g_post.text(),
                    instructor_id=self.g_instructor.currentData(),
                    pairing_unit=self.g_pairing.text(),
                    whistle_channel=self.g_channel.text(),
                )
                after = snapshot.take(s, oid, year)
        except PartyDeskError as e:
            show_error(self, e)
            return
        name = self.org_combo.currentText()
        self.ctx.undo_stack.push(
            SnapshotCommand(
                self.ctx,
                before,
                after,
                self.tr("编辑“%1”的评星与阵地").replace("%1", name),
                on_change=lambda: _changed(self.ctx),
            )
        )
        self.ctx.status(self.tr("已保存：") + name)
        _changed(self.ctx)
        self.saved.emit()
        self.accept()


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
        _searchable(self.unit_combo)
        self.on = QDateEdit(qdate(date.today()))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(qdate(date.today()))
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
            show_error(self, ValidationError("请选择单位。"))
            return
        facts = {f: e.text().strip() for f, e in self.fields.items()}
        try:
            with self.ctx.ledger.session() as s:
                rec = survey.record_survey(
                    s, uid, pydate(self.on.date()), self.surveyor.text(), prefill=False, **facts
                )
                values = {
                    c: getattr(rec, c)
                    for c in ("uuid", "unit_id", "surveyed_on", "surveyor", "note", *survey.FIELDS)
                }
                rid = rec.id
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
                on_change=lambda: _changed(self.ctx),
            )
        )
        self.ctx.status(self.tr("已登记摸排：") + name)
        _changed(self.ctx)
        self.accept()
