"""The window's first screen read with plain sqlite3 (partydesk.ledger.firstscreen): the
same rows and texts as the table pages show, and nothing at all where it must not show."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from partydesk.ledger import firstscreen
from partydesk.ledger import firstscreen_sql as gen

pytestmark = pytest.mark.sqlite_only("the first screen reads a ledger file with sqlite3")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    from partydesk.demo import build_demo

    path = tmp_path_factory.mktemp("fs") / "demo.partydesk"
    build_demo(path, units=4, members=90, seed=3, today=date(2026, 11, 1))
    return path


def test_the_stored_sql_is_the_listings_own():
    sys.path.insert(0, str(ROOT / "build_scripts"))
    try:
        import firstscreen_sql as builder
    finally:
        sys.path.pop(0)
    from partydesk.ledger.migrate import head_revision

    assert (gen.REVISION, gen.TABLES) == (head_revision(), builder.tables()), (
        "a table's columns, the listing's SQL or the schema changed: "
        "run python build_scripts/firstscreen_sql.py"
    )


@pytest.mark.parametrize("entity", ["person", "org", "unit"])
def test_the_first_screen_shows_the_rows_the_table_shows(demo_path, entity):
    from partydesk.ledger import listing, open_ledger
    from partydesk.ledger.listing import ListQuery

    screen = firstscreen.read(demo_path, entity)
    lg = open_ledger(demo_path)
    try:
        with lg.session() as s:
            ids = listing.query_ids(s, ListQuery(entity), limit=firstscreen.ROWS)
            names = [c.name for c in listing.columns(entity)]
            rows = listing.fetch_rows(s, entity, ids, names)
    finally:
        lg.close()
    want = [
        (i, tuple(listing.display(entity, n, v) for n, v in zip(names, rows[i][1:], strict=True)))
        for i in ids
    ]
    assert screen.names == names
    assert screen.labels == [c.label for c in listing.columns(entity)]
    assert len(screen.rows) == min(firstscreen.ROWS, len(ids)) > 0
    assert screen.rows == want


def test_a_ledger_of_another_schema_gets_none(tmp_path, demo_path):
    old = tmp_path / "old.partydesk"
    old.write_bytes(demo_path.read_bytes())
    con = sqlite3.connect(old)
    con.execute("UPDATE alembic_version SET version_num = '0015_merge'")
    con.commit()
    con.close()
    assert firstscreen.read(old, "person") is None
    assert firstscreen.read(demo_path, "person") is not None


def test_a_ledger_with_a_start_password_shows_no_rows_before_it(tmp_path, demo_path):
    from partydesk import applock
    from partydesk.ledger import open_ledger

    locked = tmp_path / "locked.partydesk"
    locked.write_bytes(demo_path.read_bytes())
    lg = open_ledger(locked)
    applock.set_password(lg, "secret-123")
    lg.close()
    assert firstscreen.read(locked, "person") is None


def test_nothing_that_is_not_a_plain_ledger_file_is_read(tmp_path):
    text = tmp_path / "notes.partydesk"
    text.write_text("张伟 430104197105053989", encoding="utf-8")
    assert firstscreen.read(text, "person") is None
    assert firstscreen.read(tmp_path / "missing.partydesk", "person") is None
    assert firstscreen.read("postgresql://clerk@127.0.0.1/county", "person") is None
    assert firstscreen.read(tmp_path / "missing.partydesk", "instructor") is None


def test_reading_the_first_screen_loads_no_sqlalchemy_and_writes_nothing(demo_path):
    before = demo_path.stat().st_mtime_ns
    code = (
        "import sys; from partydesk.ledger import firstscreen as f; "
        f"s = f.read({str(demo_path)!r}, 'person'); "
        "print(len(s.rows), 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == [str(firstscreen.ROWS), "False"], out.stderr
    assert demo_path.stat().st_mtime_ns == before
