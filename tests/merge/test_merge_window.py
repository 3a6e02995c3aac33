"""文件 → 合并乡镇账本… in the window: a township's file merged, its conflict listed with
both values side by side, the clerk takes one field; the report saved."""

from __future__ import annotations

import sqlalchemy as sa

from partydesk.cli import main
from partydesk.ledger.models import Person
from tests.merge.helpers import sql
from ui.merge import dialog as merge_dialog


def test_merge_in_the_window_lists_and_decides_a_conflict(
    main_window, qtbot, ledger, ledger_path, sample_ids, tmp_path
):
    town = tmp_path / "城关.partydesk"
    with ledger.engine.connect() as c:
        street = c.execute(
            sa.text("SELECT street FROM unit WHERE street IS NOT NULL ORDER BY id LIMIT 1")
        ).scalar()
    args = ["extract", "--ledger", str(ledger_path), "--street", street, "--out", str(town)]
    assert main(args) == 0
    name, pid = sql(town, "SELECT name, id FROM person ORDER BY id LIMIT 1")[0]
    assert (
        main(
            [
                "set",
                "--ledger",
                str(town),
                "people",
                str(pid),
                "工作岗位=乡镇岗位",
                "手机号=13900000021",
            ]
        )
        == 0
    )
    with ledger.session() as s:
        s.get(Person, pid).job = "县里岗位"

    assert main_window.merge_action in main_window.file_menu.actions()
    assert main_window.merge_action.text() == "合并乡镇账本(&M)…"
    dlg = merge_dialog.open_merge(main_window)
    assert dlg.count.text() == "没有待决定的冲突。"
    task = dlg.merge_files([str(town)])
    qtbot.waitUntil(lambda: bool(dlg.results), timeout=20000)
    del task
    assert "城关.partydesk：新增 0 条，更新 0 条，删除 0 条，冲突 1 条" in dlg.summary.text()
    rows = dlg.model.rows
    assert dlg.count.text() == "共 1 条冲突待决定。"
    by_field = {r[4]: r for r in rows}
    assert by_field["工作岗位"][5:7] == ("县里岗位", "乡镇岗位")
    assert by_field["手机号"][6] == "13900000021"
    assert by_field["工作岗位"][2] == name and by_field["工作岗位"][3] == "两边都改过"
    dlg.view.grab().save(str(tmp_path / "merge.png"))

    # take only the phone: select that row
    row = [k for k, r in enumerate(rows) if r[4] == "手机号"][0]
    dlg.view.selectRow(row)
    dlg.fields_btn.click()
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.job, p.phone) == ("县里岗位", "13900000021")
    assert dlg.count.text() == "没有待决定的冲突。"

    report = dlg.save_report(str(tmp_path / "报告.xlsx"))
    from openpyxl import load_workbook

    cells = [r for r in load_workbook(report)["合并报告"].iter_rows(min_row=4, values_only=True)]
    assert cells[0][1:4] == ("城关.partydesk", "党员与发展对象", "冲突")
    dlg.close()
