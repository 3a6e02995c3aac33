"""The database dialect layer: everything that differs between a ledger file (SQLite) and
a server ledger (PostgreSQL) outside SQLAlchemy's own compiler.

The rest of the program writes SQLAlchemy expressions or calls these functions; SQLite-
only SQL (PRAGMA, json_each, FTS5 MATCH, sqlite_master, `?` placeholders, the driver's
progress handler) lives here and in the frozen migrations only. Each function takes a
SQLAlchemy Connection, Session or Engine (`bind`) and looks at its dialect.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    bindparam,
    func,
    inspect,
    literal_column,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.ext.compiler import compiles


def name(bind) -> str:
    if hasattr(bind, "get_bind"):  # a Session
        bind = bind.get_bind()
    return bind.dialect.name


def is_server(bind) -> bool:
    return name(bind) == "postgresql"


# --- checks -------------------------------------------------------------------------------


def quick_check(conn, limit: int = 5) -> list[str]:
    """The file's own quick structure check: ["ok"] when sound. A server keeps its pages
    itself (checksums, WAL replay): nothing for a client to check there."""
    if is_server(conn):
        return ["ok"]
    return [str(r[0]) for r in conn.exec_driver_sql(f"PRAGMA quick_check({limit})").all()]


def integrity_check(conn, full: bool = False) -> list[str]:
    """`partydesk check`'s structure check; ["ok"] when sound (always on a server)."""
    if is_server(conn):
        return ["ok"]
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    return [str(r[0]) for r in conn.exec_driver_sql(pragma).all()]


def foreign_key_problems(conn) -> list[tuple[str, int, str]]:
    """(table, rowid, referenced table) of each reference to a missing record. PostgreSQL
    checks every reference at write time, so a server ledger has none to find."""
    if is_server(conn):
        return []
    return [
        (t, rowid, parent)
        for t, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    ]


def has_table(conn, table: str) -> bool:
    if is_server(conn):
        return inspect(conn).has_table(table)
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)
        ).first()
        is not None
    )


def read_only_sql(bind) -> str:
    """What a new connection runs so that nothing can be written through it."""
    if is_server(bind):
        return "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
    return "PRAGMA query_only=ON"


# --- hand-written SQL --------------------------------------------------------------------

_YEARMONTH = re.compile(r"YEARMONTH\(([^()]*)\)")


def portable(bind, sql: str) -> str:
    """Hand-written SQL in the program's one spelling, for the database at hand: the
    scalar GREATEST/LEAST (SQLite's two-argument MAX/MIN) and YEARMONTH(date), the month
    of a date as the integer YYYYMM (SQLite keeps dates as 'YYYY-MM-DD' text)."""
    if is_server(bind):
        return _YEARMONTH.sub(r"CAST(to_char(\1, 'YYYYMM') AS INTEGER)", sql)
    sql = sql.replace("GREATEST(", "MAX(").replace("LEAST(", "MIN(")
    return _YEARMONTH.sub(r"CAST(strftime('%Y%m', \1) AS INTEGER)", sql)


# --- raw statements -----------------------------------------------------------------------


def placeholder(bind) -> str:
    """The driver's positional parameter mark: `?` for sqlite3, `%s` for psycopg."""
    return "%s" if is_server(bind) else "?"


def insert_sql(bind, table: str, cols: Sequence[str]) -> str:
    """A plain INSERT of `cols` with the driver's positional marks (for executemany)."""
    p = placeholder(bind)
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([p] * len(cols))})"


def marks(bind, sql: str) -> str:
    """`sql` written with `?` marks, in the driver's style (no `?` or `%` elsewhere)."""
    return sql.replace("?", "%s") if is_server(bind) else sql


def run_marked(conn, sql: str, params=None):
    """`conn.exec_driver_sql` of `sql` written with `?` marks (see `marks`)."""
    return conn.exec_driver_sql(marks(conn, sql), params)


def driver_integrity_errors() -> tuple[type[Exception], ...]:
    """The drivers' own IntegrityError classes (raised by raw executemany, not wrapped
    by SQLAlchemy)."""
    import sqlite3

    out: list[type[Exception]] = [sqlite3.IntegrityError]
    try:
        import psycopg

        out.append(psycopg.IntegrityError)
    except ImportError:
        pass
    return tuple(out)


def driver_cursor(session):
    """The DB-API cursor under a session's connection (for bulk work where SQLAlchemy's
    per-row processing is the cost)."""
    return session.connection().connection.driver_connection.cursor()


