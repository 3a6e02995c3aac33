"""The window's first screen: the start page's rows shown before the ledger is open, the
same rows and texts the page then shows, read-only, and where the clerk scrolled kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt

from tests.sample_ledger import fill_sample

pytestmark = pytest.mark.sqlite_only("the first screen reads a ledger file with sqlite3")


class Paints(QObject):
    """Counts the paints of the widgets it filters."""

    n = 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.n += 1
        return False


def _texts(model, rows, cols):
    return [[model.index(r, c).data() for c in range(cols)] for r in range(rows)]


def test_the_window_shows_the_rows_before_the_ledger_is_open(qapp, qtbot, ledger, ledger_path):
    fill_sample(ledger)
    ledger.close()
    QSettings().setValue("main/page", "ui.people.page")
    from ui import app as app_mod
    from ui.firstscreen import FirstScreenPage

    _, win = app_mod.start(["--ledger", str(ledger_path)])
    qtbot.addWidget(win)
    first = win.current_page()
    assert isinstance(first, FirstScreenPage)  # at once: the ledger is still being opened
    assert win.ctx.ledger is None and not win.add_act.isEnabled()
    assert win.nav.currentItem().text() == "党员与发展"
    first.fill_rest()  # (the cells beyond the screen's are made when first scrolled to)
    shown = _texts(first.model, first.model.rowCount(), first.model.columnCount())
    assert first.model.rowCount() == 6 and {"是", "否"} & {t for row in shown for t in row}
    labels = [first.model.headerData(c, Qt.Horizontal) for c in range(first.model.columnCount())]
    assert (
        not first.model.flags(first.model.index(0, 0))
        & first.model.flags(first.model.index(0, 0)).ItemIsEditable
    )
    qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    page = win.current_page()
    assert type(page).__name__ == "TablePage" and page.entity == "person"
    menus = [a.text() for a in win.menuBar().actions()]
    assert "Excel(&X)" in menus and "帮助(&H)" in menus  # the features' menus, after the paint
    assert _texts(page.model, 6, page.model.columnCount()) == shown
    # (the first screen and its model are gone: the page took their place)
    assert [
        page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())
    ] == labels
    win.ctx.ledger.close()


def test_the_first_screen_has_the_clerks_columns_and_the_page_keeps_the_scroll(
    qapp, qtbot, tmp_path
):
    from datetime import date

    from partydesk.demo import build_demo
    from partydesk.ledger import open_ledger
    from ui import firstscreen
    from ui.main_window import MainWindow

    path = tmp_path / "demo.partydesk"
    build_demo(path, units=4, members=90, seed=3, today=date(2026, 11, 1))
    QSettings().setValue("main/page", "ui.people.page")
    lg = open_ledger(path)
    win = MainWindow(lg)  # the clerk hides 公民身份证号 and widens 姓名; the window closes
    qtbot.addWidget(win)
    hh = win.current_page().view.horizontalHeader()
    hh.setSectionHidden(1, True)
    hh.resizeSection(0, 150)
    win.current_page().save_state()
    win.close()
    lg.close()

    win = MainWindow(None)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    first = firstscreen.build(path, "ui.people.page")
    win.show_first_screen(first)
    win.show()
    fh = first.view.horizontalHeader()
    assert fh.isSectionHidden(1) and fh.sectionSize(0) == 150
    first.view.scrollTo(first.model.index(40, 0), first.view.ScrollHint.PositionAtTop)
    top = first.view.rowAt(0)
    assert top > 20
    assert first.model.index(top, 0).data() == first_name(path, top)  # made when scrolled to
    win.set_ledger(open_ledger(path))
    page = win.current_page()
    assert page.view.rowAt(0) == top
    assert page.model.index(top, 0).data() == first_name(path, top)
    assert page.view.horizontalHeader().isSectionHidden(1)
    win.ctx.ledger.close()


def first_name(path, row):
    from partydesk.ledger import firstscreen

    return firstscreen.read(path, "person").rows[row][1][0]


def test_no_first_screen_for_a_page_that_is_not_a_table(qapp, ledger, ledger_path):
    fill_sample(ledger)
    from ui import firstscreen

    assert firstscreen.build(ledger_path, "ui.dashboard.page") is None
    assert firstscreen.build(ledger_path, "ui.units.page").model.rowCount() == 2


def test_garbage_collection_pauses_only_while_the_window_starts(
    qapp, qtbot, ledger, ledger_path, monkeypatch
):
    """Full collections over the start's imports held the window 50-100 ms, twice a start;
    they are off until the page is up, then back for good (memory is not left to grow)."""
    import gc

    from ui import app as app_mod

    fill_sample(ledger)
    ledger.close()
    monkeypatch.setattr(app_mod, "GC_AFTER_PAGE_MS", 50)
    app_mod._collect_again()  # (another test's start may have left its timer running)
    assert gc.isenabled()
    _, win = app_mod.start(["--ledger", str(ledger_path)])
    qtbot.addWidget(win)
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    win.ctx.ledger.close()


def test_the_real_page_is_built_in_one_turn_and_painted_in_the_next(qapp, qtbot, tmp_path):
    """Building the page and its first paint in one turn of the event loop held the
    window 60-80 ms at 300,000 people; the first screen's picture stays for one turn."""
    from datetime import date

    from partydesk.demo import build_demo
    from partydesk.ledger import open_ledger
    from ui import firstscreen
    from ui.main_window import MainWindow

    path = tmp_path / "demo.partydesk"
    build_demo(path, units=3, members=60, seed=5, today=date(2026, 11, 1))
    QSettings().setValue("main/page", "ui.people.page")
    win = MainWindow(None)
    qtbot.addWidget(win)
    win.show_first_screen(firstscreen.build(path, "ui.people.page"))
    win.show()
    qtbot.waitExposed(win)

    items = [win.nav.item(i) for i in range(win.nav.count())]
    announced = []
    win.ledger_changed.connect(lambda: announced.append(paints.n))
    paints = Paints()
    win.set_ledger(open_ledger(path))
    page = win.current_page()
    page.view.viewport().installEventFilter(paints)
    assert page.model.rowCount() == 60 and win.covered
    assert not page.view.viewport().updatesEnabled()  # built, not to be painted this turn
    page.view.viewport().repaint()
    assert paints.n == 0
    # The navigation pane's entries are the first screen's, not made anew.
    assert [win.nav.item(i) for i in range(win.nav.count())] == items
    assert win.nav.currentItem().text() == "党员与发展"
    # The ledger is announced (ledger_changed, the recent list) once the page is painted.
    assert announced == [] and QSettings().value("ledgers/last") != str(path.resolve())
    qtbot.waitUntil(lambda: not win.covered, timeout=2000)
    qtbot.waitUntil(lambda: paints.n > 0, timeout=2000)
    qtbot.waitUntil(lambda: bool(announced), timeout=2000)
    assert announced[0] > 0 and QSettings().value("ledgers/last") == str(path.resolve())
    qtbot.wait(50)
    assert len(announced) == 1
    win.ctx.ledger.close()


