"""Start: only the page shown is built; the day's backup is made after the window shows
its rows, in the background."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from partydesk import backup
from tests.sample_ledger import fill_sample


def test_only_the_page_shown_is_built(qapp, qtbot, ledger):
    fill_sample(ledger)
    from ui.main_window import MainWindow

    QSettings().setValue("main/page", "ui.people.page")
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    assert list(win.ctx.pages.built) == ["ui.people.page"]
    assert win.current_page().model.rowCount() == 6
    assert len(list(win.pages())) == win.nav.count() > 5  # every page is listed
    win.nav.setCurrentRow(list(win.pages()).index("ui.orgs.page"))
    assert win.current_page() is win.ctx.pages.built["ui.orgs.page"]
    assert win.current_page().model.rowCount() == 3
    assert win.page("ui.units.page").model.rowCount() == 2  # built when asked for


def test_daily_backup_comes_after_the_rows(qapp, qtbot, ledger, ledger_path):
    fill_sample(ledger)
    ledger.close()
    QSettings().clear()
    QSettings().setValue("main/page", "ui.people.page")
    from ui import app as app_mod

    _, win = app_mod.start(["--ledger", str(ledger_path)])
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    assert win.current_page().model.rowCount() == 6
    assert backup.list_backups(ledger_path, counts=False) == []  # not yet: rows first
    qtbot.waitUntil(lambda: bool(backup.list_backups(ledger_path, counts=False)), timeout=15000)
    assert [b.reason for b in backup.list_backups(ledger_path, counts=False)] == ["open"]
    win.ctx.ledger.close()


def test_damage_found_after_the_rows_turns_the_window_read_only(qapp, qtbot, ledger_path):
    """The quick check of the whole file runs once the rows are shown; a damaged index
    then puts up the read-only banner, and an edit is refused with its reason."""
    from tests.ledger.test_file_check_later import _damage_page, _index_leaf, _ledger_with_people

    _ledger_with_people(ledger_path)
    _damage_page(ledger_path, *_index_leaf(ledger_path))
    QSettings().clear()
    QSettings().setValue("main/page", "ui.people.page")
    from ui import app as app_mod

    _, win = app_mod.start(["--ledger", str(ledger_path)])
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    assert win.current_page().model.rowCount() > 0  # the rows came first
    qtbot.waitUntil(lambda: win.readonly_banner is not None, timeout=15000)
    ledger = win.ctx.ledger
    assert ledger.readonly and "已损坏" in ledger.readonly_reason
    text = win.readonly_banner.findChild(QLabel, "readonlyText").text()
    assert text == "只读：" + ledger.readonly_reason
    assert "只读" in win.windowTitle()
    ledger.close()


def test_the_window_does_not_load_openpyxl_or_numpy_to_show_the_people(
    ledger, ledger_path, tmp_path
):
    """Importing openpyxl (and numpy through it) took most of the window's construction at
    300,000 people on a busy machine; the reports load it when one is made."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    fill_sample(ledger)
    ledger.close()
    root = Path(__file__).resolve().parents[2]
    child = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ui.app import make_app\n"
        "app = make_app()\n"
        "QSettings().setValue('main/page', 'ui.people.page')\n"
        "from partydesk.ledger import open_ledger\n"
        "from ui.main_window import MainWindow\n"
        f"win = MainWindow(open_ledger({str(ledger_path)!r}, daily_backup='later'))\n"
        "print(win.current_page().model.rowCount(),"
        " sorted(m for m in ('openpyxl', 'numpy') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.stdout.strip().splitlines()[-1] == "6 []", out.stderr[-2000:]
