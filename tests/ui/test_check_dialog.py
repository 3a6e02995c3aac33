"""工具 → 账本检查: the findings of `partydesk check`, grouped, opening their records."""

from __future__ import annotations

from partydesk.ledger.models import Person
from ui.check import dialog as check_dialog


def test_check_lists_findings_and_opens_the_person(main_window, qtbot, ledger, sample_ids):
    with ledger.session() as s:
        p = s.get(Person, sample_ids["王芳"])
        p.phone = "1381234"  # too short
    assert main_window.check_action.isEnabled()
    assert main_window.check_action in main_window.tools_menu.actions()
    dlg = check_dialog.open_check(main_window)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    titles = {
        dlg.tree.topLevelItem(i).text(0): dlg.tree.topLevelItem(i)
        for i in range(dlg.tree.topLevelItemCount())
    }
    assert "手机号无效" in titles and "共发现" in dlg.summary.text()
    group = titles["手机号无效"]
    assert group.text(1) == "1" and group.child(0).text(0).startswith("王芳")
    assert dlg.open_item(group.child(0))
    page = main_window.current_page()
    assert page is main_window.page("ui.people.page")
    assert page.model.text(page.view.currentIndex().row(), 0) == "王芳"
    dlg.close()


def test_check_of_a_clean_ledger_says_so(qapp, qtbot, ledger):
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    qtbot.addWidget(win)
    dlg = check_dialog.open_check(win)
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=10000)
    assert dlg.summary.text() == "检查完毕，没有发现问题。" and dlg.tree.topLevelItemCount() == 0
    dlg.close()
