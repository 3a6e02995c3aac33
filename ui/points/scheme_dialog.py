"""Editing a points scheme: its items, points, caps and star bands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger.models.points import PointsItem
from partydesk.points.schemes import find_scheme
from partydesk.points.totals import fmt
from ui.errors import show_error
from ui.widgets.dialogs import dialog_buttons

if TYPE_CHECKING:
    from ui.points.page import PointsPage


class SchemeDialog(QDialog):
    """方案设置: base, floor, ceiling, items (points, cap) and bands of one scheme — the
    numbers every county sets differently. Entries already made keep their points."""

    ITEM_COLS = (
        QT_TRANSLATE_NOOP("SchemeDialog", "方面"),
        QT_TRANSLATE_NOOP("SchemeDialog", "项目名称"),
        QT_TRANSLATE_NOOP("SchemeDialog", "每次分值"),
        QT_TRANSLATE_NOOP("SchemeDialog", "每期上限"),
        QT_TRANSLATE_NOOP("SchemeDialog", "启用"),
    )
    BAND_COLS = (
        QT_TRANSLATE_NOOP("SchemeDialog", "起点分"),
        QT_TRANSLATE_NOOP("SchemeDialog", "名称"),
        QT_TRANSLATE_NOOP("SchemeDialog", "星数"),
    )

    def __init__(self, page: PointsPage, scheme_id: int):
        super().__init__(page)
        self.page, self.scheme_id = page, scheme_id
        self.resize(720, 620)
        with page.ctx.ledger.session() as s:
            sc = find_scheme(s, scheme_id)
            self.setWindowTitle(self.tr("方案设置 — {0}").format(sc.name))
            data = dict(
                base=sc.base_points,
                floor=sc.floor,
                ceiling=sc.ceiling,
                items=[
                    (it.id, it.dimension or "", it.name, it.points, it.cap, it.active)
                    for it in sc.items
                ],
                bands=[(b.min_points, b.label, b.stars) for b in sc.bands],
                kind=sc.bands[0].kind if sc.bands else "star",
            )
        self.kind = data["kind"]
        self.base = QDoubleSpinBox()
        self.base.setRange(-1000, 1000)
        self.base.setValue(data["base"])
        self.floor = self._optional_spin(data["floor"])
        self.ceiling = self._optional_spin(data["ceiling"])
        form = QFormLayout()
        form.addRow(self.tr("基础分(&B)"), self.base)
        form.addRow(self.tr("最低分(&F)"), self.floor)
        form.addRow(self.tr("最高分(&C)"), self.ceiling)
        self.items = QTableWidget(0, len(self.ITEM_COLS))
        self.items.setHorizontalHeaderLabels(
            [QCoreApplication.translate("SchemeDialog", c) for c in self.ITEM_COLS]
        )
        self.items.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for row in data["items"]:
            self._add_item_row(*row)
        add_item = QPushButton(self.tr("添加项目(&A)"))
        add_item.clicked.connect(lambda: self._add_item_row(None, "", "", 1.0, None, True))
        self.bands = QTableWidget(0, len(self.BAND_COLS))
        self.bands.setHorizontalHeaderLabels(
            [QCoreApplication.translate("SchemeDialog", c) for c in self.BAND_COLS]
        )
        self.bands.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for lo, label, stars in data["bands"]:
            self._add_band_row(lo, label, stars)
        add_band = QPushButton(self.tr("添加分档(&D)"))
        add_band.clicked.connect(lambda: self._add_band_row(0, "", None))
        buttons = dialog_buttons(self.tr("保存"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("积分项目（扣分项分值写负数；每期上限留空为不封顶）：")))
        lay.addWidget(self.items, 3)
        lay.addWidget(add_item)
        lay.addWidget(QLabel(self.tr("分档（总分达到起点分即属该档；星数可空）：")))
        lay.addWidget(self.bands, 2)
        lay.addWidget(add_band)
        lay.addWidget(buttons)

    def _optional_spin(self, value):
        sp = QDoubleSpinBox()
        sp.setRange(-1001, 1000)
        sp.setSpecialValueText(self.tr("不设"))
        sp.setValue(-1001 if value is None else value)
        return sp

    @staticmethod
    def _cell(text) -> QTableWidgetItem:
        return QTableWidgetItem(
            "" if text is None else (fmt(text) if isinstance(text, float) else str(text))
        )

    def _add_item_row(self, item_id, dim, name, points, cap, active):
        r = self.items.rowCount()
        self.items.insertRow(r)
        for c, v in enumerate((dim, name, points, cap)):
            self.items.setItem(r, c, self._cell(v))
        self.items.item(r, 0).setData(Qt.UserRole, item_id)
        chk = QTableWidgetItem()
        chk.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
        chk.setCheckState(Qt.Checked if active else Qt.Unchecked)
        self.items.setItem(r, 4, chk)

    def _add_band_row(self, lo, label, stars):
        r = self.bands.rowCount()
        self.bands.insertRow(r)
        for c, v in enumerate((float(lo), label, stars)):
            self.bands.setItem(r, c, self._cell(v))

    @staticmethod
    def _number(text: str, what: str, row: int, optional: bool = False):
        t = (text or "").strip()
        if not t and optional:
            return None
        try:
            return float(t)
        except ValueError:
            message = QCoreApplication.translate("SchemeDialog", "第 %1 行的%2应为数字：%3")
            empty = QCoreApplication.translate("SchemeDialog", "（空）")
            raise ValidationError(
                message.replace("%1", str(row + 1)).replace("%2", what).replace("%3", t or empty)
            ) from None

    def save(self) -> None:
        from partydesk.points import schemes as sch

        def text(table, r, c):
            it = table.item(r, c)
            return it.text() if it is not None else ""

        try:
            with self.page.ctx.ledger.session() as s:
                sc = find_scheme(s, self.scheme_id)
                sch.update_scheme(
                    s,
                    sc,
                    base_points=self.base.value(),
                    floor=None
                    if self.floor.value() == self.floor.minimum()
                    else self.floor.value(),
                    ceiling=None
                    if self.ceiling.value() == self.ceiling.minimum()
                    else self.ceiling.value(),
                )
                for r in range(self.items.rowCount()):
                    name = text(self.items, r, 1).strip()
                    iid = self.items.item(r, 0).data(Qt.UserRole)
                    if not name and iid is None:
                        continue  # an added row left empty
                    pts = self._number(text(self.items, r, 2), self.tr("每次分值"), r)
                    cap = self._number(
                        text(self.items, r, 3), self.tr("每期上限"), r, optional=True
                    )
                    active = self.items.item(r, 4).checkState() == Qt.Checked
                    dim = text(self.items, r, 0)
                    if iid is None:
                        it = sch.add_item(s, sc, name, pts, cap=cap, dimension=dim or None)
                        it.active = active
                    else:
                        sch.update_item(
                            s,
                            s.get(PointsItem, iid),
                            name=name,
                            points=pts,
                            cap=cap,
                            dimension=dim,
                            active=active,
                        )
                bands = []
                for r in range(self.bands.rowCount()):
                    label = text(self.bands, r, 1).strip()
                    if not label and not text(self.bands, r, 0).strip():
                        continue
                    lo = self._number(text(self.bands, r, 0), self.tr("起点分"), r)
                    stars = self._number(text(self.bands, r, 2), self.tr("星数"), r, optional=True)
                    bands.append((lo, label, None if stars is None else int(stars)))
                sch.set_bands(s, sc, bands, self.kind)
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.accept()
