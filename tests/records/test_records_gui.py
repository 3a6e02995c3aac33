from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from partydesk.records import WorkRecord
from partydesk.records import service as svc


@pytest.fixture
def page(qapp, qtbot, branch):
    from ui.main_window import MainWindow

    ledger, oid = branch
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    p = win.ctx.pages["ui.records.page"]
    p.year.setValue(2026)
    p.set_org(oid)
    yield p, ledger, oid
    p.pdf_doc.close()


def _save(qtbot, dlg):
    ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    qtbot.mouseClick(ok, Qt.LeftButton)


def test_models_pass_modeltester(page, qtmodeltester):
    p, *_ = page
    assert p.model.rowCount() > 40
    qtmodeltester.check(p.model)
    from ui.records.attendance import AttendanceModel

    m = AttendanceModel([(1, "张三"), (2, "李四")], with_ratings=True)
    m.load(
        [
            {"person_id": 1, "status": "present"},
            {"person_id": 2, "status": "absent", "reason": "病假"},
        ]
    )
    qtmodeltester.check(m)
    assert m.index(1, 2).data() == "病假"


def test_create_record_in_the_page_and_read_it_back(page, qtbot):
    p, ledger, oid = page
    before = p.model.rowCount()
    dlg = p.new_record("committee_meeting")
    qtbot.waitExposed(dlg)
    dlg.held.setDateTime(dlg.held.dateTime().fromString("2026-11-03 09:30", "yyyy-MM-dd HH:mm"))
    dlg.lines["place"].clear()
    qtbot.keyClicks(dlg.lines["place"], "Room 301")
    dlg.texts["topics"].setPlainText("研究十一月主题党日安排")
    m = dlg.model
    absent_name = m.rows[1][1]
    m.setData(m.index(1, 1), Qt.Unchecked.value, Qt.CheckStateRole)
    assert m.flags(m.index(1, 2)) & Qt.ItemIsEditable
    m.setData(m.index(1, 2), "出差", Qt.EditRole)
    dlg.observers.setText("街道党建指导员")
    assert "实到 11 人" in dlg.count_label.text()
    _save(qtbot, dlg)
    qtbot.waitUntil(lambda: p.model.rowCount() == before + 1)
    with ledger.Session() as s:
        rec = s.scalar(select(WorkRecord).where(WorkRecord.place == "Room 301"))
        assert rec.kind == "committee_meeting" and rec.org_id == oid
        assert rec.held_at == datetime(2026, 11, 3, 9, 30)
        assert rec.topics == "研究十一月主题党日安排"
        absent = [a for a in rec.attendance if a.status == "absent"]
        assert [a.reason for a in absent] == ["出差"]
        assert svc.counts(rec).expected == 12
        assert [a.name_text for a in rec.attendance if a.status == "observer"] == ["街道党建指导员"]
        from partydesk.ledger.models import Person

        assert s.get(Person, absent[0].person_id).name == absent_name
        uid = rec.uuid
    texts = [p.model.index(r, 7).data() for r in range(p.model.rowCount())]
    assert "研究十一月主题党日安排" in texts
    # undo removes it, redo brings it back with the same identity
    p.ctx.undo_stack.undo()
    with ledger.Session() as s:
        assert svc.find_by_uuid(s, uid) is None
    assert p.model.rowCount() == before
    p.ctx.undo_stack.redo()
    with ledger.Session() as s:
        assert svc.find_by_uuid(s, uid).place == "Room 301"


def test_copy_from_last_prefills_and_edit_goes_through_undo(page, qtbot):
    p, ledger, oid = page
    dlg = p.new_from_last("theme_day")
    assert dlg.lines["place"].text()  # copied from the last theme day
    assert dlg.texts["topics"].toPlainText() == ""
    dlg.reject()
    p.table.selectRow(0)
    rid = p.selected_id()
    dlg = p.edit_selected()
    dlg.lines["host"].setText("新主持人")
    _save(qtbot, dlg)
    with ledger.Session() as s:
        assert s.get(WorkRecord, rid).host == "新主持人"
    p.ctx.undo_stack.undo()
    with ledger.Session() as s:
        assert s.get(WorkRecord, rid).host != "新主持人"


def test_cadence_marks_missing(page, qtbot):
    p, ledger, oid = page
    with ledger.session() as s:
        for r in svc.list_records(s, oid, 2026, "theme_day")[:2]:
            svc.delete_record(s, r.id)
    p.reload()
    rows = {
        p.cadence.item(i, 0).text(): p.cadence.item(i, 4).text()
        for i in range(p.cadence.rowCount())
    }
    assert rows["主题党日"].startswith("缺：1月、2月")
    assert "有缺" in p.cadence_title.text()


def test_delete_with_undo(page):
    p, ledger, _oid = page
    p.table.selectRow(0)
    rid = p.selected_id()
    p.delete_selected(confirm=False)
    with ledger.Session() as s:
        assert s.get(WorkRecord, rid) is None
    p.ctx.undo_stack.undo()
    assert p.model.rowCount() > 40


def test_preview_print_and_save(page, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    p, *_ = page
    p.build_preview()
    qtbot.waitUntil(lambda: p.pdf_doc.pageCount() > 5, timeout=60000)
    assert p.print_btn.isEnabled()
    assert "共" in p.book_info.text()
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(1, 3)
    p.render_to(printer)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 3
    # the PDF's own pages, not pictures of them: the text is still there
    assert "支部委员会" in printed.pages[0].extract_text()
    out = tmp_path / "saved.pdf"
    p.save_pdf(str(out))
    qtbot.waitUntil(out.exists, timeout=60000)
    assert "支部委员会" in PdfReader(out).pages[0].extract_text()


def test_book_preview_window_prints_the_book_with_its_text(page, qtbot, tmp_path):
    from tests.preview_check import printed_text

    p, *_ = page
    p.build_preview()
    qtbot.waitUntil(lambda: p.pdf_doc.pageCount() > 5, timeout=60000)
    win = p.print_current()
    text = printed_text(qtbot, win, tmp_path / "book.pdf")
    assert "工作纪实" in text and "支部委员会" in text
    win.close()
