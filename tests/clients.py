"""Several clients on one ledger, as several clerks' windows are: each with its own
engine, on the SQLite file or on the PostgreSQL test server (PARTYDESK_TEST_DB; the
PostgreSQL cases skip, saying why, when none is configured)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

TEST_DB = os.environ.get("PARTYDESK_TEST_DB", "")
NO_SERVER = "没有配置 PostgreSQL 测试服务器（PARTYDESK_TEST_DB，见 build_scripts/pg_cluster.sh）"
KINDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not TEST_DB, reason=NO_SERVER)),
]


def sa_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def make_schema(target) -> None:
    """The ledger's schema at the newest revision in a SQLite file or server database."""
    from partydesk.ledger import migrate

    if isinstance(target, str):
        eng = create_engine(sa_url(target))
    else:
        from partydesk.ledger.db import make_engine

        eng = make_engine(target)
    try:
        migrate.upgrade(eng)
    finally:
        eng.dispose()


def client(target):
    """A Ledger of its own over `target` (a path, or a server URL), with the audit log's
    listeners, as a clerk's window has it (without the file lock, which on SQLite would
    make the second client read-only)."""
    from pathlib import Path

    from partydesk import audit
    from partydesk.ledger.db import Ledger, make_engine

    if isinstance(target, str):
        lg = Ledger(Path("server"), create_engine(sa_url(target)))
    else:
        lg = Ledger(target, make_engine(target))
    audit.install(lg)
    return lg


@pytest.fixture
def shared_ledger(request, tmp_path):
    """A ledger with its schema that several clients open: a SQLite file, or a fresh
    database on the test server."""
    if request.param == "sqlite":
        path = tmp_path / "shared.partydesk"
        make_schema(path)
        yield path
        return
    from tests import pg

    name = pg.fresh(TEST_DB)
    target = pg.url(TEST_DB, name)
    make_schema(target)
    yield target
    pg.drop(TEST_DB, name)
