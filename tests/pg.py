"""Throw-away databases on the test PostgreSQL server (PARTYDESK_TEST_DB, see conftest)."""

from __future__ import annotations

import itertools
import os
from urllib.parse import urlsplit, urlunsplit

_counter = itertools.count()


def url(base: str, db: str) -> str:
    """`base` (postgresql://user@host:port/anything) pointing at database `db`."""
    p = urlsplit(base)
    return urlunsplit((p.scheme, p.netloc, "/" + db, "", ""))


def _admin(base: str):
    import psycopg

    p = urlsplit(base)
    return psycopg.connect(
        host=p.hostname,
        port=p.port or 5432,
        user=p.username or None,
        dbname=p.path.lstrip("/") or "postgres",
        autocommit=True,
    )


def fresh(base: str, template: str | None = None) -> str:
    """A new database (a copy of `template`, else empty); its name."""
    name = f"pdt_{os.getpid()}_{next(_counter)}"
    with _admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        tpl = f' TEMPLATE "{template}"' if template else " TEMPLATE template0"
        conn.execute(f'CREATE DATABASE "{name}"{tpl}')
    return name


def drop(base: str, name: str) -> None:
    with _admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_template(base: str) -> str:
    """An empty database with the newest schema (migrated once per test run)."""
    from partydesk.ledger import open_ledger

    name = fresh(base)
    open_ledger(url(base, name), create=True).close()
    return name
