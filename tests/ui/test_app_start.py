"""Starting the program: the window first, the ledger opened off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from tests.sample_ledger import fill_sample


def test_window_shows_first_then_the_ledger(qapp, qtbot, ledger, ledger_path):
    fill_sample(ledger)
    ledger.close()
    QSettings().clear()
    from ui import app as app_mod

    seen = []
    app_mod.BEFORE_WINDOW.append(lambda lg, parent: seen.append(lg.path) or lg)
    try:
        _, win = app_mod.start(["--ledger", str(ledger_path)])
        qtbot.addWidget(win)
        assert win.isVisible()
        qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    finally:
        app_mod.BEFORE_WINDOW.clear()
    assert seen == [ledger_path]
    assert ledger_path.name in win.windowTitle()
    assert win.page("ui.people.page").model.rowCount() == 6
    assert QSettings().value("ledgers/last") == str(ledger_path.resolve())
    win.ctx.ledger.close()


def test_a_damaged_ledger_leaves_the_window_open_with_the_reason(qapp, qtbot, tmp_path):
    bad = tmp_path / "bad.partydesk"
    bad.write_bytes(b"not a database at all, just text" * 10)
    from ui import app as app_mod

    _, win = app_mod.start(["--ledger", str(bad)])
    qtbot.addWidget(win)
    from PySide6.QtWidgets import QLabel

    qtbot.waitUntil(
        lambda: (
            "不是 PartyDesk 账本" in win.findChild(QLabel, "noLedger").text()
            if win.findChild(QLabel, "noLedger")
            else False
        ),
        timeout=10000,
    )
    assert win.ctx.ledger is None and not win.save_copy_act.isEnabled()


def test_work_finishing_after_the_window_is_gone_reports_nothing(qapp):
    """Quitting while the ledger is still opening: the worker's result has nobody to go
    to, and must not end in 'Signal source has been deleted' on the console."""
    import shiboken6

    from ui.tasks import Task

    got = []
    task = Task(lambda t: t.progress(0.5, "半") or 42)
    task.signals.done.connect(got.append)
    shiboken6.delete(task.signals)  # what the application's shutdown does to it
    task.run()  # worker body, run here: raised RuntimeError before
    assert got == []

    live = Task(lambda t: 7)
    live.signals.done.connect(got.append)
    live.run()
    assert got == [7]


def test_the_ledger_argument():
    from ui.app import ledger_argument

    assert ledger_argument([]) is None
    assert ledger_argument(["--ledger", "a.partydesk", "-x"]) == "a.partydesk"
    assert ledger_argument(["--ledger=b c.partydesk"]) == "b c.partydesk"
    assert ledger_argument(["--ledger", "a", "--ledger", "b"]) == "b"  # the last, as argparse
    assert ledger_argument(["--ledger"]) is None
