"""Encryption at rest (SQLCipher): an encrypted ledger and its backups are unreadable by
plain sqlite3 and by `strings`; the passphrase opens them; a wrong one says so in one line;
init --encrypt, encrypt and decrypt; exports warn that they are not encrypted."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest
from safety_helpers import add_people
from sqlalchemy import func, select

from partydesk import backup
from partydesk.cli import main
from partydesk.ledger import cipher, open_ledger
from partydesk.ledger.models import Person

pytestmark = [
    pytest.mark.sqlite_only("SQLCipher encryption of a ledger file"),
    pytest.mark.skipif(not cipher.available(), reason="needs sqlcipher3"),
]

PASS = "红星口令2026"
ID = "110101199003074518"


@pytest.fixture(autouse=True)
def _forget():
    cipher.forget_all()
    cipher._offered.clear()
    yield
    cipher.forget_all()
    cipher._offered.clear()


def _strings(path) -> str:
    return subprocess.run(["strings", "-n", "4", str(path)], capture_output=True, text=True).stdout


def _unreadable(path) -> None:
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    text = _strings(path)
    assert ID not in text and "张伟" not in text and "person" not in text.lower()
    assert ID.encode() not in path.read_bytes() and "张伟".encode() not in path.read_bytes()


def test_encrypted_ledger_and_backup_unreadable_without_the_passphrase(tmp_path):
    path = tmp_path / "加密.partydesk"
    with open_ledger(path, create=True, passphrase=PASS) as lg:
        with lg.session() as s:
            s.add(Person(name="张伟", id_number=ID, phone="13812345678"))
        add_people(lg, 50)
        info = backup.make_backup(lg, "manual")
        with lg.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for p in (path, info.path):
        _unreadable(p)
    assert backup.verify(info.path) == (True, "完好")
    cipher.forget_all()
    cipher._offered.clear()
    with open_ledger(info.path, readonly=True, passphrase=PASS) as copy, copy.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 51


def test_wrong_or_missing_passphrase_is_one_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "e.partydesk"
    open_ledger(path, create=True, passphrase=PASS).close()
    cipher.forget_all()
    cipher._offered.clear()
    assert main(["list", "people", "--ledger", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：账本已加密") and err.count("\n") == 1
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不对的口令", encoding="utf-8")
    assert main(["list", "people", "--ledger", str(path), "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert err == f"错误：口令不对，无法打开加密的账本：{path}。\n"
    right = tmp_path / "right.txt"
    right.write_text(PASS, encoding="utf-8")
    assert main(["list", "people", "--ledger", str(path), "--passphrase-file", str(right)]) == 0


def test_init_encrypt_then_decrypt_and_encrypt_again(tmp_path, capsys, monkeypatch):
    path = tmp_path / "l.partydesk"
    monkeypatch.setenv("PARTYDESK_PASSPHRASE", PASS)
    assert main(["init", "--encrypt", "--ledger", str(path)]) == 0
    assert "已新建加密账本" in capsys.readouterr().out and cipher.is_encrypted(path)
    with open_ledger(path) as lg, lg.session() as s:  # the passphrase from the environment
        s.add(Person(name="张伟", id_number=ID))
    assert main(["decrypt", "--ledger", str(path)]) == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM person").fetchall() == [("张伟",)]
    conn.close()
    assert main(["backup", "--ledger", str(path)]) == 0  # a plain backup …
    assert main(["encrypt", "--ledger", str(path)]) == 0
    assert "同时加密了 1 份备份" in capsys.readouterr().out  # … is encrypted with it
    _unreadable(path)
    for b in backup.list_backups(path, counts=False):
        _unreadable(b.path)


def test_exports_warn_that_they_are_not_encrypted(tmp_path, capsys, monkeypatch):
    path = tmp_path / "l.partydesk"
    monkeypatch.setenv("PARTYDESK_PASSPHRASE", PASS)
    assert main(["init", "--encrypt", "--ledger", str(path)]) == 0
    out = tmp_path / "党员.xlsx"
    assert main(["export", "people", "-o", str(out), "--ledger", str(path)]) == 0
    assert "没有加密" in capsys.readouterr().err
