"""A table's first screen read with nothing but sqlite3, before SQLAlchemy is loaded.

At 300,000 people the window's first rows waited ~1.5 s for SQLAlchemy's import, its
mappers and the opening checks, although the rows themselves take a millisecond to read.
So the window shows the first screen of its start page from here, at once, and the real
page (editable, searchable, the same rows) takes its place when the ledger is open.

The SQL is our listing's own statement for the table's default view (no search, no
filter, in record order: what a table page shows first), compiled for SQLite with the
values inline by build_scripts/firstscreen_sql.py into partydesk/ledger/firstscreen_sql.py
(tests/ledger/test_firstscreen.py says when it is due). It is used only on a ledger whose
schema is exactly the one it was compiled for: any other ledger (older, to be migrated;
newer; encrypted; on a server; damaged) simply gets no first screen and opens as before,
and so does one with a start password (启动密码, partydesk.applock): its rows wait for it.
Read-only (`mode=ro`): the file is never written, no lock is taken.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from partydesk.ledger.uri import sqlite_uri

ROWS = 60  # more than a maximised window shows
HEADER = b"SQLite format 3\x00"


class FirstScreen:
    """`names`/`labels`/`kinds`: the table's columns, as its page has them; `rows`:
    (record id, the texts shown). (A plain class: importing dataclasses costs 10 ms.)"""

    __slots__ = ("entity", "names", "labels", "kinds", "rows")

    def __init__(self, entity: str, names: list, labels: list, kinds: list, rows: list):
        self.entity, self.names, self.labels, self.kinds = entity, names, labels, kinds
        self.rows = rows


def _texts(kinds, enums, yes: str, no: str, row) -> tuple[str, ...]:
    out = []
    for kind, labels, v in zip(kinds, enums, row, strict=True):
        if v is None:
            out.append("")
        elif labels is not None:
            out.append(labels.get(v, str(v)))
        elif kind == "bool":
            out.append(yes if v else no)
        elif kind in ("date", "datetime") and isinstance(v, str):
            out.append(v[:10])
        else:
            out.append(v if isinstance(v, str) else str(v))
    return tuple(out)


def read(path: str | Path, entity: str, yes: str = "是", no: str = "否") -> FirstScreen | None:
    """The first ROWS rows of `entity`'s table in the ledger file `path`, as shown; None
    when there is none to show quickly (see the module's docstring) — never an error."""
    from partydesk.ledger import firstscreen_sql as gen

    spec = gen.TABLES.get(entity)
    if spec is None or not isinstance(path, (str, Path)) or str(path).startswith("postgres"):
        return None
    try:
        with open(path, "rb") as f:
            if f.read(16) != HEADER:  # encrypted (SQLCipher), or not a ledger
                return None
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=0.5)
    except (OSError, sqlite3.Error):
        return None
    try:
        revs = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
        if revs != [gen.REVISION]:
            return None
        lock = con.execute("SELECT value FROM setting WHERE key = 'app_lock'").fetchall()
        if lock and lock[0][0] not in (None, "", "{}", "null"):
            return None  # the window asks for the start password before any row shows
        rows = con.execute(spec["sql"]).fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    kinds, enums = spec["kinds"], spec["enums"]
    return FirstScreen(
        entity,
        list(spec["names"]),
        list(spec["labels"]),
        list(kinds),
        [(r[0], _texts(kinds, enums, yes, no, r[1:])) for r in rows],
    )
