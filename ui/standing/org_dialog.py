"""One organization's standing in one dialog: its star rating and the year's history, the
六有 items, the 四个一 and the 示范点 level; each save is one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.models import Instructor, Organization
from partydesk.ledger.models.standing import DemoLevel, DemoSite
from partydesk.standing import config, orgs, rating, snapshot
from ui.errors import show_error
from ui.standing.commands import SnapshotCommand, refresh_dashboard
from ui.widgets.combo import make_searchable
from ui.widgets.dates import to_date, to_qdate

STAR_TEXT = {
    0: QT_TRANSLATE_NOOP("OrgStandingDialog", "未评星"),
    1: QT_TRANSLATE_NOOP("OrgStandingDialog", "一星"),
    2: QT_TRANSLATE_NOOP("OrgStandingDialog", "二星"),
    3: QT_TRANSLATE_NOOP("OrgStandingDialog", "三星"),
    4: QT_TRANSLATE_NOOP("OrgStandingDialog", "四星"),
    5: QT_TRANSLATE_NOOP("OrgStandingDialog", "五星"),
}


class OrgStandingDialog(QDialog):
    """An organization's standing for a year: 评星定级, the 六有 checklist, 四个一 and
    demonstration sites."""

    @staticmethod
    def star_text(stars) -> str:
        text = STAR_TEXT.get(stars)
        return str(stars) if text is None else QCoreApplication.translate("OrgStandingDialog", text)

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
        make_searchable(self.org_combo)
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
        make_searchable(self.g_instructor)
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
                de.setDate(to_qdate(d or date(year, date.today().month, min(date.today().day, 28))))
            hist = rating.history(s, oid)
            self.history.setText(
                self.tr("历年：")
                + (
                    "；".join(
                        self.tr("%1年 %2分 %3")
                        .replace("%1", str(h.year))
                        .replace("%2", f"{h.total:g}")
                        .replace("%3", self.star_text(h.stars))
                        for h in hist
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
                self.tr("%1年 %2%3")
                .replace("%1", str(d.year))
                .replace("%2", DemoLevel.label_of(d.level))
                .replace("%3", d.title or self.tr("示范点"))
                for d in sites
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
        refresh_dashboard(self.ctx)

    def scores(self) -> dict[str, float]:
        return {code: spin.value() for code, spin in self.spins.items()}

    def vetoes(self) -> list[str]:
        return [code for code, cb in self.veto_checks.items() if cb.isChecked()]

    def _update_result(self, *_) -> None:
        ev = rating.evaluate(self.cfg, self.scores(), self.vetoes())
        text = (
            self.tr("总分 %1 分　%2")
            .replace("%1", f"{ev.total:g}")
            .replace("%2", self.star_text(ev.stars))
        )
        if ev.vetoes:
            text += self.tr("（一票否决）")
        self.result.setText(text)

    def save(self) -> None:
        oid = self.org_id()
        if oid is None:
            show_error(self, ValidationError(self.tr("请选择党组织。")))
            return
        year = self.year.value()
        steps = {
            k: (to_date(de.date()) if cb.isChecked() else None)
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
                on_change=lambda: refresh_dashboard(self.ctx),
            )
        )
        self.ctx.status(self.tr("已保存：") + name)
        refresh_dashboard(self.ctx)
        self.saved.emit()
        self.accept()
