"""The undo step of the records page: a record added, changed or deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from partydesk.records import service as svc

if TYPE_CHECKING:
    from ui.records.page import RecordsPage


class RecordCommand(QUndoCommand):
    """Add, change or delete one record, by snapshots (service.snapshot): `before` None
    means add, `after` None means delete."""

    def __init__(self, page: RecordsPage, text: str, before: dict | None, after: dict | None):
        super().__init__(text)
        self.page, self.before, self.after = page, before, after
        self.uid = (after or before)["uuid"]

    def _apply(self, snap: dict | None) -> None:
        with self.page.ctx.ledger.session() as s:
            if snap is None:
                svc.delete_by_uuid(s, self.uid)
            else:
                svc.restore(s, snap)
        self.page.reload(select_uuid=self.uid if snap else None)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
