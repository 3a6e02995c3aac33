"""Shared fixtures. GUI tests run offscreen; tests that use qtbot/qapp are marked `gui`
automatically, so `pytest -m "not gui"` runs the fast core alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep QSettings and the default ledger of the test run away from the user's own.
_home = tempfile.mkdtemp(prefix="partydesk-test-home-")
os.environ["XDG_CONFIG_HOME"] = str(Path(_home) / "config")
os.environ["XDG_DATA_HOME"] = str(Path(_home) / "data")
os.environ["XDG_STATE_HOME"] = str(Path(_home) / "state")  # logs and crash reports

GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester", "main_window"}
# The second run of the suite on a PostgreSQL server: PARTYDESK_TEST_DB is the URL of a
# database the tests may make databases beside (build_scripts/pg_cluster.sh start prints
# one). Then `ledger_path`, `ledger` and `new_ledger` give a fresh server database per
# test, and only the tests that use one of them run (the others would only repeat the
# SQLite run); `sqlite_only` tests, which are about ledger files by nature, are skipped.
TEST_DB = os.environ.get("PARTYDESK_TEST_DB", "")
LEDGER_FIXTURES = {"ledger_path", "ledger", "new_ledger"}


def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if GUI_FIXTURES & names:
            item.add_marker(pytest.mark.gui)
        if TEST_DB:
            if not LEDGER_FIXTURES & names:
                dropped.append(item)
                continue
            marker = item.get_closest_marker("sqlite_only")
            if marker is not None:
                item.add_marker(pytest.mark.skip(reason="SQLite only: " + marker.args[0]))
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def _server_template():
    """A migrated empty ledger database to copy per test (CREATE DATABASE … TEMPLATE is
    much faster than migrating each one)."""
    from tests import pg

    name = pg.make_template(TEST_DB)
    yield name
    pg.drain(TEST_DB)
    pg.drop(TEST_DB, name)


@pytest.fixture
def new_ledger(tmp_path, request):
    """`new_ledger(name)`: where a test may make a ledger — a path in the test's folder,
    or, in the PostgreSQL run, the URL of a fresh empty server database (with the schema
    when `schema`, else bare, as `partydesk init` finds it)."""
    if not TEST_DB or request.node.get_closest_marker("sqlite_only"):
        yield lambda name="test.partydesk", schema=False: tmp_path / name
        return
    from tests import pg

    template = request.getfixturevalue("_server_template")
    made: list[tuple[str, bool]] = []

    def make(name="test.partydesk", schema=False):
        db = pg.ledger_db(TEST_DB, template) if schema else pg.fresh(TEST_DB)
        made.append((db, schema))
        return pg.url(TEST_DB, db)

    yield make
    for db, schema in made:
        if schema:
            pg.recycle(TEST_DB, template, db)
        else:
            pg.drop(TEST_DB, db)


@pytest.fixture(autouse=True)
def _fresh_qsettings():
    """Every test starts with no remembered window state, page, ledger or dialog folder
    (QSettings would otherwise carry them from one test to the next)."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QSettings

        if QCoreApplication.instance() is not None:
            QSettings().clear()
    yield


@pytest.fixture(scope="session")
def qapp():
    """The application as the program makes it (bundled fonts registered)."""
    from ui.app import make_app

    return make_app()


@pytest.fixture
def ledger_path(new_ledger) -> Path | str:
    """Where the test's ledger goes: a path in the test's folder (the PostgreSQL run: the
    URL of a fresh database with the schema)."""
    return new_ledger("test.partydesk", schema=True)


@pytest.fixture
def ledger(ledger_path):
    """A new, empty ledger in a real SQLite file in a temp dir (the PostgreSQL run: in a
    fresh server database)."""
    from partydesk.ledger import open_ledger

    lg = open_ledger(ledger_path, create=True)
    yield lg
    lg.close()
