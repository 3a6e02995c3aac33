"""Plain SQL on a test's ledger, wherever it lives — as another program would read or
write it: sqlite3 on a ledger file, psycopg on a server ledger (the PostgreSQL run). SQL
is written with `?` marks; values come back in SQLite's storage form (ISO dates, 0/1
flags), so one assertion holds for both."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal


def _plain(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, datetime):
        return v.isoformat(" ", "microseconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


class _Cursor:
    def __init__(self, cur):
        self.cur = cur

    def fetchone(self):
        r = self.cur.fetchone()
        return None if r is None else tuple(_plain(v) for v in r)

    def fetchall(self):
        return [tuple(_plain(v) for v in r) for r in self.cur.fetchall()]

    def __iter__(self):
        return iter(self.fetchall())


class _Server:
    def __init__(self, where: str):
        from partydesk.ledger import server

        self.conn = server.connect(server.parse(where))

    def execute(self, sql: str, args=()):
        cur = self.conn.cursor()
        cur.execute(sql.replace("?", "%s"), tuple(args) or None)
        return _Cursor(cur)

    def commit(self):
        self.conn.commit()

    def close(self):
        self.conn.close()


def connect(where):
    """A connection to the ledger at `where` (a path, or a postgresql:// address)."""
    if isinstance(where, str) and where.startswith("postgresql://"):
        return _Server(where)
    return sqlite3.connect(where)


def row(where, sql: str, *args):
    con = connect(where)
    try:
        return con.execute(sql, args).fetchone()
    finally:
        con.close()