def compiled_args(compiled) -> tuple | dict:
    """The parameters of a compiled statement in the form its driver's execute takes."""
    params = compiled.construct_params()
    if compiled.positiontup is not None:
        return tuple(params[k] for k in compiled.positiontup)
    return params


def fix_flags(bind, rows: list[tuple], flag_positions: Sequence[int]) -> list[tuple]:
    """Rows written as SQLite stores them (flags as 0/1) made right for a server's
    boolean columns."""
    if not is_server(bind) or not flag_positions or not rows:
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i in flag_positions:
            if r[i] is not None:
                r[i] = bool(r[i])
        out.append(tuple(r))
    return out


# --- id lists -----------------------------------------------------------------------------


def ids_subquery(bind, param: str = "ids"):
    """A subquery of the integers in the one parameter `param` (see `ids_value`): a JSON
    array through json_each on SQLite, an integer array on PostgreSQL."""
    if is_server(bind):
        # imported here: the PostgreSQL dialect (and asyncpg's) is a twentieth of a second
        # of every start, and a ledger file never needs it
        from sqlalchemy.dialects.postgresql import ARRAY

        return select(func.unnest(bindparam(param, type_=ARRAY(Integer)))).scalar_subquery()
    ids = select(literal_column("value")).select_from(
        func.json_each(bindparam(param)).table_valued("value")
    )
    return ids.scalar_subquery()


def ids_value(bind, ids: Sequence[int]):
    return list(ids) if is_server(bind) else json.dumps(list(ids))


def ids_empty(bind):
    return [] if is_server(bind) else "[]"


# --- the text index -----------------------------------------------------------------------


class _AnyOf(ColumnElement):
    """Any of several conditions on a table's rows (a search word found in one of the
    columns, or in a joined name). SQLite: their OR — or, for a first screenful
    (`screenful`) where every condition is an id list an index gives (`sqlite_ids`),
    the table's id IN those lists put together (below). PostgreSQL: one id list, the
    UNION of each condition's rows — an OR of conditions that each an index serves makes
    its planner test every row of the table instead (seconds at 300,000 people)."""

    type = Boolean()
    inherit_cache = False
    _is_implicitly_boolean = True  # a condition as it is: no `= 1` after it on SQLite

    def __init__(self, model, parts, screenful: bool = False):
        self.model, self.parts, self.screenful = model, list(parts), screenful


@compiles(_AnyOf)
def _any_of_union(element: _AnyOf, compiler, **kw) -> str:
    m = element.model
    ids = union(*(select(m.id).where(p).correlate(None) for p in element.parts))
    return compiler.process(m.id.in_(ids), **kw)


def _sqlite_ids(model, part):
    """The ids of `model`'s rows that meet `part`, as a SELECT an index answers, or None
    (a LIKE scan). A search word's condition says so itself (`sqlite_ids`); the others
    are `column IN (…)` on an indexed column (a joined name matched in its own table)."""
    own = getattr(part, "sqlite_ids", None)
    if own is not None:
        return own()
    return select(model.id).where(part).correlate(None)


@compiles(_AnyOf, "sqlite")
def _any_of_or(element: _AnyOf, compiler, **kw) -> str:
    if element.screenful:
        # The first screenful in record order: one id list (the short-word table's ids,
        # a joined name's members from their index) that SQLite walks in order and
        # leaves after a screenful — 3 ms for 张 at 300,000 people, where the OR fetched
        # and sorted all 7,000 matching rows first (15-20 ms). For a whole list the OR is
        # quicker (a third, for a word most records hold): only the first screenful.
        lists = [_sqlite_ids(element.model, p) for p in element.parts]
        if all(ids is not None for ids in lists):
            return compiler.process(element.model.id.in_(union_all(*lists)), **kw)
    # in parentheses: the OR stands for one condition beside the other words' (AND)
    return "(" + compiler.process(or_(*element.parts), **kw) + ")"


def any_of(model, parts, screenful: bool = False):
    """The condition "any of `parts`" on `model`'s rows, written for the database
    (`screenful`: for a query that wants the first rows only)."""
    if len(parts) == 1:
        return parts[0]
    return _AnyOf(model, parts, screenful)


# --- the FTS5 index -----------------------------------------------------------------------


def fts_rowids(fts_table: str, query: str):
    """SQLite: the rowids an FTS5 table finds for `query` (a subquery)."""
    from sqlalchemy import literal, table

    return (
        select(literal_column("rowid"))
        .select_from(table(fts_table))
        .where(literal_column(fts_table).op("MATCH")(literal(query)))
    )


