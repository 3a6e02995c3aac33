"""The 积分超市 tab: goods, their prices and stock, and redemptions against a member's points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsGoods, PointsRedemption
from partydesk.points import market
from partydesk.points.totals import fmt
from ui.errors import show_error
from ui.points.commands import RedeemCommand
from ui.widgets.dialogs import dialog_buttons

if TYPE_CHECKING:
    from ui.points.page import PointsPage


class MarketTab(QWidget):
    """积分超市: goods on the left, a redemption form and the organization's redemptions."""

    def __init__(self, ctx, page: PointsPage):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.goods = QTableWidget(0, 3)
        self.goods.setHorizontalHeaderLabels(
            [self.tr("商品"), self.tr("所需积分"), self.tr("库存")]
        )
        self.goods.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.goods.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.goods.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        add_goods = QPushButton(self.tr("上架商品(&G)…"))
        add_goods.clicked.connect(self.add_goods)

        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.NoInsert)
        self.person.completer().setFilterMode(Qt.MatchContains)
        self.goods_box = QComboBox()
        self.qty = QSpinBox()
        self.qty.setRange(1, 99)
        self.balance = QLabel()
        self.balance.setObjectName("balance")
        self.redeem_btn = QPushButton(self.tr("兑换(&X)"))
        self.redeem_btn.clicked.connect(self.redeem)
        self.person.currentIndexChanged.connect(self._show_balance)
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("姓名"), self.tr("商品"), self.tr("数量"), self.tr("积分")]
        )
        self.history.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("商品")))
        left.addWidget(self.goods, 1)
        left.addWidget(add_goods)
        form = QFormLayout()
        form.addRow(self.tr("兑换人(&W)"), self.person)
        form.addRow(self.tr("可用积分"), self.balance)
        form.addRow(self.tr("商品(&D)"), self.goods_box)
        form.addRow(self.tr("数量(&Q)"), self.qty)
        form.addRow("", self.redeem_btn)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("本组织兑换记录")))
        right.addWidget(self.history, 1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 2)
        lay.addLayout(right, 3)

    def refresh(self) -> None:
        org_id = self.page.org_box.currentData() if hasattr(self.page, "org_box") else None
        keep_person = self.person.currentData()
        keep_goods = self.goods_box.currentData()
        with self.ctx.ledger.session() as s:
            goods = [(g.id, g.name, g.price, g.stock, g.unit_label) for g in market.list_goods(s)]
            people = (
                s.execute(
                    select(Person.id, Person.name)
                    .where(Person.org_id == org_id, Person.status == "active")
                    .order_by(Person.id)
                ).all()
                if org_id
                else []
            )
            hist = (
                s.execute(
                    select(
                        PointsRedemption.on,
                        Person.name,
                        PointsGoods.name,
                        PointsRedemption.quantity,
                        PointsRedemption.points,
                    )
                    .join(Person, Person.id == PointsRedemption.person_id)
                    .join(PointsGoods, PointsGoods.id == PointsRedemption.goods_id)
                    .where(Person.org_id == org_id)
                    .order_by(PointsRedemption.on.desc(), PointsRedemption.id.desc())
                    .limit(500)
                ).all()
                if org_id
                else []
            )
        self.goods.setRowCount(len(goods))
        self.goods_box.blockSignals(True)
        self.goods_box.clear()
        for r, (gid, name, price, stock, unit) in enumerate(goods):
            for c, v in enumerate(
                (name, fmt(price), self.tr("不计") if stock is None else f"{stock}{unit or ''}")
            ):
                self.goods.setItem(r, c, QTableWidgetItem(v))
            self.goods_box.addItem(
                self.tr("%1（%2分）").replace("%1", name).replace("%2", fmt(price)), gid
            )
        i = self.goods_box.findData(keep_goods)
        self.goods_box.setCurrentIndex(max(i, 0))
        self.goods_box.blockSignals(False)
        self.person.blockSignals(True)
        self.person.clear()
        for pid, name in people:
            self.person.addItem(name, pid)
        i = self.person.findData(keep_person)
        self.person.setCurrentIndex(max(i, 0) if people else -1)
        self.person.blockSignals(False)
        self.history.setRowCount(len(hist))
        for r, (on, name, gname, qty, pts) in enumerate(hist):
            for c, v in enumerate((on.isoformat(), name, gname, str(qty), fmt(pts))):
                self.history.setItem(r, c, QTableWidgetItem(v))
        self._show_balance()

    def _show_balance(self, *_):
        pid = self.person.currentData()
        if pid is None:
            self.balance.setText("—")
            return
        with self.ctx.ledger.session() as s:
            b = market.balance(s, pid)
        self.balance.setText(
            self.tr("{0} 分（累计获得 {1}，已兑换 {2}）").format(
                fmt(b.available), fmt(b.earned), fmt(b.spent)
            )
        )

    def redeem(self) -> None:
        pid, gid = self.person.currentData(), self.goods_box.currentData()
        if pid is None or gid is None:
            QMessageBox.information(self, self.tr("兑换"), self.tr("请选择兑换人和商品。"))
            return
        label = (
            self.tr("%1 兑换 %2×%3")
            .replace("%1", self.person.currentText())
            .replace("%2", self.goods_box.currentText())
            .replace("%3", str(self.qty.value()))
        )
        cmd = RedeemCommand(self, pid, gid, self.qty.value(), label)
        self.ctx.undo_stack.push(cmd)
        if not cmd.failed:
            self.ctx.status(self.tr("已兑换：{0}").format(label))

    def add_goods(self) -> None:
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("上架商品"))
        form = QFormLayout(dlg)
        name = QLineEdit()
        price = QDoubleSpinBox()
        price.setRange(0.5, 100000)
        price.setDecimals(1)
        price.setValue(10)
        stock = QSpinBox()
        stock.setRange(-1, 100000)
        stock.setSpecialValueText(self.tr("不计库存"))
        stock.setValue(-1)
        unit = QLineEdit()
        unit.setPlaceholderText(self.tr("件"))
        form.addRow(self.tr("名称(&N)"), name)
        form.addRow(self.tr("所需积分(&P)"), price)
        form.addRow(self.tr("库存(&S)"), stock)
        form.addRow(self.tr("单位(&U)"), unit)
        buttons = dialog_buttons()
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        form.addRow(buttons)
        if dlg.exec() != QDialog.Accepted:
            return
        try:
            with self.ctx.ledger.session() as s:
                market.add_goods(
                    s,
                    name.text(),
                    price.value(),
                    stock=None if stock.value() < 0 else stock.value(),
                    unit_label=unit.text().strip() or None,
                )
        except PartyDeskError as e:
            show_error(self, e)
            return
        self.refresh()
