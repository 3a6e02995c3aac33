"""Another clerk works on the same ledger while the window is open (a second client on
the file, as another program would be): an edit over their saved change is refused
with 已被他人修改 and the row shows their value; their changes and new records appear
without a restart, the selection staying on the same record."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from partydesk.ledger import editing
from partydesk.ledger.models import Person
from tests.clients import client
from tests.ui.test_tables import cell, edit_cell, page


def _other(ledger_path):
    return client(ledger_path)


def test_editing_a_cell_someone_else_saved_is_refused_and_the_row_reloaded(
    main_window, qtbot, ledger, ledger_path, sample_ids
):
    p = page(main_window, "people")
    pid = sample_ids["张伟"]
    assert p.model.data(cell(p, "张伟", "job")) == ""  # shown, with its version
    other = _other(ledger_path)
    with other.session() as s:
        editing.set_fields(s, "person", pid, {"job": "网格员"})
    other.close()
    edit_cell(qtbot, p, cell(p, "张伟", "job"), "快递站站长", chinese=True)
    with ledger.session() as s:
        assert s.get(Person, pid).job == "网格员"  # theirs stands
    assert p.model.data(cell(p, "张伟", "job")) == "网格员"  # the row reloaded
    assert p.bar.text().startswith("未保存：已被他人修改")  # said above the table
    assert "已被他人修改" in main_window.statusBar().currentMessage()
    main_window.grab().save("/tmp/i23multi_conflict.png")


def test_other_clerks_changes_appear_keeping_the_selection(
    main_window, qtbot, ledger, ledger_path, sample_ids
):
    p = page(main_window, "people")
    watch = main_window.watch
    watch.timer.stop()  # polled by hand below, not by the clock
    watch.poll()
    target = cell(p, "赵磊", "name")
    p.view.selectionModel().setCurrentIndex(target, QItemSelectionModel.ClearAndSelect)
    n = p.model.rowCount()
    other = _other(ledger_path)
    with other.session() as s:
        editing.set_fields(s, "person", sample_ids["刘洋"], {"job": "骑手站长"})
        editing.add_record(
            s,
            "person",
            {
                "name": "安然",
                "org_id": str(sample_ids["orgs"][0]),
                "category": "applicant",
                "applied_on": "2026-01-05",
            },
        )
    other.close()
    assert watch.poll() is True
    p.model.wait_complete()
    QApplication.processEvents()
    assert p.model.rowCount() == n + 1
    assert p.model.data(cell(p, "刘洋", "job")) == "骑手站长"
    current = p.view.currentIndex()
    assert p.model.text(current.row(), 0) == "赵磊"  # still on the same record
    assert watch.poll() is False  # nothing new since
    main_window.grab().save("/tmp/i23multi_refresh.png")
