"""The safety parts of the window: 操作日志 page, 备份与恢复 dialog, read-only banner,
restore offer for a damaged ledger, the start password."""

from __future__ import annotations

import json
import os
import time

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox

from partydesk import applock, backup
from partydesk.ledger import lock as locking
from partydesk.ledger.models import Person, Unit
from ui.safety import backup_dialog, menu, opening, password

SHOTS = os.environ.get("PARTYDESK_SHOTS")  # folder to save screenshots to, when set


@pytest.fixture
def window(qtbot, ledger):
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    qtbot.addWidget(win)
    menu.install(win)
    return win


def _fill(ledger):
    ledger.operator = "王干事"
    with ledger.session() as s:
        s.add(Unit(name="红星物流有限公司"))
        s.add_all(Person(name=f"党员{i}", phone="13800000000") for i in range(5))
    ledger.operator = "李会计"
    with ledger.session() as s:
        p = s.query(Person).filter_by(name="党员1").one()
        p.phone = "13911112222"


def test_audit_page_filters_and_exports(window, ledger, qtbot, qtmodeltester, tmp_path):
    _fill(ledger)
    page = window.ctx.pages["ui.audit.page"]
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 7
    assert page.model.index(0, 1).data() == "李会计"  # newest first
    assert page.model.index(0, 2).data() == "修改"
    page.table_box.setCurrentIndex(page.table_box.findText("两新组织"))
    page.apply_filter()
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "红星物流有限公司"
    assert "共 1 条" in page.count_label.text()
    page.table_box.setCurrentIndex(0)
    page.who_box.setCurrentIndex(page.who_box.findText("李会计"))
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    assert "手机号：13800000000 → 13911112222" in page.details.toPlainText()
    qtmodeltester.check(page.model)
    out = tmp_path / "log.xlsx"
    page.export_to(str(out))
    qtbot.waitUntil(out.exists, timeout=10000)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "李会计"
    if SHOTS:
        page.who_box.setCurrentIndex(0)
        page.apply_filter()
        page.view.selectRow(1)
        window.nav.setCurrentRow(window.stack.indexOf(page))
        window.show()
        qtbot.waitExposed(window)
        window.grab().save(os.path.join(SHOTS, "audit_page.png"))


@pytest.mark.sqlite_only(
    "restores in place: a server ledger refuses that, in words (tests/safety/test_server_backup.py)"
)
def test_backup_dialog_lists_backs_up_and_restores(window, ledger, qtbot, qtmodeltester, tmp_path):
    _fill(ledger)
    backup.make_backup(ledger, "open")
    dlg = backup_dialog.BackupDialog(window)
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.model)
    assert dlg.model.rowCount() == 1
    assert [dlg.model.index(0, c).data() for c in range(1, 6)] == ["每日自动", "5", "0", "1", "6"]
    with ledger.session() as s:
        s.query(Person).delete()
    time.sleep(1.05)  # a new second, so the new backup sorts first by its name
    dlg.backup_now()
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 2, timeout=10000)
    assert dlg.model.index(0, 1).data() == "手动" and dlg.model.index(0, 2).data() == "0"
    if SHOTS:
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.grab().save(os.path.join(SHOTS, "backup_dialog.png"))
    dlg.view.selectRow(1)  # the daily one, with 5 people
    assert dlg.restore_selected(confirm=False)
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 3, timeout=10000)
    with ledger.session() as s:
        assert s.query(Person).count() == 5
    assert dlg.model.index(0, 1).data() == "恢复前"
    # A USB folder chosen in the dialog is used from then on.
    usb = tmp_path / "U盘"
    dlg.set_folder(str(usb))
    assert dlg.folder_label.text() == str(usb.resolve()) and dlg.model.rowCount() == 0
    qtmodeltester.check(dlg.model)


def test_backup_menu_entry(window):
    acts = [a.text() for a in window.file_menu.actions()]
    assert "备份与恢复(&B)…" in acts and acts.index("备份与恢复(&B)…") < acts.index("退出(&X)")


