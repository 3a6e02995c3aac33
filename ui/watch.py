"""Other clerks' changes appear in the open window without a restart: every few seconds
the ledger is asked, cheaply, whether anyone changed it (partydesk.ledger.changes); if so
the pages hear `ctx.changes.elsewhere` and the tables re-read their rows, keeping the
selection, the current cell and the scroll position."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from partydesk import logs
from partydesk.ledger.changes import ChangeWatch


class LedgerWatch(QObject):
    INTERVAL_MS = 3000  # often enough to see a colleague's edit, rare enough to cost nothing

    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.core = ChangeWatch(ctx.ledger)
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.poll()  # the starting point
        self.timer.start()

    def poll(self) -> bool:
        try:
            changed = self.core.poll()
        except Exception as e:  # noqa: BLE001 - a server briefly away: ask again next tick
            logs.log.info("检查其他人的修改时出错：%s", e)  # i18n: log
            return False
        if changed:
            self.ctx.changes.elsewhere.emit()
        return changed

    def stop(self) -> None:
        self.timer.stop()
        self.core.close()
