"""The table's cell habits from WPS/Excel: a right-click menu (复制, 粘贴, 向下填充, 清除,
按此值筛选) and Ctrl+D filling the selection down, as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from partydesk.ledger.models import Person
from ui.table import cell_menu


def _people(win):
    p = win.page("ui.people.page")
    win.nav.setCurrentRow(list(win.pages()).index("ui.people.page"))
    return p


def _select(view, top, bottom, col):
    m = view.model()
    sel = QItemSelection(m.index(top, col), m.index(bottom, col))
    view.setCurrentIndex(m.index(top, col))
    view.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)


def _education(ledger, names):
    with ledger.session() as s:
        return [s.query(Person).filter_by(name=n).one().education for n in names]


def test_ctrl_d_fills_the_first_row_down_as_one_undo_step(main_window, qtbot):
    p = _people(main_window)
    m, view = p.model, p.view
    names = [m.text(r, 0) for r in range(m.rowCount())]
    col = [c.name for c in m.columns].index("education")
    view.write_cells([(0, col, "大学本科")])
    _select(view, 0, 3, col)
    qtbot.keyClick(view, Qt.Key_D, Qt.ControlModifier)
    ledger = main_window.ctx.ledger
    assert _education(ledger, names[:4]) == ["大学本科"] * 4
    assert _education(ledger, names[4:5]) != ["大学本科"]
    main_window.undo_stack.undo()  # the fill, all four rows at once
    assert _education(ledger, names[1:4]) == [None] * 3
    # One row selected: the row above comes down into it.
    _select(view, 1, 1, col)
    cell_menu.fill_down(view)
    assert _education(ledger, names[1:2]) == ["大学本科"]


@pytest.mark.qt_log_ignore("does not support")  # offscreen: no real pop-up placement
def test_cell_menu_has_the_wps_entries_and_filters_by_value(main_window, qtbot):
    p = _people(main_window)
    m, view = p.model, p.view
    col = [c.name for c in m.columns].index("name")
    rect = view.visualRect(m.index(2, col))
    menu = cell_menu.show_menu(view, rect.center())
    qtbot.addWidget(menu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    value = m.text(2, col)
    assert texts == [
        "复制(&C)",
        "粘贴(&P)",
        "向下填充(&D)",
        "清除(&E)",
        f"按此值筛选(&F)：{value}",
        # the people page's own: the pipeline's decisions (ui.people.acts)
        "取消积极分子资格…",
        "取消预备党员资格…",
        "延长预备期…",
    ]
    assert menu.findChild(type(menu.actions()[0]), "cell_fill").shortcut().toString() == "Ctrl+D"
    menu.findChild(type(menu.actions()[0]), "cell_filter").trigger()
    qtbot.waitUntil(lambda: m.rowCount() == 1, timeout=5000)
    assert m.text(0, col) == value and p.filterbar.text() == value
    menu.close()


def test_first_column_stays_in_place_when_scrolling_right(main_window, qtbot):
    p = _people(main_window)
    view, frozen = p.view, p.view.frozen
    main_window.resize(900, 500)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert view.columnViewportPosition(0) < 0  # the table's own 姓名 column scrolled away
    assert frozen.isVisible() and frozen.first_column() == 0
    assert frozen.indexAt(frozen.visualRect(p.model.index(0, 0)).center()).row() == 0
    assert frozen.width() == view.columnWidth(0)
    view.verticalScrollBar().setValue(1)
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
    frozen.horizontalHeader().sectionClicked.emit(0)  # sort by 姓名 from the frozen header
    assert view.horizontalHeader().sortIndicatorSection() == 0
