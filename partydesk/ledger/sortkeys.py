"""Filling the pinyin sort keys (`sort_name`) that bulk writers leave empty: the import's
and the demo's plain executemany inserts do not pass through the ORM validator that keeps
`sort_name` in step with `name` (see partydesk.rules.pinyin). Plain SQL with bound
parameters, so SQLite and a server database alike."""

from __future__ import annotations

from sqlalchemy import text

from partydesk.rules.pinyin import sort_key

# table -> whether its names are people's names (the surname is read as a surname)
TABLES = {"person": True, "instructor": True, "unit": False, "organization": False}
_CHUNK = 5000


def fill_missing(conn, tables=None) -> int:
    """Write the key of every row whose name has none yet; `conn` is a SQLAlchemy
    Connection or Session. Returns the number of rows filled."""
    if hasattr(conn, "connection") and not hasattr(conn, "exec_driver_sql"):
        conn = conn.connection()  # a Session
    done = 0
    for table in tables or TABLES:
        person = TABLES[table]
        rows = conn.execute(
            text(f"SELECT id, name FROM {table} WHERE sort_name IS NULL AND name IS NOT NULL")
        ).fetchall()
        update = text(f"UPDATE {table} SET sort_name = :key WHERE id = :id")
        for k in range(0, len(rows), _CHUNK):
            pairs = [{"key": sort_key(n, person), "id": i} for i, n in rows[k : k + _CHUNK]]
            conn.execute(update, pairs)
        done += len(rows)
    return done
