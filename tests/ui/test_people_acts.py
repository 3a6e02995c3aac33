"""The pipeline's decisions in the window (取消积极分子资格, 取消预备党员资格, 延长预备期): from the
people table's cell menu and the 发展程序决定 button, a dialog with date and reason, the
refusal shown in it, the 履历 entry written, one undo step. And the 工作单位 column: a
unit's name or the name kept as text."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from partydesk.ledger.models import Person, PersonEvent
from partydesk.rules.dates import add_months
from tests.ui.test_tables import cell, page, type_text
from ui.people import acts
from ui.table import cell_menu


def _menu_for(people, qtbot, name):
    view = people.view
    idx = cell(people, name, "name")
    view.setCurrentIndex(idx)
    menu = cell_menu.show_menu(view, view.visualRect(idx).center())
    found = {a.objectName(): a for a in menu.actions() if a.objectName().startswith("menu_")}
    menu.close()
    return found


@pytest.mark.qt_log_ignore("does not support")  # offscreen: no real pop-up placement
def test_cancel_activist_from_the_cell_menu_writes_history_and_undoes(
    main_window, qtbot, ledger, sample_ids, monkeypatch
):
    people = page(main_window, "people")
    pid = sample_ids["李娜"]  # 入党积极分子
    with ledger.session() as s:
        s.get(Person, pid).activist_on = date(2025, 3, 1)
        s.get(Person, pid).applied_on = date(2024, 9, 1)
    people.model.reload()
    qtbot.waitUntil(lambda: people.model.rowCount() == 6)
    found = _menu_for(people, qtbot, "李娜")
    assert [a.text() for a in found.values()] == [
        "取消积极分子资格…",
        "取消预备党员资格…",
        "延长预备期…",
    ]
    assert found["menu_cancel_activist"].isEnabled()
    assert not found["menu_extend"].isEnabled() and not found["menu_cancel_probation"].isEnabled()

    seen = {}

    def fill(dlg):
        assert dlg.findChild(type(dlg.reason), "actReason") is dlg.reason
        seen["person"] = dlg.findChild(type(dlg.error), "actPerson").text()
        dlg.on.setText("2025.2.1")  # before 确定为积极分子: refused in the dialog, which stays
        type_text(dlg.reason, "考察期间表现不合格")
        dlg.accept()
        seen["refused"] = dlg.error.text()
        assert dlg.result() == 0
        dlg.on.setText("2026.5.20")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(people, "_exec", fill)
    found["menu_cancel_activist"].trigger()
    assert seen["person"] == "李娜（入党积极分子）"
    assert seen["refused"] == "取消日期不能早于确定为积极分子日期。"
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.category, p.activist_on) == ("applicant", None)
        ev = s.query(PersonEvent).filter_by(person_id=pid).one()
        assert ev.on == date(2026, 5, 20) and "考察期间表现不合格" in ev.note
        assert "原确定为积极分子日期2025-03-01" in ev.note
    qtbot.waitUntil(lambda: people.model.data(cell(people, "李娜", "category")) == "入党申请人")
    assert "已办理：取消李娜的积极分子资格" in main_window.statusBar().currentMessage()

    main_window.undo_act.trigger()
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.category, p.activist_on) == ("activist", date(2025, 3, 1))
        assert s.query(PersonEvent).filter_by(person_id=pid).count() == 0
    qtbot.waitUntil(lambda: people.model.data(cell(people, "李娜", "category")) == "入党积极分子")


@pytest.mark.qt_log_ignore("does not support")
def test_extend_probation_from_the_button_and_its_refusal(
    main_window, qtbot, ledger, sample_ids, monkeypatch
):
    people = page(main_window, "people")
    pid = sample_ids["王芳"]  # 预备党员
    today = date.today()
    admitted = add_months(today, -10)  # still in probation
    with ledger.session() as s:
        p = s.get(Person, pid)
        p.applied_on, p.activist_on = date(2020, 1, 1), date(2020, 3, 1)
        p.target_on, p.admitted_on = date(2021, 6, 1), admitted
    people.model.reload()
    qtbot.waitUntil(lambda: people.model.rowCount() == 6)
    people.view.setCurrentIndex(cell(people, "王芳", "name"))
    btn = people.findChild(QPushButton, "pipelineActs")
    assert btn is not None and btn.text() == "发展程序决定"
    menu = btn.menu()
    menu.aboutToShow.emit()
    entries = {a.objectName(): a for a in menu.actions()}
    assert entries["menu_extend"].isEnabled() and not entries["menu_cancel_activist"].isEnabled()

    said = {}

    def fill(dlg):
        assert dlg.months.value() == 6
        dlg.months.setValue(13)
        type_text(dlg.reason, "需要继续考察")
        dlg.accept()
        said["refused"] = dlg.error.text()
        dlg.months.setValue(6)
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(people, "_exec", fill)
    entries["menu_extend"].trigger()
    assert "6" in said["refused"] and "12" in said["refused"]
    with ledger.session() as s:
        assert s.get(Person, pid).probation_extension_months == 6
    main_window.undo_act.trigger()
    with ledger.session() as s:
        assert s.get(Person, pid).probation_extension_months == 0


def test_acts_are_offered_only_where_they_fit():
    assert acts.applies(acts.CANCEL_ACTIVIST, "target", "active")
    assert not acts.applies(acts.CANCEL_ACTIVIST, "full", "active")
    assert acts.applies(acts.CANCEL_PROBATION, "probationary", "active")
    assert not acts.applies(acts.EXTEND, "probationary", "transferred_out")


def test_work_unit_column_and_form_show_a_kept_name(main_window, qtbot, ledger, sample_ids):
    from partydesk.ledger import editing

    people = page(main_window, "people")
    pid = sample_ids["张伟"]
    with ledger.session() as s:
        editing.set_fields(s, "person", pid, {"unit_id": "明月物流有限公司"})
        editing.set_fields(s, "person", sample_ids["刘洋"], {"unit_id": "星光科技有限公司"})
    people.model.reload()
    qtbot.waitUntil(lambda: people.model.rowCount() == 6)
    col = [c.name for c in people.model.columns].index("unit_id")
    assert people.model.headerData(col, Qt.Horizontal) == "工作单位"
    assert people.model.data(cell(people, "张伟", "unit_id")) == "明月物流有限公司"
    assert people.model.data(cell(people, "刘洋", "unit_id")) == "星光科技有限公司"
    people.detail.load(pid)
    assert people.detail.editors["unit_id"].text() == "明月物流有限公司"
    people.detail.load(sample_ids["刘洋"])
    assert people.detail.editors["unit_id"].text() == "星光科技有限公司"
    people.grab().save("/tmp/i16_people_unit.png")
