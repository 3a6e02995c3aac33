"""Searching a table: the rows found are shown first, the detail form beside the table
follows with the current row moments later — once for quick keystrokes, never a stale
record."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.ui.test_tables import cell, page
from ui.table.detail import DetailForm


def shown(p) -> list[str]:
    return [p.model.text(r, 0) for r in range(p.model.rowCount())]


def test_a_search_shows_its_rows_and_the_form_follows_with_the_current_row(
    main_window, qtbot, sample_ids, monkeypatch
):
    p = page(main_window, "people")
    p.view.setCurrentIndex(cell(p, "王芳", "name"))
    form = p.detail
    assert form.editors["name"].text() == "王芳"
    reads = []
    load = DetailForm.load
    monkeypatch.setattr(DetailForm, "load", lambda self, rid: (reads.append(rid), load(self, rid)))

    p.filterbar.set_search("联合")  # the organization of 李娜, 刘洋, 赵磊
    assert shown(p) == ["李娜", "刘洋", "赵磊"]
    # the rows are there before the form has read a record (that read is as long as
    # the search itself at a county's size) …
    assert reads == []
    # … and the form shows the new current row moments later
    qtbot.waitUntil(lambda: form.editors["name"].text() == "李娜", timeout=2000)
    assert p.view.currentIndex().row() == 0 and form.rec_id == sample_ids["李娜"]
    assert form.title.text() == "李娜"

    # quick searches one after another: one read, of the last one's current row
    reads.clear()
    p.filterbar.set_search("张")
    p.filterbar.set_search("星光")  # 张伟, 王芳, 陈静
    assert shown(p) == ["张伟", "王芳", "陈静"]
    qtbot.waitUntil(lambda: form.editors["name"].text() == "张伟", timeout=2000)
    for _ in range(5):
        QApplication.processEvents()
    assert reads == [sample_ids["张伟"]]


def test_a_search_that_finds_nobody_leaves_no_record_in_the_form(main_window, qtbot):
    p = page(main_window, "people")
    form = p.detail
    qtbot.waitUntil(lambda: form.rec_id is not None, timeout=2000)
    p.filterbar.set_search("没有这个人")
    assert p.model.rowCount() == 0
    qtbot.waitUntil(lambda: form.rec_id is None, timeout=2000)
    assert form.editors["name"].text() == "" and not form.save_btn.isEnabled()
    p.filterbar.clear()
    qtbot.waitUntil(lambda: form.rec_id is not None, timeout=2000)
    assert form.editors["name"].text() == p.model.text(p.view.currentIndex().row(), 0)


def test_the_form_asked_for_right_after_a_search_shows_the_current_row(main_window):
    """Code that asks the page for its detail form (an edit, a reload after other
    clerks' changes) gets it showing the current row, even before the event loop ran."""
    p = page(main_window, "people")
    p.detail  # noqa: B018 - built
    p.filterbar.set_search("联合")
    assert p.detail.editors["name"].text() == "李娜"
