"""Several clients on one ledger, as several clerks' windows are: each with its own
engine and sessions, on the SQLite file — or, in the PostgreSQL run of the suite
(PARTYDESK_TEST_DB, see tests/conftest.py), on a fresh server database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TEST_DB = os.environ.get("PARTYDESK_TEST_DB", "")
NO_SERVER = "没有配置 PostgreSQL 测试服务器（PARTYDESK_TEST_DB，见 build_scripts/pg_cluster.sh）"


def client(target, password: str | None = None):
    """A Ledger of its own over `target` (a path, or a server URL) with the audit log's
    listeners, as a clerk's window has it — on a file without the one-writer lock, which
    would make the second client read-only (as two programs on a share can still be)."""
    from partydesk.ledger import open_ledger

    if isinstance(target, str):
        from partydesk.ledger import server

        if password is not None:
            server.offer(server.parse(target), password)
        return open_ledger(target)
    from partydesk import audit
    from partydesk.ledger.db import Ledger, make_engine

    lg = Ledger(Path(target), make_engine(target))
    audit.install(lg)
    return lg


@pytest.fixture
def shared_ledger(ledger_path):
    """A ledger with its schema that several clients open (`ledger_path` is a server
    database with the schema in the PostgreSQL run)."""
    if not isinstance(ledger_path, str):
        from partydesk.ledger import open_ledger

        open_ledger(ledger_path, create=True).close()
    return ledger_path
