"""The main window's tables, driven as a clerk would, checked against the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from partydesk.ledger.models import Organization, Person
from tests.sample_ledger import VALID_ID


def page(win, name):
    p = win.page(f"ui.{name}.page")
    win.nav.setCurrentRow(list(win.pages()).index(f"ui.{name}.page"))
    return p


def cell(p, name, field):
    m = p.model
    row = [m.text(r, 0) for r in range(m.rowCount())].index(name)
    col = [c.name for c in m.columns].index(field)
    return m.index(row, col)


def type_text(widget, text):
    """Chinese text arrives as an input-method commit (keyClicks would abort)."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def edit_cell(qtbot, p, index, text, chinese=False):
    p.view.setCurrentIndex(index)
    p.view.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not p.view
    if hasattr(editor, "selectAll"):
        editor.selectAll()
    if chinese:
        type_text(editor, text)
    else:
        qtbot.keyClicks(editor, text)
    commit(qtbot, editor)
    return editor


def commit(qtbot, editor):
    """Enter, as a user presses it (the delegate commits on a queued call)."""
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def person(ledger, pid):
    with ledger.session() as s:
        return s.get(Person, pid)


def test_every_model_passes_the_model_tester(main_window, qtmodeltester):
    for name in ("units", "orgs", "people"):
        qtmodeltester.check(page(main_window, name).model)


def test_edit_a_cell_writes_the_database_and_undo_restores(main_window, qtbot, ledger, sample_ids):
    p = page(main_window, "people")
    edit_cell(qtbot, p, cell(p, "张伟", "job"), "快递站站长", chinese=True)
    assert p.view.currentIndex().row() == cell(p, "张伟", "job").row() + 1  # Enter moves down
    assert person(ledger, sample_ids["张伟"]).job == "快递站站长"
    assert p.model.data(cell(p, "张伟", "job")) == "快递站站长"
    main_window.undo_act.trigger()
    assert person(ledger, sample_ids["张伟"]).job is None
    assert p.model.data(cell(p, "张伟", "job")) == ""
    main_window.redo_act.trigger()
    assert person(ledger, sample_ids["张伟"]).job == "快递站站长"


# The completer's popup asks the offscreen platform for things it cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_enum_and_org_cells_use_drop_downs(main_window, qtbot, ledger, sample_ids):
    with ledger.session() as s:  # a step forward needs its date (and a year as 积极分子)
        li = s.get(Person, sample_ids["李娜"])
        li.applied_on, li.activist_on = date(2020, 3, 1), date(2020, 9, 1)
        li.target_on = date(2021, 10, 1)
    p = page(main_window, "people")
    idx = cell(p, "李娜", "category")
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    combo = QApplication.focusWidget()
    assert "发展对象" in [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentText("发展对象")
    commit(qtbot, combo)
    assert person(ledger, sample_ids["李娜"]).category == "target"
    idx = cell(p, "李娜", "org_id")
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    from ui.table.delegates import OrgCombo

    org = p.view.viewport().findChild(OrgCombo)
    assert org.completer().filterMode() == Qt.MatchContains
    org.lineEdit().clear()
    type_text(org.lineEdit(), "快递行业")  # a unique part of the name is enough
    commit(qtbot, org.lineEdit())
    assert person(ledger, sample_ids["李娜"]).org_id == sample_ids["orgs"][2]
    assert p.model.data(cell(p, "李娜", "org_id")) == "中共城关街道快递行业工作支部委员会"


def test_invalid_id_is_refused_with_reason_and_nothing_stored(
    main_window, qtbot, ledger, sample_ids
):
    p = page(main_window, "people")
    before = person(ledger, sample_ids["张伟"]).id_number
    idx = cell(p, "张伟", "id_number")
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "110105194912310021")
    hint = p.view.viewport().findChild(type(p.bar.label), "idHint")
    assert "校验位错误" in hint.text() and hint.isVisible()  # said while typing
    commit(qtbot, editor)
    assert "校验位错误（末位应为X）" in p.bar.text()
    assert person(ledger, sample_ids["张伟"]).id_number == before
    assert p.model.data(idx) == before
    assert main_window.undo_stack.count() == 0


