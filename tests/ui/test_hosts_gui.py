"""Choosing an organization's host units in the window: the chooser, what is stored,
the tables that show it, undo."""

from __future__ import annotations

from sqlalchemy import select

from partydesk.ledger.models import OrgHostUnit
from tests.ui.test_tables import cell, page


def hosts_of(ledger, org_id):
    with ledger.session() as s:
        return sorted(s.scalars(select(OrgHostUnit.unit_id).where(OrgHostUnit.org_id == org_id)))


def test_choose_host_units_store_show_and_undo(main_window, qtbot, ledger, sample_ids, monkeypatch):
    from ui.table import hosts_dialog

    u1, u2 = sample_ids["units"]
    o3 = sample_ids["orgs"][2]  # 快递行业工作支部: no host unit yet
    units = page(main_window, "units")
    orgs = page(main_window, "orgs")  # the page shown
    assert (
        units.model.data(cell(units, "同心社会工作服务中心", "orgs"))
        == "中共东湖街道联合党支部委员会"
    )
    name = "中共城关街道快递行业工作支部委员会"
    assert orgs.model.data(cell(orgs, name, "hosts")) == ""

    seen = {}

    def run_dialog(dlg):
        # what a clerk does: type to filter, tick the two units, see the hint, save
        dlg.filter.setText("星光")
        visible = [
            dlg.list.item(i).text()
            for i in range(dlg.list.count())
            if not dlg.list.item(i).isHidden()
        ]
        seen["filtered"] = visible
        dlg.set_chosen([u1, u2])
        seen["summary"] = dlg.summary.text()
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(hosts_dialog.HostUnitsDialog, "exec", run_dialog)
    at = orgs.view.visualRect(cell(orgs, name, "hosts")).center()
    qtbot.mouseClick(orgs.view.viewport(), _button(), pos=at)  # a double-click starts with a press
    qtbot.mouseDClick(orgs.view.viewport(), _button(), pos=at)
    assert seen["filtered"] == ["星光科技有限公司"]
    assert seen["summary"] == "已选 2 个：同心社会工作服务中心、星光科技有限公司"
    assert hosts_of(ledger, o3) == sorted([u1, u2])
    assert set(orgs.model.data(cell(orgs, name, "hosts")).split("、")) == {
        "星光科技有限公司",
        "同心社会工作服务中心",
    }
    assert (
        orgs.detail.hosts_label.text() == "2个：同心社会工作服务中心、星光科技有限公司"
    )  # by name
    assert orgs.detail.hosts_label.toolTip() == "同心社会工作服务中心\n星光科技有限公司"
    assert name in units.model.data(cell(units, "星光科技有限公司", "orgs"))
    assert main_window.undo_stack.undoText() == f"修改{name}的所在单位"

    main_window.undo_act.trigger()
    assert hosts_of(ledger, o3) == []
    assert orgs.model.data(cell(orgs, name, "hosts")) == ""
    assert (
        units.model.data(cell(units, "星光科技有限公司", "orgs"))
        == "中共星光科技有限公司支部委员会"
    )
    main_window.redo_act.trigger()
    assert hosts_of(ledger, o3) == sorted([u1, u2])


def test_the_chooser_shows_formation_hints_and_cancel_changes_nothing(
    main_window, qtbot, ledger, sample_ids
):
    from ui.table.hosts_dialog import HostUnitsDialog

    u1, u2 = sample_ids["units"]
    o1 = sample_ids["orgs"][0]  # 单独组建 on 星光科技
    dlg = HostUnitsDialog(main_window.ctx, o1, main_window)
    qtbot.addWidget(dlg)
    assert dlg.chosen() == [u1] and dlg.list.item(0).text() == "星光科技有限公司"  # chosen first
    assert dlg.warn.isHidden()
    dlg.set_chosen([u1, u2])
    assert dlg.warn.text() == "提示：组建方式为单独组建，却有2个所在单位（联合组建请改组建方式）"
    dlg.only_chosen.setChecked(True)
    shown = [
        dlg.list.item(i).text() for i in range(dlg.list.count()) if not dlg.list.item(i).isHidden()
    ]
    assert shown == ["星光科技有限公司", "同心社会工作服务中心"]
    dlg.reject()
    assert hosts_of(ledger, o1) == [u1]


def _button():
    from PySide6.QtCore import Qt

    return Qt.LeftButton


