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


def test_the_real_start_shows_rows_without_loading_what_they_do_not_need(
    ledger, ledger_path, tmp_path
):
    """`partydesk` started on a ledger at the current schema shows its people having
    loaded neither Alembic (with Mako and Pygments: a quarter of a second of the start)
    nor the Excel core, the about box's package metadata, openpyxl or numpy."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    fill_sample(ledger)
    ledger.close()
    root = Path(__file__).resolve().parents[2]
    unwanted = ("alembic", "mako", "pygments", "partydesk.excel", "partydesk.about")
    unwanted += ("openpyxl", "numpy")
    child = (
        "import sys\n"
        "from PySide6.QtCore import QEventLoop, QSettings, QTimer\n"
        "from ui.app import make_app, start\n"
        "make_app()\n"
        "QSettings().setValue('main/page', 'ui.people.page')\n"
        f"app, win = start(['--ledger', {str(ledger_path)!r}])\n"
        "loop = QEventLoop()\n"
        "def check():\n"
        "    page = win.ctx.pages.get('ui.people.page')\n"
        "    if page is not None and page.model.rowCount():\n"
        "        loop.quit()\n"
        "poll = QTimer(); poll.timeout.connect(check); poll.start(5)\n"
        "QTimer.singleShot(60000, loop.quit)\n"
        "loop.exec()\n"
        "page = win.ctx.pages.get('ui.people.page')\n"
        "print(page.model.rowCount() if page else 0,"
        f" sorted(m for m in {unwanted!r} if m in sys.modules))\n"
        "import os; os._exit(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.stdout.strip().splitlines()[-1] == "6 []", out.stderr[-2000:]


def test_the_rows_come_before_the_detail_form_which_then_shows_the_first_row(
    qapp, qtbot, ledger, monkeypatch
):
    """A big people table paints its rows first; its detail form (two dozen editors) is
    built just after and shows the current row; a panel hidden with 详情面板 before that
    stays hidden."""
    fill_sample(ledger)
    from ui.main_window import MainWindow
    from ui.table.model import LedgerTableModel

    # "big": more rows than the first screenful read at once (as 300,000 people are)
    monkeypatch.setattr(LedgerTableModel, "FIRST", 3)
    QSettings().setValue("main/page", "ui.people.page")
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    page = win.current_page()
    assert page.model.rowCount() >= 3
    assert page._detail is None  # not built yet: the rows did not wait for it
    win.detail_act.setChecked(False)
    first = page.model.data(page.model.index(0, 0))
    qtbot.waitUntil(lambda: page._detail is not None, timeout=5000)
    qtbot.waitUntil(lambda: page.detail.title.text() == first, timeout=5000)
    assert page.detail.isHidden()
    win.detail_act.setChecked(True)
    assert not page.detail.isHidden()
    page.view.setCurrentIndex(page.model.index(2, 0))
    assert page.detail.title.text() == page.model.data(page.model.index(2, 0))
