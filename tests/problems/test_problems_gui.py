"""In the window: a visit entered in the record editor with its instructor and units counts
for the instructor's duties; a visit's two problems, one closed (销号) on the 问题清单 page,
leave one open problem there (overdue in red), on the dashboard and in 待办; undo reopens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from partydesk.certs.instructors import duty_status
from partydesk.records import RecordKind, WorkRecord, visits
from partydesk.records import service as svc


@pytest.fixture
def win(qapp, qtbot, branch):
    from ui.main_window import MainWindow

    ledger, ids = branch
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    yield w, ledger, ids
    w.undo_stack.clear()
    rec = w.ctx.pages.get("ui.records.page")
    if rec is not None:
        rec.pdf_doc.close()


def _ok(qtbot, dlg):
    qtbot.mouseClick(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_visit_entered_in_the_window_counts_for_its_instructor(win, qtbot):
    w, ledger, ids = win
    page = w.ctx.pages["ui.records.page"]
    page.year.setValue(2026)
    page.set_org(ids["org"])
    dlg = page.new_record(RecordKind.VISIT.value)
    qtbot.waitExposed(dlg)
    dlg.held.setDateTime(QDateTime.fromString("2026-06-03 09:30", "yyyy-MM-dd HH:mm"))
    dlg.instructor.setCurrentIndex(dlg.instructor.findData(ids["instructor"]))
    dlg.units.setText("星光科技有限公司、明月物流有限公司")
    dlg.texts["people_met"].setPlainText("总经理 李明")
    _ok(qtbot, dlg)
    with ledger.session() as s:
        rec = s.scalar(select(WorkRecord).where(WorkRecord.kind == "visit"))
        assert rec.instructor_id == ids["instructor"]
        assert visits.unit_names(s, [rec.id])[rec.id] == ["星光科技有限公司", "明月物流有限公司"]
        (d,) = duty_status(s, 2026, date(2026, 7, 10), [ids["instructor"]])
        contact = next(x for x in d.duties if x.key == "contact")
        assert "6月上半月" not in contact.missing and "6月下半月" in contact.missing
    # undo removes the visit and its units; redo brings both back
    w.undo_stack.undo()
    with ledger.session() as s:
        assert s.scalar(select(WorkRecord).where(WorkRecord.kind == "visit")) is None
    w.undo_stack.redo()
    with ledger.session() as s:
        rec = s.scalar(select(WorkRecord).where(WorkRecord.kind == "visit"))
        assert visits.unit_names(s, [rec.id])[rec.id] == ["星光科技有限公司", "明月物流有限公司"]


def test_unknown_unit_is_refused_in_the_editor(win, qtbot):
    w, ledger, ids = win
    page = w.ctx.pages["ui.records.page"]
    page.set_org(ids["org"])
    dlg = page.new_record(RecordKind.VISIT.value)
    dlg.instructor.setCurrentIndex(dlg.instructor.findData(ids["instructor"]))
    dlg.units.setText("没有这家公司")
    _ok(qtbot, dlg)
    assert dlg.isVisible() and "找不到单位“没有这家公司”" in dlg.error.text()
    dlg.reject()


def test_problem_closed_in_the_window(win, qtbot, tmp_path):
    w, ledger, ids = win
    today = date.today()
    with ledger.session() as s:
        v = svc.create_record(
            s,
            "走访",
            instructor_id=ids["instructor"],
            held_at=datetime.combine(today - timedelta(days=40), datetime.min.time()),
        )
        visits.set_units(s, v.id, [ids["unit"]])
        visits.raise_problems(
            s,
            v.id,
            [{"text": "党员活动室被占作仓库", "responsible": "李明"}, {"text": "流动党员未转入"}],
        )
    page = w.ctx.pages["ui.problems.page"]
    page.reload()
    assert page.model.rowCount() == 2
    # both overdue (30 days after the visit): red
    assert page.model.index(0, 3).data(Qt.ForegroundRole).color().name() == "#b00020"
    row = next(i for i in range(2) if page.model.row(i).text == "党员活动室被占作仓库")
    page.view.selectRow(row)
    dlg = page.close_selected("solved")
    qtbot.waitExposed(dlg)
    _ok(qtbot, dlg)  # no "how": refused with the reason
    assert dlg.isVisible() and "须写明如何解决" in dlg.error.text()
    dlg.how.setPlainText("腾出活动室")
    _ok(qtbot, dlg)
    assert [page.model.row(i).text for i in range(page.model.rowCount())] == ["流动党员未转入"]
    assert "未销号 1 个，其中逾期 1 个；已解决 1 个" in page.count.text()
    # 待办 and the dashboard
    dash = w.ctx.pages["ui.dashboard.page"]
    qtbot.waitUntil(lambda: dash.data is not None, timeout=20000)
    dash.refresh()
    qtbot.waitUntil(lambda: dash._loading is None, timeout=20000)
    card = dash.cards["open_problems"]
    assert card.value_label.text() == "1" and card.title_label.text() == "未销号问题（逾期1）"
    texts = [r.text for r in dash.data.reminders if r.kind == "problem"]
    assert texts == ["星光科技有限公司：问题“流动党员未转入”待销号"]
    assert "问题待销号 1（逾期1）" in dash.rem_kinds.text()
    # undo reopens the closed one
    w.undo_stack.undo()
    assert page.model.rowCount() == 2
    out = tmp_path / "问题清单.xlsx"
    page.export_to(str(out))
    qtbot.waitUntil(out.exists, timeout=10000)
