"""文件 → 连接服务器账本…: the dialog says a refused connection and a wrong password in
Chinese and stays open; the right password opens the server ledger in the window. The
wrong/right password test needs the PostgreSQL run's server (PARTYDESK_TEST_DB)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from partydesk.ledger import server


def _fill(dlg, host, port, db, user, password=""):
    dlg.host.setText(host)
    dlg.port.setValue(port)
    dlg.database.setText(db)
    dlg.user.setText(user)
    dlg.password.setText(password)


def _connect(dlg):
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()


def test_the_file_menu_offers_the_server_dialog(qapp, qtbot):
    from ui.main_window import MainWindow

    win = MainWindow(None)
    qtbot.addWidget(win)
    texts = [a.text() for a in win.file_menu.actions()]
    assert "连接服务器账本(&S)…" in texts


def test_a_refused_connection_is_said_in_the_dialog(qapp, qtbot, tmp_path):
    from ui.ledger_server import ServerLedgerDialog

    dlg = ServerLedgerDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(dlg, "127.0.0.1", 1, "partydesk", "clerk")
    _connect(dlg)
    assert dlg.isVisible() and dlg.ledger is None
    assert "服务器拒绝连接" in dlg.error.text()
    dlg.grab().save(str(tmp_path / "refused.png"))
    _fill(dlg, "", 5432, "partydesk", "clerk")
    _connect(dlg)
    assert "请填写服务器地址" in dlg.error.text()


def test_a_wrong_password_then_the_right_one_opens_the_ledger(qapp, qtbot, new_ledger):
    where = new_ledger("bare.partydesk", schema=False)
    if not isinstance(where, str):
        pytest.skip("needs the PostgreSQL run (PARTYDESK_TEST_DB)")
    from tests import pg
    from ui.ledger_server import ServerLedgerDialog

    addr = server.parse(where)
    admin = os.environ["PARTYDESK_TEST_DB"]
    role, password = pg.make_clerk(admin, addr.database)
    clerk = server.ServerAddress(addr.host, addr.port, addr.database, role)
    try:
        from partydesk.ledger import open_ledger

        server.offer(clerk, password)  # the clerk's own empty database gets the schema
        open_ledger(clerk.url, create=True).close()
        server.forget(clerk)
        dlg = ServerLedgerDialog()
        qtbot.addWidget(dlg)
        dlg.show()
        _fill(dlg, addr.host, addr.port, addr.database, role, "wrong-" + password)
        _connect(dlg)
        assert dlg.isVisible() and "口令不对" in dlg.error.text()
        assert password not in dlg.error.text()
        dlg.password.setText(password)
        _connect(dlg)
        assert dlg.ledger is not None and dlg.ledger.is_server
        assert dlg.ledger.server.user == role
        dlg.ledger.close()
    finally:
        server.forget(server.ServerAddress(addr.host, addr.port, addr.database, role))
        pg.drop_clerk(admin, addr.database, role)