def rebuild_text_index(conn, fts_tables: Sequence[str]) -> None:
    """Rebuild the search index from the tables (after a repair or a restore). On
    PostgreSQL the trigram indexes are ordinary indexes, always in step."""
    if is_server(conn):
        return
    for fts in fts_tables:
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")


# --- time budget --------------------------------------------------------------------------


class Interrupted(Exception):
    """The statement ran past its budget and was stopped."""


def run_with_budget(raw, sql: str, args, budget_s: float | None) -> list:
    """Rows of `sql` on the driver connection `raw`; stopped after `budget_s` seconds
    (SQLite: a progress handler; PostgreSQL: statement_timeout inside a savepoint, so the
    transaction stays usable) with Interrupted."""
    cur = raw.cursor()
    server = type(raw).__module__.startswith("psycopg")
    try:
        if budget_s is None:
            cur.execute(sql, args)
            return cur.fetchall()
        if server:
            cur.execute("SAVEPOINT partydesk_budget")
            cur.execute(f"SET LOCAL statement_timeout = {max(1, int(budget_s * 1000))}")
            try:
                cur.execute(sql, args)
                rows = cur.fetchall()
            except Exception as e:
                cur.execute("ROLLBACK TO SAVEPOINT partydesk_budget")
                cur.execute("RELEASE SAVEPOINT partydesk_budget")
                if "statement timeout" in str(e) or "canceling statement" in str(e):
                    raise Interrupted() from e
                raise
            cur.execute("SET LOCAL statement_timeout = 0")
            cur.execute("RELEASE SAVEPOINT partydesk_budget")
            return rows
        import time

        deadline = time.perf_counter() + budget_s
        raw.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
        try:
            cur.execute(sql, args)
            return cur.fetchall()
        except Exception as e:  # sqlite3's or SQLCipher's OperationalError
            if "interrupt" in str(e):
                raise Interrupted() from e
            raise
        finally:
            raw.set_progress_handler(None, 0)
    finally:
        cur.close()


# --- bulk loading -------------------------------------------------------------------------


def tune_for_bulk(conn) -> None:
    """A fresh ledger being filled (the demo): SQLite may skip syncing until it is
    complete; a server decides that for itself."""
    if not is_server(conn):
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
    big_cache(conn)


def big_cache(conn) -> None:
    """A large page cache for a bulk load on this connection (SQLite: 200 MB)."""
    if not is_server(conn):
        conn.exec_driver_sql("PRAGMA cache_size=-200000")


def index_names(conn, table: str) -> set[str]:
    """The names of `table`'s indexes in the database, those on expressions included
    (SQLAlchemy's inspector skips those on SQLite, with a warning)."""
    from sqlalchemy import text

    if is_server(conn):
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = :t AND schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"
    return {r[0] for r in conn.execute(text(sql), {"t": table})}


def optimize(conn) -> None:
    """Fresh statistics for the planner after a bulk load."""
    conn.exec_driver_sql("ANALYZE" if is_server(conn) else "PRAGMA optimize")


def copy_rows(conn, table: str, cols: Sequence[str], rows: Sequence[tuple]) -> None:
    """PostgreSQL: rows in SQLite's storage form (ISO dates, 0/1 flags — both read by the
    server's text input) loaded with COPY, several times faster than an INSERT a row."""
    quoted = ", ".join(f'"{c}"' for c in cols)
    cur = conn.connection.driver_connection.cursor()
    with cur.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for r in rows:
            copy.write_row(r)
    cur.close()


def sync_sequences(conn, tables: Sequence[str] | None = None) -> None:
    """After rows were written with their ids given (a demo, a restore), let PostgreSQL's
    id sequences continue after the largest id, or the next ORM insert collides with a
    written row (only `tables`, when given). (SQLite takes max(rowid) + 1 by itself.)"""
    if not is_server(conn):
        return
    from partydesk.ledger.models import Base

    for t in Base.metadata.sorted_tables:
        if tables is not None and t.name not in tables:
            continue
        if "id" not in t.c or not isinstance(t.c.id.type, Integer) or not t.c.id.primary_key:
            continue
        seq = conn.exec_driver_sql("SELECT pg_get_serial_sequence(%s, 'id')", (t.name,)).scalar()
        if seq:
            conn.exec_driver_sql(
                f"SELECT setval(%s, COALESCE((SELECT max(id) FROM {t.name}), 0) + 1, false)",
                (seq,),
            )
