"""The 发展党员 page: a step recorded in the window (the next one offered), a step out of
order refused in the dialog with the core's reason, undo takes the step and its dates back."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from partydesk.develop.service import progress
from partydesk.ledger.models import Person


@pytest.fixture
def page(qapp, qtbot, branch):
    from ui.main_window import MainWindow

    ledger, ids = branch
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    p = w.ctx.pages["ui.develop.page"]
    p.set_org(ids["org"])
    yield w, p, ledger, ids
    w.undo_stack.clear()
    w.ctx.pages["ui.records.page"].pdf_doc.close()


def _ok(qtbot, dlg):
    qtbot.mouseClick(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_record_refuse_and_undo(page, qtbot, tmp_path):
    w, p, ledger, ids = page
    names = [p.people.rows[i][0] for i in range(p.people.rowCount())]
    assert names == ["王芳", "陈静"]  # the branch's 预备党员 and applicant
    p.people_view.selectRow(names.index("陈静"))
    # an 入党申请人 has applied: the category stands for step 1 until it is recorded
    assert p.next_label.text() == "下一步：第2步“党组织派人谈话”"
    dlg = p.record_step()
    qtbot.waitExposed(dlg)
    assert dlg.step.currentData() == 2  # the next step is offered
    dlg.step.setCurrentIndex(dlg.step.findData(1))
    dlg.on.setDate(QDate(2026, 3, 1))
    dlg.document.setText("入党申请书")
    _ok(qtbot, dlg)
    with ledger.session() as s:
        pz = s.get(Person, ids["陈静"])
        assert pz.applied_on == date(2026, 3, 1)
        assert progress(s, pz.id).recorded == 1
    assert p.steps.rows[0][:3] == ["1", "递交入党申请书", "2026-03-01"]
    # step 3 before step 2: refused, the dialog stays with the reason
    dlg = p.record_step()
    dlg.step.setCurrentIndex(dlg.step.findData(3))
    dlg.on.setDate(QDate(2026, 3, 20))
    _ok(qtbot, dlg)
    assert dlg.isVisible()
    assert "第3步“推荐和确定入党积极分子”不能先于第2步“党组织派人谈话”" in dlg.error.text()
    dlg.reject()
    # undo takes the step and the application date back
    w.undo_stack.undo()
    with ledger.session() as s:
        assert s.get(Person, ids["陈静"]).applied_on is None
        assert progress(s, ids["陈静"]).recorded == 0
    out = tmp_path / "纪实表.pdf"
    p.print_to(str(out), [ids["陈静"]])
    assert out.stat().st_size > 1000


def test_sheet_preview_prints_the_candidate(page, qtbot, tmp_path):
    from tests.preview_check import printed_text

    w, p, ledger, ids = page
    names = [p.people.rows[i][0] for i in range(p.people.rowCount())]
    p.people_view.selectRow(names.index("陈静"))
    win = p.print_current()
    text = printed_text(qtbot, win, tmp_path / "sheet.pdf")
    assert "发展党员纪实表" in text and "陈静" in text
    win.close()
