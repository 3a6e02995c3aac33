"""The SQLAlchemy engine of a ledger file: connections through its `file:` URI, foreign
keys on, a busy timeout, WAL locally and the rollback journal on a network share."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from partydesk.ledger import cipher, paths
from partydesk.ledger.paths import BUSY_TIMEOUT_MS


def _connect_hook(network: bool):
    def _on_connect(dbapi_conn, _record):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            if network:
                # WAL needs shared memory, which does not work across computers: on a
                # share use the rollback journal, whose file locks SMB/NFS do honour.
                cur.execute("PRAGMA journal_mode=DELETE")
                cur.execute("PRAGMA synchronous=FULL")
            else:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
        except cipher.db_errors():
            pass  # read-only media: the journal mode cannot be changed; reading still works
        cur.close()

    return _on_connect


def make_engine(path: Path, *, readonly: bool = False, immutable: bool = False) -> Engine:
    """An engine over the ledger file `path` (read-only with `readonly`; `immutable` only
    for a file that nothing can change: a private copy, or a read-only folder without a
    WAL)."""
    params = {"mode": "ro"} if readonly else {}
    if readonly and immutable:
        params["immutable"] = "1"
    # An encrypted ledger: the same dialect over SQLCipher's DB-API module, so that its
    # errors are wrapped (and translated) like sqlite3's. (SQLAlchemy's pysqlcipher
    # dialect would send its own PRAGMA key from the URL.)
    extra = {}
    if cipher.is_encrypted(path):
        import sqlcipher3

        extra["module"] = sqlcipher3.dbapi2
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: paths.connect(path, **params),
        poolclass=QueuePool,
        **extra,
    )
    event.listen(engine, "connect", _connect_hook(paths.is_network_path(path)))
    return engine
