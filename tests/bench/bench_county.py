"""Benchmark `county`: a county's ledger of 300,000 people on a PostgreSQL server, through
our code against the very same SQL run by psql (the floor):

    stats        the 两个覆盖 figures (`partydesk stats`: stats.coverage)
    first_rows   the people table's first screenful as the window asks for it: the count
                 (共 N 条), the first 200 ids in display order, the rows of the first 50
    search       a search word (a surname and a given name's first character) in the
                 people table: its count and first 200 ids, pg_trgm-served

Each of ours is the best of REPEAT runs in one process on an open ledger (connections
pooled, as in the window); the floor is the sum of psql's own `\\timing` of the statements
our code sent (recorded, then replayed with their values inlined), best of REPEAT.
The ratio is the total's.

The ledger is the demo generator's core (units, organizations, people, their events,
instructors) written into a fresh database with COPY, made once and kept (the database
`partydesk_bench_county`). The server: PARTYDESK_BENCH_DB, else PARTYDESK_TEST_DB, else
a cluster started with build_scripts/pg_cluster.sh.

    python tests/bench/run.py county        # PARTYDESK_BENCH_MEMBERS=30000 for a quick one
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from common import summary  # noqa: E402

GOAL = 1.3
MEMBERS = int(os.environ.get("PARTYDESK_BENCH_MEMBERS", "300000"))
REPEAT = int(os.environ.get("PARTYDESK_BENCH_REPEAT", "3"))
TODAY = date(2026, 11, 1)
WORD = "王丽"


def server_url() -> str:
    for var in ("PARTYDESK_BENCH_DB", "PARTYDESK_TEST_DB"):
        if os.environ.get(var):
            return os.environ[var]
    out = subprocess.run(
        ["bash", str(ROOT / "build_scripts" / "pg_cluster.sh"), "start"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def bench_database(base: str) -> str:
    """The URL of the bench ledger, built the first time (core generator, COPY)."""
    import psycopg

    from tests import pg

    name = f"partydesk_bench_county_{MEMBERS // 1000}k"
    url = pg.url(base, name)
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return url
        conn.execute(f'CREATE DATABASE "{name}"')
    from partydesk.demo import core
    from partydesk.ledger import dialect, opening, server

    t0 = time.perf_counter()
    try:
        lg = opening.open_server_ledger(server.parse(url), create=True)
        with lg.engine.begin() as conn:
            core.generate_and_write(conn, MEMBERS // 33, MEMBERS, 1, TODAY)
            dialect.sync_sequences(conn)
        lg.close()
    except BaseException:
        pg.drop(base, name)
        raise
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"built {name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return url


class Recorder:
    """Every statement our code sends — through SQLAlchemy or the bare driver cursor the
    tables use — with its parameters inlined (psycopg's own client-side quoting), for psql
    to replay: the driver connections get a cursor class that writes them down."""

    def __init__(self, engine):
        import psycopg
        from sqlalchemy import event

        self.sql: list[str] = []
        self.on = False
        rec = self

        class RecordingCursor(psycopg.Cursor):
            def execute(self, query, params=None, **kw):
                if rec.on:
                    text = query if isinstance(query, str) else query.as_string(self)
                    rec.sql.append(psycopg.ClientCursor(self.connection).mogrify(text, params))
                return super().execute(query, params, **kw)

        @event.listens_for(engine, "checkout")
        def _checkout(dbapi_conn, _record, _proxy):
            dbapi_conn.cursor_factory = RecordingCursor

        engine.dispose()  # connections made from now on are checked out through it


def steps(lg):
    from partydesk import stats
    from partydesk.ledger import listing

    def do_stats():
        with lg.session() as s:
            stats.coverage(s, TODAY)

    def do_first_rows():
        with lg.session() as s:
            q = listing.ListQuery("person")
            listing.count(s, q)
            ids = listing.query_ids(s, q, limit=200, budget_s=5)
            listing.fetch_rows(s, "person", ids[:50])

    def do_search():
        with lg.session() as s:
            q = listing.ListQuery("person", text=WORD)
            listing.count(s, q)
            ids = listing.query_ids(s, q, limit=200, budget_s=5)
            listing.fetch_rows(s, "person", ids[:50])
            return len(ids)

    return {"stats": do_stats, "first_rows": do_first_rows, "search": do_search}


def psql_time(url: str, statements: list[str]) -> float:
    """Seconds psql reports for `statements` (output discarded), best of REPEAT."""
    script = "\\timing on\n\\o /dev/null\n" + "\n".join(
        s.rstrip().rstrip(";") + ";" for s in statements
    )
    best = float("inf")
    for _ in range(REPEAT):
        out = subprocess.run(
            ["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1"],
            input=script,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        ms = [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", out)]
        best = min(best, sum(ms) / 1000)
    return best


def main() -> str:
    from partydesk.ledger import open_ledger

    url = bench_database(server_url())
    lg = open_ledger(url)
    rec = Recorder(lg.engine)
    ours_by, floor_by = {}, {}
    found = 0
    try:
        for name, fn in steps(lg).items():
            fn()  # warm: pool, caches, the server's buffers
            rec.sql.clear()
            rec.on = True
            got = fn()
            rec.on = False
            found = got if name == "search" else found
            # the session's own BEGIN/ROLLBACK are not statements psql needs
            sql = [
                s
                for s in rec.sql
                if not s.strip()
                .upper()
                .startswith(("SAVEPOINT", "RELEASE", "SET LOCAL", "ROLLBACK"))
            ]
            best = float("inf")
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                fn()
                best = min(best, time.perf_counter() - t0)
            ours_by[name] = best
            floor_by[name] = psql_time(url, sql)
    finally:
        lg.close()
    for name in ours_by:
        print(
            f"  {name:<11} ours {ours_by[name] * 1000:8.1f} ms   psql {floor_by[name] * 1000:8.1f} ms",
            file=sys.stderr,
        )
    extra = {f"{k}_ms": f"{v * 1000:.0f}/{floor_by[k] * 1000:.0f}" for k, v in ours_by.items()}
    return summary(
        "county",
        sum(ours_by.values()),
        sum(floor_by.values()),
        GOAL,
        people=MEMBERS,
        search_found=found,
        **extra,
    )


if __name__ == "__main__":
    print(main())