def test_valid_id_fills_birth_date_and_sex(main_window, qtbot, ledger, sample_ids):
    p = page(main_window, "people")
    edit_cell(qtbot, p, cell(p, "张伟", "id_number"), VALID_ID.lower())
    pz = person(ledger, sample_ids["张伟"])
    assert (pz.id_number, pz.birth_date, pz.sex) == (VALID_ID, date(1949, 12, 31), "F")
    assert p.model.data(cell(p, "张伟", "sex")) == "女"
    assert p.model.data(cell(p, "张伟", "birth_date")) == "1949-12-31"
    main_window.undo_act.trigger()
    pz = person(ledger, sample_ids["张伟"])
    assert (pz.birth_date, pz.sex) == (date(1985, 3, 2), "M")


def test_future_date_refused(main_window, qtbot, ledger, sample_ids):
    p = page(main_window, "people")
    idx = cell(p, "王芳", "admitted_on")
    assert p.model.setData(idx, "2999-01-01") is False
    assert "晚于今天" in p.bar.text()
    assert person(ledger, sample_ids["王芳"]).admitted_on == date(2015, 7, 1)


def test_paste_block_lands_as_one_undo_step_and_refusals_are_listed(
    main_window, qtbot, ledger, sample_ids
):
    p = page(main_window, "people")
    start = cell(p, "张伟", "job")
    p.view.setCurrentIndex(start)
    # job and phone of two rows, as Excel puts it on the clipboard; one phone is wrong
    QGuiApplication.clipboard().setText("网格员\t13700000001\r\n会计\t12345\r\n")
    cols = [c.name for c in p.model.columns]
    phone_col = cols.index("phone")
    # put phone right after job on screen, as a user would by dragging the header
    hh = p.view.horizontalHeader()
    hh.moveSection(hh.visualIndex(phone_col), hh.visualIndex(start.column()) + 1)
    qtbot.keyClick(p.view, Qt.Key_V, Qt.ControlModifier)
    first, second = p.model.ids[start.row()], p.model.ids[start.row() + 1]
    assert (person(ledger, first).job, person(ledger, first).phone) == ("网格员", "13700000001")
    assert person(ledger, second).job == "会计"
    refused = p.view.last_refused
    assert [(r[1], r[2]) for r in refused] == [("手机号", "12345")] and "手机号" in refused[0][3]
    dlg = p.view.refused_dialog
    assert dlg.isVisible() and dlg.table.item(0, 3).text() == refused[0][3]
    assert main_window.undo_stack.count() == 1
    main_window.undo_act.trigger()
    assert person(ledger, first).job is None and person(ledger, second).job is None
    assert person(ledger, first).phone == "13812345678"


