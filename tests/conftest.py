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


def pytest_collection_modifyitems(config, items):
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


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
def ledger_path(tmp_path) -> Path:
    return tmp_path / "test.partydesk"


@pytest.fixture
def ledger(ledger_path):
    """A new, empty ledger in a real SQLite file in a temp dir."""
    from partydesk.ledger import open_ledger

    lg = open_ledger(ledger_path, create=True)
    yield lg
    lg.close()
