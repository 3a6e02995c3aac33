"""Start: only the page shown is built; the day's backup is made after the window shows
its rows, in the background."""

from __future__ import annotations

from PySide6.QtCore import QSettings

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