def test_committee_dialog_appoints_ends_and_undoes(main_window, qtbot, ledger, sample_ids):
    from partydesk.ledger.models import Organization
    from ui.table.committee_dialog import CommitteeDialog

    o1 = sample_ids["orgs"][0]
    orgs = page(main_window, "orgs")
    orgs.select_id(o1)
    assert orgs.detail.committee_label.text() == "（未登记）"
    dlg = CommitteeDialog(main_window.ctx, o1, main_window)
    qtbot.addWidget(dlg)
    # only the organization's full members are offered: 张伟 (not 王芳, 预备党员; not 陈静)
    offered = [dlg.person.itemText(i).split("（")[0] for i in range(dlg.person.count())]
    assert offered == ["张伟"]
    dlg.role.setCurrentIndex(dlg.role.findData("secretary"))
    assert dlg.appoint()
    assert dlg.message.text() == "已任命张伟为书记（可撤销）"
    assert [dlg.table.item(0, c).text() for c in range(2)] == ["书记", "张伟"]
    with ledger.session() as s:
        assert s.get(Organization, o1).secretary_id == sample_ids["张伟"]
    assert orgs.detail.committee_label.text() == "书记 张伟"
    # appointing him again is refused with the reason, nothing added
    assert not dlg.appoint()
    assert "张伟已是本届委员" in dlg.message.text()

    dlg.table.selectRow(0)
    assert dlg.leave_selected()
    assert dlg.table.rowCount() == 0
    with ledger.session() as s:
        assert s.get(Organization, o1).secretary_id is None
    main_window.undo_act.trigger()  # the leave
    with ledger.session() as s:
        assert s.get(Organization, o1).secretary_id == sample_ids["张伟"]
    main_window.undo_act.trigger()  # the appointment
    with ledger.session() as s:
        assert s.get(Organization, o1).secretary_id is None
        assert s.get(Organization, o1).committee == []
    assert orgs.detail.committee_label.text() == "（未登记）"


def test_history_dialog_records_a_transfer_out_and_undo_restores(
    main_window, qtbot, ledger, sample_ids
):
    from partydesk.ledger.models import Person, PersonEvent
    from ui.table.history_dialog import IN, OUT, HistoryDialog

    people = page(main_window, "people")
    pid = sample_ids["刘洋"]
    people.select_id(pid)
    dlg = HistoryDialog(main_window.ctx, pid, main_window)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 0
    assert not dlg.record(kind=OUT, where="")  # refused: where to
    assert dlg.message.text() == "请填写转往的党组织（组织关系介绍信上的抬头）。"
    assert dlg.record(kind=OUT, where="中共杭州某某公司支部委员会")
    assert [dlg.table.item(0, c).text() for c in (1, 2)] == [
        "组织关系转出",
        "中共东湖街道联合党支部委员会 → 中共杭州某某公司支部委员会",
    ]
    with ledger.session() as s:
        assert s.get(Person, pid).status == "transferred_out"
    assert people.model.data(cell(people, "刘洋", "status")) == "已转出"
    # a person no longer on the books cannot be registered as transferred in
    assert not dlg.record(kind=IN, where="某处")
    assert "不在册" in dlg.message.text()

    main_window.undo_act.trigger()
    with ledger.session() as s:
        assert s.get(Person, pid).status == "active"
        assert s.query(PersonEvent).filter_by(person_id=pid).count() == 0
    assert people.model.data(cell(people, "刘洋", "status")) == "在册"


def test_a_long_host_list_never_pushes_the_buttons_out_of_the_panel(
    main_window, qtbot, ledger, sample_ids
):
    from PySide6.QtWidgets import QScrollArea

    from partydesk.ledger import hosts
    from partydesk.ledger.models import Unit

    o2 = sample_ids["orgs"][1]
    with ledger.session() as s:
        units = [
            Unit(name=f"东湖街道第{i}号非常长名称的新就业群体服务有限责任公司") for i in range(5)
        ]
        s.add_all(units)
        s.flush()
        hosts.set_host_units(s, o2, [u.id for u in units])
    orgs = page(main_window, "orgs")
    orgs.select_id(o2)
    qtbot.wait(50)
    area = orgs.detail.findChild(QScrollArea)
    assert orgs.detail.hosts_label.text().startswith("5个：")
    assert not area.horizontalScrollBar().isVisible()
    btn = orgs.detail.hosts_btn
    right = btn.mapTo(area.viewport(), btn.rect().topRight()).x()
    assert right <= area.viewport().width()


def test_groups_dialog_makes_fills_and_undoes(main_window, qtbot, ledger, sample_ids):
    from partydesk.ledger.models import Person
    from ui.table.groups_dialog import GroupsDialog

    o1 = sample_ids["orgs"][0]
    orgs = page(main_window, "orgs")
    orgs.select_id(o1)
    assert orgs.detail.groups_label.text() == "（未设）"
    dlg = GroupsDialog(main_window.ctx, o1, main_window)
    qtbot.addWidget(dlg)
    assert not dlg.assign()  # no group chosen yet
    assert dlg.message.text() == "请先在上表中选中一个党小组。"
    assert dlg.add_group("第一党小组")
    dlg.person.setCurrentIndex(dlg.person.findText("王芳（预备党员）"))
    assert dlg.assign() and dlg.make_leader()
    assert [dlg.table.item(0, c).text() for c in range(3)] == ["第一党小组", "王芳", "王芳"]
    assert not dlg.add_group("第一党小组")
    assert dlg.message.text() == "本组织已有“第一党小组”。"
    with ledger.session() as s:
        gid = s.get(Person, sample_ids["王芳"]).party_group_id
        assert gid is not None
    assert orgs.detail.groups_label.text() == "第一党小组"
    for _ in range(3):  # leader, assign, group
        main_window.undo_act.trigger()
    with ledger.session() as s:
        assert s.get(Person, sample_ids["王芳"]).party_group_id is None
    assert orgs.detail.groups_label.text() == "（未设）"
