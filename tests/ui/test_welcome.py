"""The first run: an empty ledger opens on the welcome page with its three ways in; the demo
button builds a ledger of invented data (off the UI thread) and opens it; the window fits
a small screen."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize

from partydesk.ledger import open_ledger
from ui.main_window import MainWindow
from ui.welcome import page as welcome
from ui.widgets.screen import fitting_size


def _window_on(qtbot, ledger):
    QSettings().clear()
    win = MainWindow(None)
    qtbot.addWidget(win)
    win.show()
    win.set_ledger(ledger)
    return win


def test_empty_ledger_opens_on_the_welcome_page(qapp, qtbot, ledger):
    win = _window_on(qtbot, ledger)
    qtbot.waitExposed(win)
    qtbot.wait(50)  # window activated, focus given: the welcome page stays in front
    page = win.current_page()
    assert page is win.welcome and isinstance(page, welcome.WelcomePage)
    texts = [b.text().splitlines()[0] for b in (page.import_btn, page.demo_btn, page.empty_btn)]
    assert texts == ["从Excel导入现有台账", "打开示例账本", "新建空账本"]
    assert [a.text() for a in page.import_menu.actions()] == [
        "两新组织…",
        "党组织…",
        "党员与发展对象…",
    ]
    page.empty_btn.click()  # start typing in this ledger: the 两新组织 table
    assert win.current_page() is win.page("ui.units.page")


def test_a_ledger_with_records_opens_on_its_pages(main_window):
    main_window.set_ledger(open_ledger(main_window.ctx.ledger.path))
    assert main_window.welcome is None or main_window.current_page() is not main_window.welcome
    assert main_window.current_page() is main_window.page("ui.dashboard.page")


def test_demo_button_builds_the_demo_ledger_and_opens_it(
    qapp, qtbot, ledger, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(welcome, "DEMO_UNITS", 6)
    monkeypatch.setattr(welcome, "DEMO_MEMBERS", 40)
    win = _window_on(qtbot, ledger)
    win.welcome.demo_btn.click()
    qtbot.waitUntil(lambda: win.ctx.ledger.path == welcome.demo_path(), timeout=120_000)
    assert welcome.demo_path().exists()
    assert win.page("ui.units.page").model.rowCount() == 6
    assert win.current_page() is not win.welcome  # not empty: no welcome page


def test_the_window_fits_a_small_screen(qapp, qtbot):
    win = MainWindow(None)
    qtbot.addWidget(win)
    free = win.screen().availableGeometry()  # offscreen: 800×600, smaller than 1280×800
    assert win.width() <= free.width() and win.height() <= free.height()
    size = fitting_size(win, 1280, 800)
    assert size.width() <= free.width() and size.height() <= free.height()
    assert fitting_size(win, 100, 100) == QSize(100, 100)
