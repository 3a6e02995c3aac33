"""A command that only reads never waits for the day's backup; one that changes the
ledger gets it just before its first change. `check` reads the file quickly unless
--full."""

from __future__ import annotations

import pytest

from partydesk import backup
from partydesk.cli import main
from tests.sample_ledger import fill_sample


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.sqlite_only(
    "the daily backup is of a ledger file (a server ledger's is partydesk backup)"
)
def test_reading_commands_make_no_backup_a_change_makes_it_first(ledger, capsys):
    ids = fill_sample(ledger)
    path = ledger.path
    ledger.close()
    L = ("--ledger", str(path))
    for argv in (("list", "people"), ("show", "people", str(ids["张伟"])), ("stats",)):
        code, out, _ = run(capsys, *argv, *L)
        assert code == 0 and out
    assert backup.list_backups(path, counts=False) == []
    code, out, _ = run(capsys, "set", "people", str(ids["张伟"]), "工作岗位=车间主任", *L)
    assert code == 0
    made = backup.list_backups(path, counts=True)
    assert [b.reason for b in made] == ["open"]
    # the backup holds the ledger as it was before the change
    from partydesk.ledger import open_ledger

    with open_ledger(made[0].path, readonly=True, upgrade=False) as old, old.session() as s:
        from partydesk.ledger.models import Person

        assert s.get(Person, ids["张伟"]).job != "车间主任"
    # once a day: a second change makes no second backup
    run(capsys, "set", "people", str(ids["王芳"]), "工作岗位=会计", *L)
    assert len(backup.list_backups(path, counts=False)) == 1


@pytest.mark.sqlite_only("the quick and the full check are of the ledger file")
def test_check_is_quick_unless_full(ledger, capsys):
    fill_sample(ledger)
    path = ledger.path
    ledger.close()
    _, out, _ = run(capsys, "check", "--ledger", str(path))
    assert "快速检查，加 --full 完整检查" in out.splitlines()[0]
    _, out, _ = run(capsys, "check", "--full", "--ledger", str(path))
    assert "数据库文件完整检查" in out.splitlines()[0]
