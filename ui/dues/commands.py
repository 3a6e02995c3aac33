"""The dues page's undo steps: the payments written by typing or pasting into the grid, and
本月按应交全部收讫. Undo removes exactly the rows the step wrote; redo writes them again
(same uuids), so the 操作日志 shows both."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from partydesk.dues import payments
from partydesk.errors import PartyDeskError
from ui.errors import show_error


class PaymentsCommand(QUndoCommand):
    """Undoable: whatever `write(session) -> list[DuesPayment]` writes."""

    def __init__(self, ledger, label: str, write: Callable, refresh: Callable, parent_widget):
        super().__init__(label)
        self.ledger, self.write, self.refresh, self.widget = ledger, write, refresh, parent_widget
        self.ids: list[int] = []
        self.rows: list[dict] | None = None
        self.failed = False
        self.result = None

    def redo(self) -> None:
        try:
            with self.ledger.session() as s:
                if self.rows is None:
                    self.result = self.write(s)
                    written = getattr(self.result, "payments", self.result)
                    self.ids = [p.id for p in written]
                    self.rows = payments.snapshot(written)
                else:
                    self.ids = payments.redo(s, self.rows)
        except PartyDeskError as e:
            self.failed = True
            self.setObsolete(True)
            show_error(self.widget, e)
        self.refresh()

    def undo(self) -> None:
        try:
            with self.ledger.session() as s:
                payments.undo(s, self.ids)
        except PartyDeskError as e:
            show_error(self.widget, e)
        self.refresh()
