"""Noticing other clerks' changes while a ledger is open, cheaply enough to ask every
few seconds.

On a ledger file, SQLite's `PRAGMA data_version` on one connection kept for it changes
whenever any other connection (another program, or this one's other connections) has
committed — a read of one number in memory, no query. On a server ledger, the id of the
操作日志's last entry: every change writes an entry, and `partydesk_audit_last()` reads
it past a township clerk's lane (one index lookup).

    watch = ChangeWatch(ledger)
    watch.poll()   # False the first time; later True when the ledger changed meanwhile
"""

from __future__ import annotations

from typing import Any


class ChangeWatch:
    """Has the ledger changed since the last `poll()`?"""

    def __init__(self, ledger):
        self.ledger = ledger
        self._raw: Any = None
        self._last: Any = None

    def _mark(self) -> Any:
        engine = self.ledger.engine
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                return conn.exec_driver_sql("SELECT id FROM partydesk_audit_last()").scalar()
        if self._raw is None:
            # data_version compares commits seen by one and the same connection
            self._raw = engine.raw_connection()
        return self._raw.cursor().execute("PRAGMA data_version").fetchone()[0]

    def poll(self) -> bool:
        mark = self._mark()
        changed = self._last is not None and mark != self._last
        self._last = mark
        return changed

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
