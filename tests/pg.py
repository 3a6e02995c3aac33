"""Throw-away databases on the test PostgreSQL server (PARTYDESK_TEST_DB, see conftest).

A ledger database with the schema costs a CREATE DATABASE … TEMPLATE (seconds on a busy
machine: it copies every table's and index's files). So a test's database is recycled
after it: every row deleted (references unchecked meanwhile: the admin is a superuser),
the id sequences reset and the template's seed rows put back — unless the test changed
more than rows (tables, policies, functions, owner), then it is dropped. The next test
finds it exactly as a copy of the template would be."""

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


_POOL: list[str] = []
_SEEDS: dict[str, dict[str, bytes]] = {}  # template -> {table: COPY data}
_SHAPE: dict[str, tuple] = {}  # template -> its fingerprint


def _shape(conn) -> tuple:
    return conn.execute(
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')), "
        "(SELECT count(*) FROM pg_policy), (SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = 'public'), "
        "(SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal), "
        "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()), "
        "(SELECT string_agg(version_num, ',') FROM alembic_version)"
    ).fetchone()


def _tables(conn) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]


def _learn(base: str, template: str) -> None:
    with _admin(url(base, template)) as conn:
        _SHAPE[template] = _shape(conn)
        seeds = {}
        for t in _tables(conn):
            with conn.cursor().copy(f'COPY "{t}" TO STDOUT') as cp:
                data = b"".join(bytes(b) for b in cp)
            if data:
                seeds[t] = data
        _SEEDS[template] = seeds


def ledger_db(base: str, template: str) -> str:
    """A database as a copy of `template` would be: recycled when one is free."""
    if _POOL:
        return _POOL.pop()
    return fresh(base, template)


def recycle(base: str, template: str, name: str) -> None:
    """Make `name` like the template again for the next test, or drop it."""
    try:
        with _admin(base) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        if template not in _SHAPE:
            _learn(base, template)
        with _admin(url(base, name)) as conn:
            if _shape(conn) != _SHAPE[template]:
                raise LookupError("changed beyond its rows")
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")
                tables = _tables(conn)
                conn.execute("DELETE FROM " + "; DELETE FROM ".join(f'"{t}"' for t in tables))
                for t, data in _SEEDS[template].items():
                    with conn.cursor().copy(f'COPY "{t}" FROM STDIN') as cp:
                        cp.write(data)
                for (seq,) in conn.execute(
                    "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind = 'S'"
                ).fetchall():
                    conn.execute("SELECT setval(%s, 1, false)", (seq,))
                for t in _SEEDS[template]:
                    if t == "alembic_version":
                        continue
                    conn.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f'(SELECT max(id) FROM "{t}")) '
                        "WHERE pg_get_serial_sequence(%s, 'id') IS NOT NULL "
                        f'AND EXISTS (SELECT 1 FROM "{t}")',
                        (t, t),
                    )
        _POOL.append(name)
    except Exception as e:  # noqa: BLE001 - anything odd: a fresh copy next time
        if os.environ.get("PARTYDESK_TEST_DB_DEBUG"):
            print(f"not recycled: {name}: {e}")
        drop(base, name)


def drain(base: str) -> None:
    while _POOL:
        drop(base, _POOL.pop())


def make_template(base: str) -> str:
    """An empty database with the newest schema (migrated once per test run)."""
    from partydesk.ledger import open_ledger

    name = fresh(base)
    open_ledger(url(base, name), create=True).close()
    return name


def make_clerk(base: str, db: str) -> tuple[str, str]:
    """A login whose password the server checks (a member of pd_password, see
    build_scripts/pg_cluster.sh), owning database `db`: (role, password)."""
    import secrets

    role = f"clerk_{secrets.token_hex(4)}"
    password = "Pw-" + secrets.token_hex(8)
    with _admin(base) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE pd_password")
        conn.execute(f'ALTER DATABASE "{db}" OWNER TO {role}')
    with _admin(url(base, db)) as conn:
        conn.execute(f"ALTER SCHEMA public OWNER TO {role}")
    return role, password


def drop_clerk(base: str, db: str, role: str) -> None:
    drop(base, db)
    with _admin(base) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {role}")
