"""`partydesk check` reads beside itself: the file's quick check runs on its own
connection while the rules run, yet a damaged file is still refused as opening refuses
it, and rules asked inside a session with changes not yet committed see those changes."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.check import run_checks
from partydesk.cli import main
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person
from tests.ledger.test_file_check_later import _damage_page, _index_leaf, _ledger_with_people

pytestmark = pytest.mark.sqlite_only("damage in a ledger file; reads on a second connection")


def test_check_of_a_damaged_file_says_so_and_names_no_rule(tmp_path, capsys):
    path = tmp_path / "d.partydesk"
    _ledger_with_people(path)
    _damage_page(path, *_index_leaf(path))
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
