"""`partydesk check` reads beside itself: the file's quick check runs on its own
connection while the rules run, yet a damaged file is still refused as opening refuses
it, and rules asked inside a session with changes not yet committed see those changes."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import insert

from partydesk.check import run_checks
from partydesk.cli import main
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only("damage in a ledger file; reads on a second connection")


def _ledger_with_people(path, n=3000):
    lg = open_ledger(path, create=True)
    with lg.session() as s:
        s.info["audit"] = False
        s.execute(insert(Person), [{"name": f"成员{i}", "job": "原岗位" * 20} for i in range(n)])
    lg.close()


def _damage_an_index_page(path):
    c = sqlite3.connect(path)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = c.execute(
        "SELECT pageno FROM dbstat WHERE name = 'ix_person_name' AND pagetype = 'leaf'"
    ).fetchall()[1][0]
    size = c.execute("PRAGMA page_size").fetchone()[0]
    c.close()
    with open(path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xff" * size)


def test_check_of_a_damaged_file_says_so_and_names_no_rule(tmp_path, capsys):
    path = tmp_path / "d.partydesk"
    _ledger_with_people(path)
    _damage_an_index_page(path)
    code = main(["check", "--ledger", str(path), "--today", "2026-11-01"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("错误：") and "已损坏" in err
    assert out == ""  # no half report of rules read from a damaged file


def test_rules_asked_in_a_session_see_its_uncommitted_changes(tmp_path):
    path = tmp_path / "u.partydesk"
    _ledger_with_people(path, n=50)
    with open_ledger(path) as lg, lg.session() as s:
        s.add(Person(name="周敏", phone="12345", category="applicant", applied_on=date(2026, 1, 5)))
        s.add(Person(name="吴刚", category="full", full_on=date(2020, 5, 1)))
        s.flush()  # written in this session's transaction, not committed
        found = {(f.kind, f.text.split("（")[0]) for f in run_checks(s, date(2026, 11, 1)).findings}
        s.rollback()
    assert ("phone", "周敏") in found
    assert ("talk_overdue", "周敏") in found  # the deadlines' read
    assert ("pipeline_missing", "吴刚") in found  # the pipeline rules' read
