from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from partydesk.certs import registry
from tests.preview_check import printed_text


@pytest.fixture
def ctx(ledger, qapp):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from ui.context import AppContext

    win = QMainWindow()
    c = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
    yield c
    win.close()


def _issue(ledger, *names, on=None):
    with ledger.session() as s:
        certs = registry.issue(
            s, "instructor", [registry.Holder(n) for n in names], issued_on=on or date.today()
        )
        return [c.serial for c in certs], registry.certificate_check(s, certs[0])


def test_verify_dialog_accepts_serial_or_qr_text_and_shows_the_verdict(ctx, ledger, qtbot):
    from ui.certs.verify_dialog import VerifyDialog

    (serial, other), check = _issue(ledger, "王建国", "李秀梅")
    with ledger.session() as s:
        registry.revoke(s, other, "调离岗位", date.today())
    dlg = VerifyDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()

    qtbot.keyClicks(dlg.input, f"PDCERT|{serial}|{check}")
    qtbot.keyClick(dlg.input, Qt.Key_Return)
    assert dlg.verdict.state == "valid"
    assert "有效" in dlg.result.text() and "王建国" in dlg.result.text()

    dlg.input.clear()
    qtbot.keyClicks(dlg.input, other)
    qtbot.mouseClick(dlg.button, Qt.LeftButton)
    assert dlg.verdict.state == "revoked"
    assert "调离岗位" in dlg.result.text() and dlg.result.text().startswith("✘")

    dlg.input.clear()
    qtbot.keyClicks(dlg.input, serial)
    qtbot.keyClicks(dlg.check, "AAAA-BBBB")
    qtbot.keyClick(dlg.input, Qt.Key_Return)
    assert dlg.verdict.state == "forged" and "校验码不符" in dlg.result.text()

    dlg.input.clear()
    dlg.check.clear()
    qtbot.keyClicks(dlg.input, "PDCERT|broken")
    qtbot.keyClick(dlg.input, Qt.Key_Return)
    assert dlg.verdict is None and "不完整" in dlg.result.text()