def test_read_only_window_says_so(qtbot, ledger, monkeypatch):
    from ui.main_window import MainWindow

    path = ledger.path
    ledger.close()
    now = time.time()
    locking.lock_path_for(path).write_text(
        json.dumps(
            {
                "pid": 1,
                "host": "办公室电脑",
                "user": "张会计",
                "token": "t",
                "started": now,
                "heartbeat": now,
            }
        ),
        encoding="utf-8",
    )
    told = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, title, text: told.append((title, text))
    )
    lg = opening.open_for_gui(path)
    try:
        assert lg.readonly and told and "办公室电脑" in told[0][1]
        win = MainWindow(lg)
        qtbot.addWidget(win)
        menu.install(win)
        assert win.windowTitle().endswith("（只读）")
        text = win.readonly_banner.findChild(QLabel, "readonlyText").text()
        assert text.startswith("只读：账本正在被电脑“办公室电脑”上的用户“张会计”")
        dlg = backup_dialog.BackupDialog(win)
        qtbot.addWidget(dlg)
        assert not dlg.restore_btn.isEnabled()
        if os.environ.get("PARTYDESK_SHOTS"):
            win.show()
            qtbot.waitExposed(win)
            win.grab().save(os.path.join(os.environ["PARTYDESK_SHOTS"], "readonly.png"))
    finally:
        lg.close()


def test_damaged_ledger_offers_the_newest_good_backup(qtbot, ledger, monkeypatch):
    _fill(ledger)
    good = backup.make_backup(ledger, "manual")
    path = ledger.path
    ledger.close()
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(4096)
        f.write(os.urandom(size - 8192))
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    shown = []

    def click_restore(box):
        shown.append(box.informativeText())
        [btn] = [b for b in box.buttons() if b.text().startswith("恢复最新的完好备份")]
        btn.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    lg = opening.open_for_gui(path)
    try:
        assert (
            shown and good.created.strftime("%Y-%m-%d %H:%M") in shown[0] and "人员 5" in shown[0]
        )
        with lg.session() as s:
            assert s.query(Person).count() == 5
    finally:
        lg.close()


class _FakePasswordDialog:
    """Stands in for PasswordDialog: 'types' the next of the given answers."""

    answers: list[str | None] = []

    def __init__(self, _parent):
        self.edit = QLineEdit()
        self.message = QLabel()

    def tr(self, text):
        return text

    def exec(self):
        a = self.answers.pop(0)
        if a is None:
            return QDialog.Rejected
        self.edit.setText(a)
        return QDialog.Accepted


def test_start_password(qapp, ledger):
    assert password.unlock(ledger, dialog_factory=_FakePasswordDialog)  # none set
    applock.set_password(ledger, "开门1234")
    _FakePasswordDialog.answers = ["错", "开门1234"]
    assert password.unlock(ledger, dialog_factory=_FakePasswordDialog)
    _FakePasswordDialog.answers = ["错", "错", "错"]
    assert not password.unlock(ledger, dialog_factory=_FakePasswordDialog)
    _FakePasswordDialog.answers = [None]
    assert not password.unlock(ledger, dialog_factory=_FakePasswordDialog)


def test_password_dialog_hides_what_is_typed(qtbot):
    dlg = password.PasswordDialog()
    qtbot.addWidget(dlg)
    assert dlg.edit.echoMode() == QLineEdit.Password


def test_password_setup_dialog(window, ledger, qtbot):
    acts = [a.text() for a in window.file_menu.actions()]
    assert "启动密码(&P)…" in acts
    dlg = password.PasswordSetupDialog(ledger, window)
    qtbot.addWidget(dlg)
    dlg.new.setText("abcd12")
    dlg.again.setText("abcd13")
    dlg.save()
    assert dlg.error.text() == "两次输入的密码不一样。" and not applock.is_set(ledger)
    dlg.again.setText("abcd12")
    dlg.save()
    assert dlg.result() == QDialog.Accepted and applock.check(ledger, "abcd12")
    dlg2 = password.PasswordSetupDialog(ledger, window)
    qtbot.addWidget(dlg2)
    dlg2.old.setText("wrong")
    dlg2.clear_password()
    assert "密码不对" in dlg2.error.text() and applock.is_set(ledger)
    dlg2.old.setText("abcd12")
    dlg2.clear_password()
    assert not applock.is_set(ledger)
    if SHOTS:
        dlg2.error.setText("")
        dlg2.show()
        qtbot.waitExposed(dlg2)
        dlg2.grab().save(os.path.join(SHOTS, "password.png"))