def test_a_big_tables_detail_form_is_built_after_its_first_paint(qapp, qtbot, ledger, monkeypatch):
    """The form's two dozen editors wait for the rows' first paint (and a turn after it),
    not for a timer that, after a long turn, fired in the same wait as that paint."""
    from tests.sample_ledger import fill_sample as fill
    from ui.main_window import MainWindow
    from ui.table import page as page_mod
    from ui.table.model import LedgerTableModel

    fill(ledger)
    monkeypatch.setattr(LedgerTableModel, "FIRST", 3)  # "big": more rows than read at once
    QSettings().setValue("main/page", "ui.people.page")
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    page = win.current_page()

    paints = Paints()
    page.view.viewport().installEventFilter(paints)
    built_after = []
    real_build = page_mod.TablePage._build_detail

    def build(self, later=False):
        built_after.append(paints.n)
        real_build(self, later)

    monkeypatch.setattr(page_mod.TablePage, "_build_detail", build)
    qtbot.wait(60)  # longer than the form's wait after a paint: no paint, no form
    assert page._detail is None and built_after == []
    win.show()
    qtbot.waitUntil(lambda: page._detail is not None, timeout=5000)
    assert built_after[0] > 0
    first = page.model.data(page.model.index(0, 0))
    qtbot.waitUntil(lambda: page.detail.title.text() == first, timeout=5000)
