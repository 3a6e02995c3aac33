"""The 积分管理 page: typing counts in the grid, totals and rank, undo, locked periods,
printing, the 积分超市. Totals are read back from the ledger."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from partydesk.ledger.models import Organization, Person
from partydesk.points import entries, market
from partydesk.points.periods import of
from partydesk.points.schemes import find_scheme
from partydesk.points.totals import cards_by_person, compute_cards
from tests.grid_typing import focus, press


@pytest.fixture
def window(qtbot, branch):
    from ui.main_window import MainWindow

    ledger, org_id, people = branch
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    page = w.ctx.pages["ui.points.page"]
    w.nav.setCurrentRow(list(w.ctx.pages).index("ui.points.page"))
    return w, page, ledger, org_id, people


def select(page, ledger, org_id, code):
    with ledger.session() as s:
        sc = find_scheme(s, code)
        sid, kind = sc.id, sc.period
    period = of(date.today(), kind)
    page.set_selection(org_id, sid, period.key)
    return period


def db_cards(ledger, org_id, code, period):
    with ledger.session() as s:
        sc = find_scheme(s, code)
        return cards_by_person(compute_cards(s, sc, s.get(Organization, org_id), period))


def test_grid_model_passes_qtmodeltester(window, qtmodeltester):
    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "candidate")
    assert page.model.rowCount() == 3 and page.model.columnCount() == 1 + 10 + 4
    qtmodeltester.check(page.model)


def test_typing_counts_updates_ledger_totals_and_rank(window, qtbot):
    w, page, ledger, org_id, people = window
    period = select(page, ledger, org_id, "candidate")
    view, model = page.view, page.model
    names = [c.name for c in model.cards]
    assert names == ["王芳", "陈静", "杨帆"]  # roster order: probationary, activist, target
    focus(qtbot, view)
    view.setCurrentIndex(model.index(1, 1))  # 陈静, 参加集中学习 (+2, cap 8)
    press(qtbot, view, ["3", Qt.Key_Tab, "1", Qt.Key_Return])  # 集中学习 3, 思想汇报 1
    cards = db_cards(ledger, org_id, "candidate", period)
    assert cards[people["陈静"]].counted == 60 + 6 + 5
    # the grid shows the new total and rank at once
    total_col = 1 + 10 + 1
    assert model.index(1, total_col).data() == "71"
    assert model.index(1, total_col + 1).data() == "1"
    # Enter moved down a row in the same column (思想汇报), Tab moved right
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 2)
    press(qtbot, view, ["9", Qt.Key_Return])  # 杨帆 思想汇报 ×9: +45 raw, capped at 5
    c = db_cards(ledger, org_id, "candidate", period)[people["杨帆"]]
    assert (c.raw, c.counted) == (105, 65)
    assert model.index(2, total_col - 1).data() == "105"
    assert (
        model.index(1, total_col + 1).data() == "1" and model.index(2, total_col + 1).data() == "2"
    )


def test_tab_wraps_to_the_next_row_and_undo_restores(window, qtbot):
    w, page, ledger, org_id, people = window
    period = select(page, ledger, org_id, "candidate")
    view, model = page.view, page.model
    focus(qtbot, view)
    view.setCurrentIndex(model.index(0, 10))  # 王芳, last item (获得单位或上级表彰 +5)
    press(qtbot, view, ["1", Qt.Key_Tab])
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    assert db_cards(ledger, org_id, "candidate", period)[people["王芳"]].counted == 65
    w.undo_stack.undo()
    assert db_cards(ledger, org_id, "candidate", period)[people["王芳"]].counted == 60
    assert model.index(0, 10).data() == ""
    w.undo_stack.redo()
    assert db_cards(ledger, org_id, "candidate", period)[people["王芳"]].counted == 65


def test_published_period_is_read_only_with_a_notice(window, qtbot):
    w, page, ledger, org_id, people = window
    period = select(page, ledger, org_id, "candidate")
    with ledger.session() as s:
        entries.publish(s, find_scheme(s, "candidate"), s.get(Organization, org_id), period)
    page.refresh()
    assert not page.lock_label.isHidden() and "已锁定" in page.lock_label.text()
    assert not page.model.flags(page.model.index(0, 1)) & Qt.ItemIsEditable
    focus(qtbot, page.view)
    page.view.setCurrentIndex(page.model.index(0, 1))
    press(qtbot, page.view, ["5", Qt.Key_Return])
    assert db_cards(ledger, org_id, "candidate", period)[people["王芳"]].counted == 60
    assert not page.publish_btn.isEnabled() and page.correct_btn.isEnabled()


def test_print_notice_and_cards_from_the_page(window, qtbot, tmp_path):
    from pypdf import PdfReader

    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "member")
    notice, cards_x = tmp_path / "n.pdf", tmp_path / "c.xlsx"
    # One after the other: a file exists while it is still being written, and the status
    # line shows only the last task that finished.
    page.print_sheet("notice", year=True, path=str(notice))
    qtbot.waitUntil(lambda: str(notice) in w.statusBar().currentMessage(), timeout=20000)
    page.print_sheet("cards", path=str(cards_x))
    qtbot.waitUntil(lambda: str(cards_x) in w.statusBar().currentMessage(), timeout=20000)
    assert "已生成" in w.statusBar().currentMessage()
    text = PdfReader(notice).pages[0].extract_text()
    assert f"{date.today().year}年度党员量化积分公示" in text and "刘洋" in text


def test_supermarket_refuses_overdraw_and_redeems(window, qtbot, monkeypatch):
    import ui.points.commands as mod
    import ui.points.market as market_mod

    w, page, ledger, org_id, people = window
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        from partydesk.points.schemes import find_item

        entries.add_entry(
            s, sc, s.get(Person, people["李娜"]), find_item(s, sc, "表彰"), date.today(), 1
        )
        market.add_goods(s, "笔记本", 2, stock=5, unit_label="本")
        market.add_goods(s, "保温杯", 30)
    shown = []
    monkeypatch.setattr(mod, "show_error", lambda parent, exc, tb=None: shown.append(str(exc)))
    monkeypatch.setattr(
        market_mod, "show_error", lambda parent, exc, tb=None: shown.append(str(exc))
    )
    page.refresh()
    tab = page.market
    page.tabs.setCurrentWidget(tab)
    tab.person.setCurrentIndex(tab.person.findData(people["李娜"]))
    assert tab.balance.text().startswith("2 分")
    tab.goods_box.setCurrentIndex(1)  # 保温杯, 30
    tab.redeem()
    assert shown and shown[0].startswith("积分不足") and "还差 28 分" in shown[0]
    tab.goods_box.setCurrentIndex(0)  # 笔记本, 2
    tab.redeem()
    with ledger.session() as s:
        assert market.balance(s, people["李娜"]).available == 0
    assert tab.history.rowCount() == 1 and tab.history.item(0, 2).text() == "笔记本"
    w.undo_stack.undo()
    with ledger.session() as s:
        assert market.balance(s, people["李娜"]).available == 2


def test_propose_from_a_meeting_review_untick_save_undo(window, qtbot, monkeypatch):
    from datetime import datetime

    import ui.points.attendance_dialog as mod
    from partydesk.ledger.models.work import Attendance, WorkRecord

    w, page, ledger, org_id, people = window
    today = date.today()
    with ledger.session() as s:
        rec = WorkRecord(
            org_id=org_id,
            kind="theme_day",
            year=today.year,
            seq=1,
            held_at=datetime(today.year, today.month, 1, 9, 0),
        )
        s.add(rec)
        s.flush()
        for who in ("张伟", "李娜", "刘洋"):
            s.add(Attendance(record_id=rec.id, person_id=people[who], status="present"))
    period = select(page, ledger, org_id, "member")
    seen = {}

    def review(dlg):
        seen["item"] = dlg.item.currentText()
        seen["rows"] = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())]
        dlg.table.item(2, 0).setCheckState(Qt.Unchecked)  # not 刘洋
        return QDialog.Accepted

    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(mod.AttendanceDialog, "exec", review)
    page.propose_from_meeting()
    assert seen["item"].startswith("参加主题党日活动") and seen["rows"] == ["张伟", "李娜", "刘洋"]
    cards = db_cards(ledger, org_id, "member", period)
    assert [cards[people[n]].counted for n in ("张伟", "李娜", "刘洋")] == [61, 61, 60]
    w.undo_stack.undo()
    cards = db_cards(ledger, org_id, "member", period)
    assert cards[people["张伟"]].counted == 60


def test_scheme_dialog_edits_caps_and_bands(window, qtbot, monkeypatch):
    import ui.points.scheme_dialog as mod

    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "candidate")
    dlg = mod.SchemeDialog(page, page.scheme_box.currentData())
    qtbot.addWidget(dlg)
    assert dlg.items.rowCount() == 10 and dlg.bands.rowCount() == 2
    dlg.items.item(0, 3).setText("4")  # 参加集中学习: cap 8 → 4
    dlg.base.setValue(70)
    dlg._add_band_row(60, "继续培养", None)
    dlg.save()
    assert dlg.result() == mod.QDialog.Accepted
    with ledger.session() as s:
        sc = find_scheme(s, "candidate")
        assert sc.items[0].cap == 4 and sc.base_points == 70
        assert [b.label for b in sc.bands] == ["继续培养", "重点培养", "优先发展"]
    shown = []
    monkeypatch.setattr(mod, "show_error", lambda parent, exc, tb=None: shown.append(str(exc)))
    dlg2 = mod.SchemeDialog(page, page.scheme_box.currentData())
    qtbot.addWidget(dlg2)
    dlg2.items.item(1, 2).setText("五")
    dlg2.save()
    assert shown == ["第 2 行的每次分值应为数字：五"]


def test_publish_from_the_page_locks_the_grid(window, monkeypatch):
    import ui.points.page as mod

    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "member")
    asked = []
    monkeypatch.setattr(mod, "confirm", lambda parent, title, text, yes: asked.append(text) or True)
    page.publish()
    assert asked and "锁定" in asked[0]
    assert not page.lock_label.isHidden()
    assert not page.model.flags(page.model.index(0, 1)) & Qt.ItemIsEditable
    assert page.correct_btn.isEnabled() and not page.propose_btn.isEnabled()


def test_correction_in_a_locked_period_adds_reversing_entries(window, monkeypatch):
    import ui.points.correction_dialog as mod
    from partydesk.points.schemes import find_item

    w, page, ledger, org_id, people = window
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        entries.add_entry(
            s, sc, s.get(Person, people["张伟"]), find_item(s, sc, "三会一课"), date.today(), 2
        )
    period = select(page, ledger, org_id, "member")
    with ledger.session() as s:
        entries.publish(s, find_scheme(s, "member"), s.get(Organization, org_id), period)
    page.refresh()

    def fill(dlg):
        dlg.count.setValue(1)
        dlg.reason.setText("只参加了一次")
        return mod.QDialog.Accepted

    monkeypatch.setattr(mod.CorrectionDialog, "exec", fill)
    page.view.setCurrentIndex(page.model.index(0, 1))  # 张伟, 三会一课
    page.correct()
    assert db_cards(ledger, org_id, "member", period)[people["张伟"]].counted == 61
    assert page.model.index(0, 1).data() == "1"
    with ledger.session() as s:
        notes = [e.note for e in s.scalars(select_entries()).all()]
    assert notes[1:] == ["冲正：只参加了一次", "更正：只参加了一次"]


def select_entries():
    from sqlalchemy import select as sql_select

    from partydesk.ledger.models.points import PointsEntry

    return sql_select(PointsEntry).order_by(PointsEntry.id)


def test_rank_stays_visible_when_switching_schemes(window):
    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "member")  # monthly grid of a yearly-rated scheme: no band
    last = page.model.columnCount() - 1
    assert page.view.isColumnHidden(last) and not page.view.isColumnHidden(last - 1)
    select(page, ledger, org_id, "candidate")
    last = page.model.columnCount() - 1
    assert page.model.headerData(last - 1, Qt.Horizontal) == "排名"
    assert not any(page.view.isColumnHidden(c) for c in range(last + 1))


def test_ctrl_p_previews_the_notice_and_prints_its_text(window, qtbot, tmp_path):
    from tests.preview_check import printed_text

    w, page, ledger, org_id, people = window
    select(page, ledger, org_id, "member")
    win = w.print_current()
    text = printed_text(qtbot, win, tmp_path / "notice.pdf")
    assert "积分公示" in text and "刘洋" in text
    win.close()
