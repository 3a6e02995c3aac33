"""The window asks for an encrypted ledger's passphrase at start, and again after a wrong
one with the one-line reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from partydesk.ledger import cipher, open_ledger
from partydesk.ledger.models import Person

pytestmark = pytest.mark.skipif(not cipher.available(), reason="needs sqlcipher3")


def test_window_asks_for_the_passphrase(qtbot, qapp, tmp_path, monkeypatch):
    from ui.ledger_open import open_ledger_ui

    path = tmp_path / "加密.partydesk"
    with open_ledger(path, create=True, passphrase="红星口令2026") as lg, lg.session() as s:
        s.add(Person(name="张伟"))
    cipher.forget_all()
    cipher._offered.clear()
    asked = []
    answers = iter([("不对的口令", True), ("红星口令2026", True)])

    def get_text(_parent, title, label, *_a, **_k):
        asked.append((title, label))
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    ledger = open_ledger_ui(path)
    try:
        assert ledger is not None and not ledger.readonly
        assert [t for t, _ in asked] == ["账本已加密", "账本已加密"]
        assert "请输入账本口令" in asked[0][1]
        assert asked[1][1].startswith("口令不对")
        with ledger.session() as s:
            assert s.query(Person.name).scalar() == "张伟"
    finally:
        if ledger is not None:
            ledger.close()
        cipher.forget_all()
        cipher._offered.clear()