def test_registry_page_filters_revokes_reissues_and_prints_off_thread(
    ctx, ledger, qtbot, qtmodeltester, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ui.certs.page import CertsPage

    (a, b, c), _ = _issue(ledger, "王建国", "李秀梅", "孙丽")
    page = CertsPage(ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 3

    page.search.setText("李秀")
    page.reload()
    assert page.model.keys == [b]
    page.search.clear()
    page.reload()

    page.select(b)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("证书信息有误", True))
    page.revoke()
    row = page.model.keys.index(b)
    assert page.model.data(page.model.index(row, 6)) == "已撤销：证书信息有误"
    assert page.model.data(page.model.index(row, 0), Qt.ForegroundRole).name() == "#b00020"

    page.select(a)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    page.reissue()
    assert len(page.model.keys) == 4
    new = page.selected_serials()[0]
    assert new not in (a, b, c)
    assert page.model.data(page.model.index(page.model.keys.index(a), 6)) == f"已换发 → {new}"

    page.status_box.setCurrentIndex(page.status_box.findData("valid"))
    assert sorted(page.model.keys) == sorted([c, new])

    # the valid ones, written off the UI thread into the preview window, saved from there
    page.view.selectAll()
    win = page.print_current()
    qtbot.waitUntil(lambda: win.pages == 2, timeout=30000)
    out = win.save_pdf(str(tmp_path / "year.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "孙丽" in text and new in text and "李秀梅" not in text
    assert page.model.data(page.model.index(page.model.keys.index(c), 7)) == "1"
    win.close()


def test_qualifications_tab_awards_reviews_and_withdraws(
    ctx, ledger, qtbot, qtmodeltester, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from partydesk.certs import qualifications
    from ui.certs.page import CertsPage

    with ledger.session() as s:
        qualifications.award(s, "初级", date(2024, 12, 1), name="孙丽")
    page = CertsPage(ctx)
    qtbot.addWidget(page)
    panel = page.quals
    qtmodeltester.check(panel.model)
    assert [r[:2] for r in panel.model.rows] == [("孙丽", "初级")]
    # review due 2026-12-01: within 60 days of today or not, it is shown in red only then
    panel.view.selectRow(0)
    answers = iter([("中级", True), ("考核优秀", True)])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(answers))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    panel.review()
    assert panel.model.rows[0][1] == "中级"
    assert [r[1] for r in panel.events.rows] == ["认定", "晋级"]
    assert panel.events.rows[-1][4] == "考核优秀"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("调离党务工作岗位", True))
    panel.withdraw()
    assert panel.model.rows == []
    panel.show_all.setChecked(True)
    assert panel.model.rows[0][4] == "已撤销"


def test_issue_dialog_previews_the_wording_and_batch_issue_from_the_page(
    ctx, ledger, staffed, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ui.certs.issue_dialog import IssueDialog
    from ui.certs.page import CertsPage

    dlg = IssueDialog(ctx)
    qtbot.addWidget(dlg)
    names = [dlg.holder.itemText(i) for i in range(dlg.holder.count())]
    assert names == ["李秀梅（区住建局）", "王建国（区发改局）"]  # active instructors only
    dlg.holder.setCurrentIndex(1)
    assert dlg.preview.toPlainText().startswith(
        "兹聘请 王建国 同志为两新组织党建指导员，负责联系指导鲁信物流有限公司"
    )
    dlg.kind.setCurrentIndex(dlg.kind.findData("party_affairs"))
    assert dlg.holder.count() == 0  # nobody holds 红领党务 yet

    page = CertsPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("党建指导员聘书", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    page.issue_batch()
    assert sorted(r[1] for r in page.model.rows) == ["李秀梅", "王建国"]
    assert "已颁发 2 张" in ctx.window.statusBar().currentMessage()


def test_certificates_preview_and_count_as_printed_only_when_printed(ctx, ledger, qtbot, tmp_path):
    from ui.certs.page import CertsPage

    (a, b), _ = _issue(ledger, "王建国", "李秀梅")
    page = CertsPage(ctx)
    qtbot.addWidget(page)
    page.select(a)
    win = page.print_current()
    qtbot.waitUntil(lambda: win.pages > 0, timeout=30000)
    with ledger.session() as s:
        assert registry.get(s, a).printed_count == 0  # only looked at so far
    text = printed_text(qtbot, win, tmp_path / "cert.pdf")
    assert "王建国" in text and "李秀梅" not in text
    with ledger.session() as s:
        assert registry.get(s, a).printed_count == 1
    win.close()


def test_print_dialog_offers_new_since_and_batches_and_prints_a_draft(
    ctx, ledger, qtbot, tmp_path, monkeypatch
):

    from ui.certs.page import CertsPage
    from ui.certs.print_dialog import PrintDialog

    first, _ = _issue(ledger, "王建国", "李秀梅", on=date(2026, 3, 1))
    second, _ = _issue(ledger, "孙丽", on=date(2026, 6, 1))
    page = CertsPage(ctx)
    qtbot.addWidget(page)
    dlg = PrintDialog(ctx, [], 2026, None)
    qtbot.addWidget(dlg)
    assert not dlg.options["selected"].isEnabled()
    assert dlg.count.text() == "将打印 3 张。"  # the year's valid certificates
    dlg.options["new"].setChecked(True)
    assert dlg.serials == sorted(first + second)
    dlg.since.setDate(dlg.since.date().fromString("2026-05-01", "yyyy-MM-dd"))
    assert dlg.options["since"].isChecked() and dlg.serials == second
    batches = [dlg.batch.itemText(i) for i in range(dlg.batch.count())]
    assert batches[0].startswith("第2批　2026-06-01　党建指导员聘书　1 张")
    dlg.batch.setCurrentIndex(1)  # the first batch
    assert dlg.options["batch"].isChecked() and dlg.serials == first
    dlg.show()
    dlg.grab().save(str(tmp_path / "print_dialog.png"))

    # 样稿… from the page: the same dialog with 样稿 ticked, then the preview window
    monkeypatch.setattr(PrintDialog, "exec", lambda self: True)
    win = page.print_chosen(draft=True)
    assert page.print_dialog.draft.isChecked()
    text = printed_text(qtbot, win, tmp_path / "draft.pdf")
    assert win.pages == 3 and "样稿" in text and "孙丽" in text
    assert "样稿" in ctx.window.statusBar().currentMessage()
    with ledger.session() as s:  # a draft is not counted as printed, even when printed
        assert {registry.get(s, x).printed_count for x in first + second} == {0}
    win.close()


def _year_preview(ctx, ledger, qtbot, monkeypatch):
    """本年度 chosen in the certificates' 打印 dialog, as a clerk would: the preview window."""
    from ui.certs.page import CertsPage
    from ui.certs.print_dialog import PrintDialog

    names = ["王建国", "李秀梅", "孙丽"]
    serials, _ = _issue(ledger, *names)
    page = CertsPage(ctx)
    qtbot.addWidget(page)

    def choose_year(dlg):
        dlg.options["year"].setChecked(True)
        return True

    monkeypatch.setattr(PrintDialog, "exec", choose_year)
    win = page.print_chosen()
    assert win is not None and win.objectName() == "printPreview"
    qtbot.waitUntil(lambda: win.pages == 3, timeout=30000)
    return page, win, serials, names


def test_the_print_dialog_opens_the_preview_and_printing_counts(
    ctx, ledger, qtbot, tmp_path, monkeypatch
):
    page, win, serials, names = _year_preview(ctx, ledger, qtbot, monkeypatch)
    assert win.thumbs.count() == 3
    with ledger.session() as s:  # only looked at so far
        assert {registry.get(s, x).printed_count for x in serials} == {0}
    text = printed_text(qtbot, win, tmp_path / "printed.pdf")
    assert all(n in text for n in names)
    with ledger.session() as s:
        assert {registry.get(s, x).printed_count for x in serials} == {1}
    assert {page.model.index(r, 7).data() for r in range(3)} == {"1"}
    win.close()


def test_cancelling_or_closing_the_preview_prints_nothing(ctx, ledger, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    page, win, serials, _names = _year_preview(ctx, ledger, qtbot, monkeypatch)
    # 打印… and then 取消 in Qt's print dialog: nothing sent, nothing counted
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.Rejected)
    win.print_document()
    with ledger.session() as s:
        assert {registry.get(s, x).printed_count for x in serials} == {0}
    win.close()
    with ledger.session() as s:
        assert {registry.get(s, x).printed_count for x in serials} == {0}
    assert {page.model.index(r, 7).data() for r in range(3)} == {"0"}


def test_cancelling_the_print_dialog_opens_no_preview(ctx, ledger, qtbot, monkeypatch):
    from ui.certs.page import CertsPage
    from ui.certs.print_dialog import PrintDialog

    _issue(ledger, "王建国")
    page = CertsPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(PrintDialog, "exec", lambda self: False)
    assert page.print_chosen() is None
