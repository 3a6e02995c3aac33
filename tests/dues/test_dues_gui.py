"""The 党费收缴 page: typing amounts in the grid, undo, a pasted block, a whole month in
one step, a correction's reason — read back from the ledger's payments."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from partydesk.ledger.models.dues import DuesPayment
from tests.grid_typing import focus, press

YEAR = date.today().year


@pytest.fixture
def window(qtbot, branch):
    """The branch of conftest, its bases moved into this year so the months can be typed."""
    from sqlalchemy import update

    from partydesk.ledger.models.dues import DuesBase
    from ui.main_window import MainWindow

    ledger, org_id, ids = branch
    with ledger.session() as s:
        s.execute(update(DuesBase).values(start_month=YEAR * 100 + 1))
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    page = w.ctx.pages["ui.dues.page"]
    w.nav.setCurrentRow(list(w.ctx.pages).index("ui.dues.page"))
    page.set_selection(org_id, YEAR)
    return w, page, ledger, org_id, ids


def stored(ledger, person_id):
    with ledger.session() as s:
        return sorted(
            (p.month, p.amount_fen, p.method, p.reverses_id is not None)
            for p in s.scalars(select(DuesPayment).where(DuesPayment.person_id == person_id))
        )


def row_of(model, name):
    return next(i for i, r in enumerate(model.rows) if r.name == name)


def test_model_passes_qtmodeltester(window, qtmodeltester):
    w, page, ledger, org_id, ids = window
    qtmodeltester.check(page.model)


def test_typing_amounts_writes_payments_and_undo_removes_them(window, qtbot):
    w, page, ledger, org_id, ids = window
    view, model = page.view, page.model
    page.method_box.setCurrentIndex(page.method_box.findData("wechat"))
    r = row_of(model, "张伟")
    focus(qtbot, view)
    view.setCurrentIndex(model.index(r, 3))  # January
    press(qtbot, view, ["4", "2", Qt.Key_Tab, "4", "2", ".", "5", Qt.Key_Return])
    jan, feb = YEAR * 100 + 1, YEAR * 100 + 2
    assert stored(ledger, ids["张伟"]) == [
        (jan, 4200, "wechat", False),
        (feb, 4250, "wechat", False),
    ]
    assert model.index(r, 4).data() == "42.50"
    assert model.index(r, 3 + 12 + 1).data() == "84.50"  # 已交
    w.ctx.undo_stack.undo()
    assert stored(ledger, ids["张伟"]) == [(jan, 4200, "wechat", False)]
    assert model.index(r, 4).data() == ""
    w.ctx.undo_stack.redo()
    assert stored(ledger, ids["张伟"])[1] == (feb, 4250, "wechat", False)


def test_a_filled_cell_is_corrected_by_reversal_with_a_reason(window, qtbot):
    w, page, ledger, org_id, ids = window
    model = page.model
    r = row_of(model, "张伟")
    model.setData(model.index(r, 3), "40")
    asked = []
    model.ask_reason = lambda text: asked.append(text) or "录入错误"
    model.setData(model.index(r, 3), "42")
    assert "已登记 40.00 元" in asked[0]
    jan = YEAR * 100 + 1
    assert stored(ledger, ids["张伟"]) == [
        (jan, -4000, "cash", True),
        (jan, 4000, "cash", False),
        (jan, 4200, "cash", False),
    ]
    model.ask_reason = lambda text: None  # cancelled: nothing written
    model.setData(model.index(r, 3), "50")
    assert len(stored(ledger, ids["张伟"])) == 3
    assert "更正需要写明原因" in page.message.text()


def test_pasted_block_and_whole_month(window, qtbot):
    w, page, ledger, org_id, ids = window
    view, model = page.view, page.model
    r = row_of(model, "张伟")
    view.setCurrentIndex(model.index(r, 3))
    # 张伟, 李娜 (admitted in June: nothing due yet), 王芳 — January to March
    view.paste("42\t42\t42\r\n14\t14\t14\r\n90\t90\t90\r\n")
    assert [model.rows[r + i].name for i in range(3)] == ["张伟", "李娜", "王芳"]
    k = [YEAR * 100 + m for m in (1, 2, 3)]
    assert [x[:2] for x in stored(ledger, ids["张伟"])] == [(m, 4200) for m in k]
    assert [x[:2] for x in stored(ledger, ids["王芳"])] == [(m, 9000) for m in k]
    assert stored(ledger, ids["李娜"]) == []
    assert "李娜" in page.message.text() and "无需交纳" in page.message.text()
    w.ctx.undo_stack.undo()  # the paste is one step
    assert stored(ledger, ids["张伟"]) == [] and stored(ledger, ids["王芳"]) == []
    page.month_box.setCurrentIndex(page.month_box.findData(YEAR * 100 + 4))
    page.settle_current_month()
    assert "按应交全部收讫" in page.summary.text()
    with ledger.session() as s:
        april = s.scalars(select(DuesPayment).where(DuesPayment.month == YEAR * 100 + 4)).all()
    names = {
        model.rows[i].person_id
        for i in range(model.rowCount())
        if YEAR * 100 + 4 in model.rows[i].cells
    }
    assert {p.person_id for p in april} == names
    w.ctx.undo_stack.undo()
    with ledger.session() as s:
        assert s.scalars(select(DuesPayment)).all() == []


def test_screenshot(window, tmp_path):
    w, page, ledger, org_id, ids = window
    model = page.model
    model.setData(model.index(row_of(model, "张伟"), 3), "42")
    page.settle_current_month()
    path = tmp_path / "dues.png"
    w.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_base_dialog_and_import_from_the_page(window, tmp_path):
    from openpyxl import Workbook

    from partydesk.dues import bases
    from ui.dues.bases_dialog import BaseDialog

    w, page, ledger, org_id, ids = window
    dlg = BaseDialog(ledger, ids["张伟"], YEAR * 100 + 7, page)
    dlg.amount.setText("5200")
    dlg.save()
    with ledger.session() as s:
        b = bases.base_in(s, ids["张伟"], YEAR * 100 + 7)
        assert (b.start_month, b.base_fen, b.due_fen) == (YEAR * 100 + 7, 520000, 7800)
    wb = Workbook()
    wb.active.append(["姓名", "所在党支部", "工资基数"])
    wb.active.append(["刘洋", "红星科技", 2800])
    wb.active.append(["无此人", "红星科技", 2800])
    f = tmp_path / "基数.xlsx"
    wb.save(f)
    plan = page.import_bases(f, (YEAR + 1) * 100 + 1, ask=False)
    assert len(plan.accepted) == 1 and "第3行" in page.message.text()
    assert "已导入 1 人的工资基数" in page.summary.text()
    with ledger.session() as s:
        assert bases.base_in(s, ids["刘洋"], (YEAR + 1) * 100 + 1).base_fen == 280000


def test_relief_dialog_needs_a_reason(window):
    from partydesk.dues import bases
    from ui.dues.bases_dialog import ReliefDialog

    w, page, ledger, org_id, ids = window
    dlg = ReliefDialog(ledger, ids["周敏"], YEAR * 100 + 5, page)
    dlg.last.setText(f"{YEAR}-07")
    dlg._ok()
    assert "原因" in dlg.error.text()
    dlg.reason.setText("大病住院")
    dlg._ok()
    with ledger.session() as s:
        r = bases.reliefs(s, ids["周敏"])[0]
        assert (r.from_month, r.to_month, r.due_fen, r.reason) == (
            YEAR * 100 + 5,
            YEAR * 100 + 7,
            0,
            "大病住院",
        )


def test_ctrl_p_previews_the_dues_sheet_and_prints_its_text(window, qtbot, tmp_path):
    from tests.preview_check import printed_text

    w, page, ledger, org_id, ids = window
    win = w.print_current()
    text = printed_text(qtbot, win, tmp_path / "dues.pdf")
    assert "党费收缴明细表" in text
    win.close()
