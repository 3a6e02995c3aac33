"""The date editor of a table cell and of the detail form: typing a date over the stored
one, key by key (real key events with their text, as a keyboard sends them), stores
exactly the date typed in every form the core accepts, or refuses with the reason and
keeps the stored date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from partydesk.ledger.models import Person

FORMS = [
    ("2019-07-01", date(2019, 7, 1)),
    ("2018.6.2", date(2018, 6, 2)),
    ("2017/05/03", date(2017, 5, 3)),
    ("20160404", date(2016, 4, 4)),
    ("2015年3月5日", date(2015, 3, 5)),
    ("2014-7-1", date(2014, 7, 1)),
]


def page(win, name):
    p = win.page(f"ui.{name}.page")
    win.nav.setCurrentRow(list(win.pages()).index(f"ui.{name}.page"))
    return p


def cell(p, name, field):
    m = p.model
    row = [m.text(r, 0) for r in range(m.rowCount())].index(name)
    col = [c.name for c in m.columns].index(field)
    return m.index(row, col)


def key(widget, k, text=""):
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, k, Qt.NoModifier, text))


def type_keys(widget, text):
    """Each character as its own key press with its text (CJK characters have no key code
    of their own on a keyboard: the input method sends the text)."""
    for ch in text:
        k = ord(ch.upper()) if ch.isascii() else Qt.Key_unknown
        key(widget, k, ch)


def admitted(ledger, pid):
    with ledger.session() as s:
        return s.get(Person, pid).admitted_on


def type_into_cell(p, idx, text):
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not p.view
    assert editor.text() == p.model.data(idx)  # the stored date is there, selected
    editor.selectAll()
    type_keys(editor, text)
    assert editor.text() == text
    key(editor, Qt.Key_Return, "\r")
    QApplication.processEvents()
    return editor


@pytest.mark.parametrize("typed, stored", FORMS)
def test_a_date_cell_stores_exactly_the_date_typed(main_window, ledger, sample_ids, typed, stored):
    p = page(main_window, "people")
    pid = sample_ids["张伟"]
    assert admitted(ledger, pid) == date(2015, 7, 1)
    type_into_cell(p, cell(p, "张伟", "admitted_on"), typed)
    assert admitted(ledger, pid) == stored
    assert p.model.data(cell(p, "张伟", "admitted_on")) == f"{stored:%Y-%m-%d}"


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("2019-13-01", "日期不存在"),
        ("2019-02-30", "日期不存在"),
        ("2099-01-01", "不能是将来的日期"),
        ("2019-0701", "日期格式无法识别"),
    ],
)
def test_a_date_cell_refuses_with_the_reason_and_keeps_the_date(
    main_window, ledger, sample_ids, typed, reason
):
    p = page(main_window, "people")
    pid = sample_ids["张伟"]
    type_into_cell(p, cell(p, "张伟", "admitted_on"), typed)
    assert reason in p.bar.text()
    assert admitted(ledger, pid) == date(2015, 7, 1)


def test_the_editor_says_which_date_it_reads_while_typing(main_window, sample_ids):
    p = page(main_window, "people")
    idx = cell(p, "张伟", "admitted_on")
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_keys(editor, "2019.7.1")
    assert editor.hint == "即 2019-07-01"
    type_keys(editor, "x")
    assert "日期格式无法识别" in editor.hint


@pytest.mark.parametrize("typed, stored", FORMS[:5])
def test_the_detail_form_stores_exactly_the_date_typed(
    main_window, ledger, sample_ids, typed, stored
):
    p = page(main_window, "people")
    p.view.setCurrentIndex(cell(p, "张伟", "name"))
    QApplication.processEvents()
    form = p.detail
    assert form.rec_id == sample_ids["张伟"]
    w = form.editors["admitted_on"]
    assert w.text() == "2015-07-01"
    w.setFocus()
    w.selectAll()
    type_keys(w, typed)
    assert form.save(), form.error.text()
    assert admitted(ledger, sample_ids["张伟"]) == stored
    assert w.text() == f"{stored:%Y-%m-%d}"
