"""Benchmark `demo`: build_demo with 100,000 people against a floor that only writes the
same rows with plain sqlite3.executemany.

ours  = the whole `partydesk demo --units 3000 --members 100000`: schema by migrations,
        generating every row, writing it, the feature fillers (work records, attendance,
        points, certificates, ratings …), moving the file into place.
floor = every row of the ledger ours made (read back beforehand, not timed) written with
        sqlite3.executemany into a fresh file holding the same schema, one transaction,
        the same pragmas (WAL, synchronous=OFF, 200 MB cache) but foreign keys off, indexes
        in place. (`core_floor` = the core generator's rows alone,
        the floor this benchmark used before the features' fillers existed.)
ratio = ours / floor; goal 1.5: making a realistic ledger costs at most half as much
        again as merely storing it.

Also checks that every ID number and credit code in the produced ledger passes its check
and times `check` and `stats` on it.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from common import summary  # noqa: E402

from partydesk.demo import build_demo, core  # noqa: E402

UNITS = 3000
MEMBERS = 100_000
SEED = 1
TODAY = date(2026, 11, 22)
ROUNDS = 2


def _fresh(p: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        q = p.with_name(p.name + suffix)
        if q.exists():
            q.unlink()


def run_ours(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds; CPU is the whole process's, both threads."""
    _fresh(path)
    c0, t0 = time.process_time(), time.perf_counter()
    build_demo(path, UNITS, MEMBERS, SEED, TODAY)
    return time.perf_counter() - t0, time.process_time() - c0


def run_floor(path: Path, schema: list[str], data: core.CoreData) -> tuple[float, float]:
    _fresh(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    for sql in schema:
        con.execute(sql)
    con.commit()
    c0, t0 = time.process_time(), time.perf_counter()
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    for table in core.TABLE_ORDER:
        con.executemany(core.insert_sql(table), data.rows[table])
    for table, column, pairs in data.updates():
        con.executemany(core.update_sql(table, column), pairs)
    con.commit()
    con.close()
    return time.perf_counter() - t0, time.process_time() - c0


def _search_tables(con) -> set[str]:
    """The full-text search tables and the shadow tables SQLite keeps for each: made by
    their CREATE VIRTUAL TABLE, filled by the triggers on the tables they index (so in
    the floor as in ours), never written directly."""
    virtual = [
        n
        for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    names = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    shadow = {
        n
        for n in names
        for v in virtual
        for suffix in ("_data", "_idx", "_docsize", "_config")
        if n == v + suffix
    }
    return set(virtual) | shadow


def schema_of(path: Path) -> list[str]:
    """The ledger's CREATE statements (tables, indexes, triggers) without the search
    tables' shadow tables, which their CREATE VIRTUAL TABLE makes itself."""
    con = sqlite3.connect(path)
    shadow = _search_tables(con) - {
        n
        for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    }
    out = [
        sql
        for (name, sql) in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
        if name not in shadow
    ]
    con.close()
    return out


def all_rows(path: Path) -> list[tuple[str, list[tuple]]]:
    """Every table's rows of a ledger, in the order the tables were created (the search
    tables and the short-word tables left to their triggers)."""
    from partydesk.ledger.search import SHORT

    con = sqlite3.connect(path)
    # the short-word tables too (0017_shortsearch): plain tables, filled by triggers
    skip = _search_tables(con) | {table for table, _cols in SHORT.values()}
    out = []
    for (table,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall():
        if table in skip:
            continue
        out.append((table, con.execute(f'SELECT * FROM "{table}"').fetchall()))
    con.close()
    return out


def run_floor_all(
    path: Path, schema: list[str], rows: list[tuple[str, list[tuple]]]
) -> tuple[float, float]:
    _fresh(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    for sql in schema:
        con.execute(sql)
    con.commit()
    c0, t0 = time.process_time(), time.perf_counter()
    # Foreign keys off: the rows are known to be consistent, and checking them deferred
    # (the tables refer to each other in a cycle) makes SQLite scan child tables for every
    # parent row. A floor that checks nothing is only harder to come near.
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    con.execute("BEGIN")
    for table, data in rows:
        if data:
            marks = ", ".join("?" * len(data[0]))
            con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', data)
    con.commit()
    con.close()
    return time.perf_counter() - t0, time.process_time() - c0


def verify(path: Path) -> dict:
    from partydesk.check import run_checks
    from partydesk.ledger import open_ledger
    from partydesk.rules import creditcode, idcard
    from partydesk.stats import coverage

    con = sqlite3.connect(path)
    ids = [
        n
        for (n,) in con.execute(
            "SELECT id_number FROM person UNION ALL SELECT id_number FROM instructor"
        )
    ]
    codes = [c for (c,) in con.execute("SELECT credit_code FROM unit")]
    people = con.execute("SELECT count(*) FROM person").fetchone()[0]
    con.close()
    bad_ids = sum(not idcard.is_valid(n) for n in ids)
    bad_codes = sum(not creditcode.is_valid(c) for c in codes)
    assert people == MEMBERS and bad_ids == 0 and bad_codes == 0, (people, bad_ids, bad_codes)
    with open_ledger(path) as lg, lg.session() as s:
        t0 = time.perf_counter()
        report = run_checks(s, TODAY)
        t_check = time.perf_counter() - t0
        t0 = time.perf_counter()
        cov = coverage(s, TODAY)
        t_stats = time.perf_counter() - t0
    assert report.integrity_ok and not {"id_number", "credit_code"} & set(report.counts())
    return dict(
        ids_checked=len(ids),
        codes_checked=len(codes),
        check=f"{t_check:.2f}s",
        check_findings=len(report.findings),
        stats=f"{t_stats:.2f}s",
        org_rate=f"{cov.org_rate:.3f}",
    )


def main() -> str:
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as d:
        ours_path = Path(d) / "ours.partydesk"
        floor_path = Path(d) / "floor.partydesk"
        data = core.generate(UNITS, MEMBERS, SEED, TODAY)
        ours, floor, core_floor = [], [], []
        schema = rows = None
        for _ in range(ROUNDS):
            ours.append(run_ours(ours_path))
            if schema is None:
                schema = schema_of(ours_path)
                rows = all_rows(ours_path)
            floor.append(run_floor_all(floor_path, schema, rows))
            core_floor.append(run_floor(floor_path, schema, data))
        run_floor_all(floor_path, schema, rows)  # compare the full floor with ours
        con_o, con_f = sqlite3.connect(ours_path), sqlite3.connect(floor_path)
        for table, data_rows in rows:
            n_o = con_o.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            n_f = con_f.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert n_o == n_f == len(data_rows), (table, n_o, n_f)
        con_o.close()
        con_f.close()
        extra = verify(ours_path)
    best_ours, best_floor = min(ours), min(floor)
    return summary(
        "demo",
        best_ours[0],
        best_floor[0],
        1.5,
        rows=sum(len(r) for _, r in rows),
        core_rows=sum(data.counts().values()),
        core_floor=f"{min(core_floor)[0]:.2f}s",
        ours_cpu=f"{best_ours[1]:.2f}s",
        floor_cpu=f"{best_floor[1]:.2f}s",
        **extra,
    )


if __name__ == "__main__":
    print(main())