def test_copy_selection_as_tsv(main_window, qtbot):
    p = page(main_window, "people")
    a, b = cell(p, "张伟", "name"), cell(p, "王芳", "id_number")
    sm = p.view.selectionModel()
    from PySide6.QtCore import QItemSelection

    sm.select(QItemSelection(a, b), sm.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(p.view, Qt.Key_C, Qt.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\r\n")
    assert lines[0] == "张伟\t" + p.model.text(a.row(), b.column())
    assert lines[1].startswith("王芳\t3301021990")


def test_search_box_and_filters_narrow_the_rows(main_window, qtbot):
    p = page(main_window, "people")
    assert p.model.rowCount() == 6
    type_text(p.filterbar.search, "联合")  # the organization's name is searched too
    qtbot.waitUntil(lambda: p.model.rowCount() == 3, timeout=2000)
    assert "筛选出 3 条" in main_window.counts.text()
    p.filterbar.set_filter("category", "full")
    assert sorted(p.model.text(r, 0) for r in range(p.model.rowCount())) == ["刘洋", "赵磊"]
    state = main_window.current_table_state()
    assert (state.entity, state.text, state.filters) == ("person", "联合", {"category": ["full"]})
    assert state.columns[:2] == ["name", "id_number"]
    p.filterbar.clear()
    assert p.model.rowCount() == 6


def test_header_click_sorts_in_sql(main_window, qtbot):
    p = page(main_window, "people")
    col = [c.name for c in p.model.columns].index("birth_date")
    p.view.sortByColumn(col, Qt.DescendingOrder)
    shown = [p.model.text(r, col) for r in range(p.model.rowCount())]
    assert shown == sorted(shown, reverse=True)
    assert main_window.current_table_state().sort == "birth_date"


def test_org_with_members_cannot_be_deleted(main_window, qtbot, ledger, sample_ids, monkeypatch):
    p = page(main_window, "orgs")
    o1 = sample_ids["orgs"][0]
    p.view.setCurrentIndex(p.model.index(p.model.row_of(o1), 0))
    asked = []
    monkeypatch.setattr(p, "confirm", lambda text: True)
    monkeypatch.setattr(p, "ask_move_target", lambda reason, excl: asked.append(reason))
    assert p.delete_selected() is False
    assert "还有3名人员" in asked[0]
    with ledger.session() as s:
        assert s.get(Organization, o1) is not None
    # moving the members first is offered, and undoable as one step
    o3 = sample_ids["orgs"][2]
    monkeypatch.setattr(p, "ask_move_target", lambda reason, excl: o3)
    assert p.delete_selected() is True
    assert p.model.row_of(o1) == -1
    assert person(ledger, sample_ids["张伟"]).org_id == o3
    people = main_window.page("ui.people.page")
    assert people.model.data(cell(people, "张伟", "org_id")) == "中共城关街道快递行业工作支部委员会"
    main_window.undo_act.trigger()
    assert p.model.row_of(o1) >= 0 and person(ledger, sample_ids["张伟"]).org_id == o1


def test_add_and_delete_with_confirmation_and_undo(
    main_window, qtbot, ledger, sample_ids, monkeypatch
):
    p = page(main_window, "people")

    def fill(dlg):
        f = dlg.form.editors
        type_text(f["name"], "孙丽")
        f["id_number"].setText(VALID_ID)
        assert f["birth_date"].text_value() == "1949-12-31"  # filled while typing
        f["category"].setCurrentText("入党积极分子")
        f["applied_on"].set_text("1990-03-01")  # an 积极分子 needs the dates of both steps
        f["activist_on"].set_text("1990-09-01")
        dlg.accept()
        return dlg.snapshot is not None

    monkeypatch.setattr(p, "_exec", fill)
    rid = p.add_record()
    assert person(ledger, rid).sex == "F" and person(ledger, rid).org_id is not None
    assert p.model.text(p.view.currentIndex().row(), 0) == "孙丽"
    monkeypatch.setattr(p, "confirm", lambda text: "孙丽" in text)
    assert p.delete_selected()
    assert person(ledger, rid) is None
    main_window.undo_act.trigger()
    assert person(ledger, rid).name == "孙丽"
    main_window.undo_act.trigger()  # undo the add
    assert person(ledger, rid) is None and p.model.rowCount() == 6


def test_add_dialog_refuses_missing_org(main_window, qtbot, monkeypatch):
    p = page(main_window, "people")
    p.view.setCurrentIndex(p.model.index(-1, -1))
    from ui.table.detail import AddDialog

    dlg = AddDialog(main_window.ctx, "person", p)
    qtbot.addWidget(dlg)
    type_text(dlg.form.editors["name"], "周明")
    dlg.accept()
    assert "所在党支部" in dlg.form.error.text() and dlg.snapshot is None


def test_detail_form_saves_all_fields_as_one_step(main_window, qtbot, ledger, sample_ids):
    p = page(main_window, "people")
    p.view.setCurrentIndex(cell(p, "刘洋", "name"))
    form = p.detail
    assert form.editors["name"].text() == "刘洋"
    type_text(form.editors["education"], "大学本科")
    form.editors["is_flowing"].setCurrentText("是")
    type_text(form.editors["flow_to"], "广东省深圳市")
    qtbot.mouseClick(form.save_btn, Qt.LeftButton)
    pz = person(ledger, sample_ids["刘洋"])
    assert (pz.education, pz.is_flowing, pz.flow_to) == ("大学本科", True, "广东省深圳市")
    assert main_window.undo_stack.count() == 1
    form.editors["phone"].setText("123")
    form.save()
    assert "手机号" in form.error.text()
    assert person(ledger, sample_ids["刘洋"]).phone == "13912345678"


def test_ids_beyond_the_first_block_arrive_from_a_worker(
    main_window, qtbot, monkeypatch, qtmodeltester
):
    p = page(main_window, "people")
    monkeypatch.setattr(p.model, "FIRST", 2)
    p.model.reload()
    assert p.model.rowCount() == 2 and not p.model.complete
    qtmodeltester.check(p.model)  # and watches the rows inserted when the rest arrives
    assert p.model.wait_complete()
    assert p.model.rowCount() == 6
    assert [p.model.text(r, 0) for r in range(6)] == [
        "张伟",
        "王芳",
        "李娜",
        "刘洋",
        "陈静",
        "赵磊",
    ]


def test_renaming_an_org_shows_in_the_people_table(main_window, qtbot, sample_ids):
    orgs = page(main_window, "orgs")
    idx = orgs.model.index(orgs.model.row_of(sample_ids["orgs"][1]), 0)
    assert orgs.model.setData(idx, "中共东湖街道第一联合党支部委员会")
    people = main_window.page("ui.people.page")
    assert people.model.data(cell(people, "李娜", "org_id")) == "中共东湖街道第一联合党支部委员会"
    count_col = [c.name for c in orgs.model.columns].index("member_count")
    assert orgs.model.data(orgs.model.index(idx.row(), count_col)) == "3"
    assert not orgs.model.flags(orgs.model.index(idx.row(), count_col)) & Qt.ItemIsEditable


def test_save_copy_and_open_another_ledger(main_window, qtbot, tmp_path):
    dest = tmp_path / "copy.partydesk"
    main_window.save_copy_to(dest)
    qtbot.waitUntil(lambda: dest.exists() and dest.stat().st_size > 0, timeout=5000)
    qtbot.waitUntil(lambda: "副本已保存" in main_window.statusBar().currentMessage(), timeout=5000)
    edit = page(main_window, "people")
    edit.model.setData(cell(edit, "张伟", "job"), "x")
    assert main_window.undo_stack.count() == 1
    assert main_window.open_path(dest)
    assert "copy.partydesk" in main_window.windowTitle()
    assert main_window.undo_stack.count() == 0
    p = main_window.page("ui.people.page")
    assert p.model.rowCount() == 6 and p.model.data(cell(p, "张伟", "job")) == ""
    from ui.main_window import recent_ledgers

    assert recent_ledgers()[0] == str(dest.resolve())


def test_file_menu_has_extension_points(main_window):
    from PySide6.QtGui import QAction

    act = QAction("备份与恢复", main_window)
    main_window.add_file_action(act)
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert texts.index("备份与恢复") < texts.index("退出(&X)")
    assert main_window.tools_menu is not None


@pytest.mark.parametrize("name", ["units", "orgs", "people"])
def test_pages_show_their_records(main_window, name):
    p = page(main_window, name)
    assert p.model.rowCount() == {"units": 2, "orgs": 3, "people": 6}[name]
    assert main_window.counts.text().startswith("共 ")


def test_column_widths_order_and_page_are_remembered(main_window, qtbot, ledger):
    p = page(main_window, "people")
    hh = p.view.horizontalHeader()
    hh.resizeSection(0, 222)
    hh.setSectionHidden(1, True)  # 公民身份证号 hidden from the table
    assert "id_number" not in main_window.current_table_state().columns
    main_window.close()  # saves the settings
    from ui.main_window import MainWindow

    again = MainWindow(ledger)
    qtbot.addWidget(again)
    assert again.current_page() is again.page("ui.people.page")
    hh2 = again.current_page().view.horizontalHeader()
    assert hh2.sectionSize(0) == 222 and hh2.isSectionHidden(1)


def test_unit_table_names_its_organizations_read_only(main_window, qtbot):
    p = page(main_window, "units")
    idx = cell(p, "星光科技有限公司", "orgs")
    assert p.model.headerData(idx.column(), Qt.Horizontal) == "党组织"
    assert idx.data() == "中共星光科技有限公司支部委员会"
    assert not p.model.flags(idx) & Qt.ItemIsEditable
    type_text(p.filterbar.search, "联合党支部")  # found through its organization's name
    qtbot.waitUntil(lambda: p.model.rowCount() == 1, timeout=2000)
    assert p.model.text(0, 0) == "同心社会工作服务中心"
