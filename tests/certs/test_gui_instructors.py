from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from partydesk.certs import instructors as ins
from partydesk.ledger.models.work import WorkRecord


@pytest.fixture
def ctx(ledger, qapp):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from ui.context import AppContext

    win = QMainWindow()
    c = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
    yield c
    win.close()


def test_instructors_page_shows_units_over_time_duties_assessment_and_uncovered(
    ctx, ledger, staffed, qtbot, qtmodeltester, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from ui.instructors.page import InstructorsPage

    year = date.today().year
    with ledger.session() as s:
        s.add(
            WorkRecord(
                kind="instructor_log",
                year=year,
                seq=1,
                held_at=datetime(year, 1, 20, 9),
                instructor_id=staffed["a"],
            )
        )
    page = InstructorsPage(ctx)
    qtbot.addWidget(page)
    page.year.setValue(year)
    for m in (page.hist, page.duty, page.assess, page.unc):
        qtmodeltester.check(m)

    # units without an instructor today
    names = [r[0] for r in page.unc.rows]
    assert names == ["众诚家政服务中心", "新未来培训学校"]

    # the selected instructor's units over time
    r = page.table.model.row_of(staffed["b"])
    page.table.view.setCurrentIndex(page.table.model.index(r, 0))
    assert [(row[0], row[4]) for row in page.hist.rows] == [
        ("安平快递站", "联系中"),
        ("众诚家政服务中心", "已结束"),
    ]

    # duty cadence: 王建国 has a January log; everything else missing is red
    by_name = {row[0]: row for row in page.duty.rows}
    row = page.duty.rows.index(by_name["王建国"])
    log = page.duty.index(row, 2)
    if date.today() > date(year, 1, 31):
        assert page.duty.data(log).startswith("1/")
        if date.today() > date(year, 2, 28):
            assert page.duty.data(log, Qt.ForegroundRole) is not None
            assert "2月" in page.duty.data(log, Qt.ToolTipRole)

    # assessment: both active instructors unassessed; record one grade through the dialog
    assert {row[0]: row[3] for row in page.assess.rows} == {"王建国": "未考核", "李秀梅": "未考核"}
    page.assess_view.setCurrentIndex(page.assess.index(page.assess.keys.index(staffed["b"]), 0))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("基本称职", True))
    page.set_grade()
    assert {row[0]: row[3] for row in page.assess.rows}["李秀梅"] == "基本称职"
    with ledger.session() as s:
        assert ins.assessments(s, page.assess_year)[staffed["b"]].grade == "basic"


def test_in_english_ended_and_unassessed_rows_are_still_marked_and_counted(
    ctx, ledger, staffed, qtbot, qapp
):
    from PySide6.QtCore import QLocale

    from ui.i18n import install_translations
    from ui.instructors.page import InstructorsPage

    install_translations(qapp, "en")
    try:
        page = InstructorsPage(ctx)
        qtbot.addWidget(page)
        page.year.setValue(date.today().year)
        r = page.table.model.row_of(staffed["b"])
        page.table.view.setCurrentIndex(page.table.model.index(r, 0))
        assert [row[4] for row in page.hist.rows] == ["In contact", "Ended"]
        grey = [page.hist.data(page.hist.index(i, 0), Qt.ForegroundRole) for i in range(2)]
        assert grey[0] is None and grey[1] is not None  # the ended one is greyed
        assert "1" in page.hist_label.text().split("，")[0]  # 现联系 1 个, not 2
        assert {row[0]: row[3] for row in page.assess.rows}["王建国"] == "Not assessed"
        red = page.assess.data(page.assess.index(0, 0), Qt.ForegroundRole)
        assert red is not None
        assert "2" in page.assess_label.text().split("未考核")[1]
    finally:
        install_translations(qapp, "zh_CN")
        QLocale.setDefault(QLocale("zh_CN"))
