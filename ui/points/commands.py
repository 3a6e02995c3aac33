"""The points page's undo steps: one count, the entries kept from a meeting's proposals, a
redemption in the 积分超市."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from partydesk.errors import PartyDeskError
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsGoods
from partydesk.points import entries, market
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.points.grid_model import GridItem, PointsGridModel
    from ui.points.market import MarketTab
    from ui.points.page import PointsPage


class SetCountCommand(QUndoCommand):
    """Undoable: set one person's count of one item in one period."""

    def __init__(
        self, model: PointsGridModel, person_id: int, name: str, item: GridItem, old: int, new: int
    ):
        super().__init__(f"{name} {item.name} {old}→{new}")
        self.model = model
        self.where = model.context()
        self.person_id, self.item_id, self.old, self.new = person_id, item.id, old, new
        self.failed = False

    def _apply(self, count: int) -> None:
        m = self.model
        try:
            m.write_count(self.person_id, self.item_id, count, self.where)
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(m.parent() if isinstance(m.parent(), QWidget) else None, e)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SaveProposalsCommand(QUndoCommand):
    """Undoable: the entries kept from a meeting's proposals."""

    def __init__(self, page: PointsPage, proposals: list, label: str):
        super().__init__(
            QCoreApplication.translate("PointsPage", "按会议出勤加分：%1").replace("%1", label)
        )
        self.page, self.proposals, self.ids, self.failed = page, proposals, [], False

    def redo(self):
        from partydesk.points import attendance

        try:
            with self.page.ctx.ledger.session() as s:
                self.ids = [e.id for e in attendance.save_proposals(s, self.proposals)]
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(self.page, e)
        self.page.model.refresh_totals()

    def undo(self):
        from partydesk.ledger.models.points import PointsEntry

        try:
            with self.page.ctx.ledger.session() as s:
                for eid in self.ids:
                    e = s.get(PointsEntry, eid)
                    if e is not None:
                        entries.delete_entry(s, e)
        except PartyDeskError as e:
            show_error(self.page, e)
        self.page.model.refresh_totals()


class RedeemCommand(QUndoCommand):
    """Undoable redemption in the 积分超市."""

    def __init__(self, tab: MarketTab, person_id: int, goods_id: int, qty: int, label: str):
        super().__init__(label)
        self.tab, self.person_id, self.goods_id, self.qty = tab, person_id, goods_id, qty
        self.redemption_id: int | None = None
        self.failed = False

    def redo(self):
        try:
            with self.tab.ctx.ledger.session() as s:
                r = market.redeem(
                    s, s.get(Person, self.person_id), s.get(PointsGoods, self.goods_id), self.qty
                )
                self.redemption_id = r.id
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(self.tab, e)
        self.tab.refresh()

    def undo(self):
        if self.redemption_id is not None:
            with self.tab.ctx.ledger.session() as s:
                market.cancel_redemption(s, self.redemption_id)
            self.redemption_id = None
        self.tab.refresh()
