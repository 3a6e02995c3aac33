"""Backups: made and verified, listed with counts, rotated, taken on open (once a day) and
before migrations, restored (after backing up the current state); damaged ledgers."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta

import pytest
from safety_helpers import add_people
from sqlalchemy import func, select

from partydesk import backup
from partydesk.cli import main
from partydesk.ledger import migrate, open_ledger
from partydesk.ledger.db import LedgerDamagedError, make_engine
from partydesk.ledger.models import Person, Unit
from partydesk.ledger.models.audit import AuditEntry

pytestmark = pytest.mark.sqlite_only(
    "backups of a ledger file (the online backup API, its folder beside the file); a server ledger's are test_server_backup.py"
)


def _names(ledger):
    with ledger.session() as s:
        return sorted(s.scalars(select(Person.name)))


def test_backup_is_complete_verified_and_listed(people_ledger, tmp_path):
    with people_ledger.session() as s:
        s.add(Unit(name="红星物流有限公司"))
    info = backup.make_backup(people_ledger, "manual")
    assert info.path.parent == people_ledger.path.parent / "账本备份"
    assert info.path.name.startswith("test-") and info.path.name.endswith("-manual.partydesk")
    assert backup.verify(info.path) == (True, "完好")
    # The backup is a ledger of its own, with the same rows, in one file (no WAL).
    with open_ledger(info.path, readonly=True) as copy:
        assert _names(copy) == _names(people_ledger)
    assert not info.path.with_name(info.path.name + "-wal").exists()
    [listed] = backup.list_backups(people_ledger.path)
    assert listed.path == info.path
    assert listed.counts["person"] == 30 and listed.counts["unit"] == 1
    assert listed.total == 31 and listed.reason_label == "手动"


def test_backup_to_another_folder_and_list_on_cli(people_ledger, tmp_path, capsys):
    usb = tmp_path / "U盘" / "备份"
    assert main(["backup", "--ledger", str(people_ledger.path), "--to", str(usb)]) == 0
    out = capsys.readouterr().out
    assert "已备份" in out and "人员 30" in out
    assert len(list(usb.glob("*.partydesk"))) == 1
    # Configure the USB folder; `backup list` then lists it with its counts.
    assert (
        main(["backup", "config", "--ledger", str(people_ledger.path), "--folder", str(usb)]) == 0
    )
    assert main(["backup", "--ledger", str(people_ledger.path)]) == 0
    capsys.readouterr()
    assert main(["backup", "list", "--ledger", str(people_ledger.path)]) == 0
    out = capsys.readouterr().out
    assert str(usb) in out
    rows = [line for line in out.splitlines() if line.startswith("20")]
    assert len(rows) == 2 and all("手动" in r and "    30" in r for r in rows)


def test_rotation_keeps_daily_weekly_monthly():
    now = datetime(2026, 11, 22, 9, 0)
    # Three backups a day for 400 days.
    created = [now - timedelta(days=d, hours=h) for d in range(400) for h in (0, 3, 6)]
    keep = {
        created[i] for i in backup.select_keep(created, daily=7, weekly=4, monthly=12, recent=3)
    }
    # The 3 newest, the newest of each of the last 7 days, of 4 ISO weeks, of 12 months.
    assert {now, now - timedelta(hours=3), now - timedelta(hours=6)} <= keep
    for d in range(7):
        assert now - timedelta(days=d) in keep
    assert now - timedelta(days=7) in keep  # Sunday 15th: newest of the previous ISO week
    assert now - timedelta(days=8) not in keep  # Saturday 14th: no slot is left for it
    months = {(k.year, k.month) for k in keep}
    assert len(months) == 12 and (2025, 12) in months and (2025, 11) not in months
    assert datetime(2026, 10, 31, 9, 0) in keep  # newest of October
    assert len(keep) <= 3 + 7 + 4 + 12
    # Of two days' backups: the three newest and the newest of the day before.
    few = created[:5]
    assert backup.select_keep(few, 7, 4, 12, 3) == {0, 1, 2, 3}


def test_rotation_deletes_files_beyond_the_limits(people_ledger, tmp_path):
    folder = tmp_path / "bk"
    folder.mkdir()
    base = datetime(2026, 11, 22, 8, 0)
    for d in range(30):
        t = base - timedelta(days=d)
        (folder / f"test-{t:%Y%m%d-%H%M%S}-open.partydesk").write_bytes(b"x")
    (folder / "other-20200101-000000-open.partydesk").write_bytes(b"x")  # another ledger's
    cfg = dict(backup.DEFAULTS, daily=3, weekly=2, monthly=2, recent=1)
    deleted = backup.rotate_folder(people_ledger.path, folder, cfg)
    left = sorted(p.name for p in folder.iterdir())
    assert "other-20200101-000000-open.partydesk" in left
    assert "test-20261122-080000-open.partydesk" in left  # newest
    assert "test-20261120-080000-open.partydesk" in left  # third day
    assert "test-20261119-080000-open.partydesk" not in left  # same ISO week as the 3 days kept
    assert "test-20261115-080000-open.partydesk" in left  # newest of the previous week
    assert "test-20261031-080000-open.partydesk" in left  # newest of October
    assert "test-20261024-080000-open.partydesk" not in left
    assert len(deleted) == 30 - (len(left) - 1)


def test_daily_backup_on_open_at_most_once_a_day(people_ledger):
    path = people_ledger.path
    people_ledger.close()
    with open_ledger(path):
        pass
    with open_ledger(path):
        pass
    made = backup.list_backups(path, counts=False)
    assert [b.reason for b in made] == ["open"]
    with open_ledger(path) as lg:
        assert backup.auto_on_open(lg, now=datetime.now() + timedelta(days=1)) is not None
    assert len(backup.list_backups(path, counts=False)) == 2


def test_backup_before_bulk_change_reuses_unchanged(people_ledger):
    first = backup.backup_before(people_ledger, "import")
    assert first is not None and first.reason == "import"
    assert backup.backup_before(people_ledger, "bulk").path == first.path  # nothing changed
    add_people(people_ledger, 1, "新人")
    second = backup.backup_before(people_ledger, "bulk")
    assert second.path != first.path and second.reason == "bulk"


def test_backup_before_migration(tmp_path):
    path = tmp_path / "old.partydesk"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001_core")
    with engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO person (name, category, status, probation_extension_months, is_flowing,"
            " lost_contact, uuid, created_at, updated_at) VALUES ('老党员', 'full', 'active', 0, 0, 0,"
            " 'u-1', '2020-01-01', '2020-01-01')"
        )
    engine.dispose()
    with open_ledger(path) as lg:
        assert migrate.current_revision(lg.engine) == migrate.head_revision()
    [b] = [b for b in backup.list_backups(path) if b.reason == "migrate"]
    conn = sqlite3.connect(b.path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_core"
    assert conn.execute("SELECT name FROM person").fetchall() == [("老党员",)]
    conn.close()
    assert not list(tmp_path.glob("*.bak"))  # no more loose copies beside the ledger


def test_restore_in_place_backs_up_current_state_first(people_ledger):
    good = backup.make_backup(people_ledger, "manual")
    with people_ledger.session() as s:
        s.execute(Person.__table__.delete())
    assert _names(people_ledger) == []
    safety = backup.restore(people_ledger, good.path)
    assert len(_names(people_ledger)) == 30  # the open ledger sees the restored rows
    assert safety.reason == "restore" and safety.counts["person"] == 0
    with people_ledger.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "restore")) == 1
    with people_ledger.session() as s:  # still writable afterwards
        s.add(Person(name="恢复后新增"))
    assert "恢复后新增" in _names(people_ledger)


def test_restore_on_cli_from_a_closed_ledger(people_ledger, capsys):
    path = people_ledger.path
    good = backup.make_backup(people_ledger, "manual")
    add_people(people_ledger, 5, "之后")
    people_ledger.close()
    assert main(["restore", "--ledger", str(path), str(good.path)]) == 0
    out = capsys.readouterr().out
    assert "已从备份恢复" in out and "恢复前的账本已备份为" in out
    with open_ledger(path) as lg:
        assert len(_names(lg)) == 30
    safety = [b for b in backup.list_backups(path) if b.reason == "restore"]
    assert safety and safety[0].counts["person"] == 35


def test_restore_refuses_a_damaged_backup(people_ledger, capsys):
    good = backup.make_backup(people_ledger, "manual")
    _damage(good.path)
    assert backup.verify(good.path)[0] is False
    assert main(["restore", "--ledger", str(people_ledger.path), str(good.path)]) == 1
    assert "备份文件不能用来恢复" in capsys.readouterr().err
    assert len(_names(people_ledger)) == 30


def _damage(path):
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(4096)
        f.write(os.urandom(size - 8192))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_ledger_is_not_written_and_offers_newest_good_backup(people_ledger, capsys):
    path = people_ledger.path
    older = backup.make_backup(people_ledger, "manual", now=datetime.now() - timedelta(hours=2))
    newest_good = backup.make_backup(
        people_ledger, "manual", now=datetime.now() - timedelta(hours=1)
    )
    broken = backup.make_backup(people_ledger, "manual")
    _damage(broken.path)  # the newest backup is damaged too: it must be skipped
    people_ledger.close()
    _damage(path)
    before = _digest(path)
    with pytest.raises(LedgerDamagedError) as ei:
        open_ledger(path)
    assert ei.value.backup is not None and ei.value.backup.path == newest_good.path
    assert "已损坏" in str(ei.value) and str(newest_good.path) in str(ei.value)
    assert _digest(path) == before  # never written to
    assert not path.with_name(path.name + ".lock").exists()
    # The CLI says the same in one line; restoring from it brings the ledger back.
    assert main(["audit", "--ledger", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：账本文件已损坏") and "Traceback" not in err
    assert main(["restore", "--ledger", str(path), str(ei.value.backup.path)]) == 0
    with open_ledger(path) as lg:
        assert len(_names(lg)) == 30
    assert list((path.parent / "账本备份").glob("*.damaged"))  # the damaged file kept aside
    assert older.path.exists()


def test_backup_to_full_disk_leaves_nothing_half_written(
    people_ledger, tmp_path, monkeypatch, capsys
):
    usb = tmp_path / "full"

    def no_space(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    assert main(["backup", "--ledger", str(people_ledger.path), "--to", str(usb)]) == 1
    err = capsys.readouterr().err
    assert "磁盘已满" in err and "账本本身未受影响" in err and "Traceback" not in err
    assert list(usb.iterdir()) == []


def test_backup_before_import_with_a_reason_in_words(people_ledger):
    """Importers pass a description; the file gets the code, and the result works as a path."""
    info = backup.backup_before(people_ledger, "导入党员：名册.xlsx")
    assert info.reason == "import" and info.path.name.endswith("-import.partydesk")
    assert os.fspath(info) == str(info.path) and os.path.exists(info)


def test_emptied_ledger_file_is_not_silently_a_new_ledger(people_ledger):
    path = people_ledger.path
    good = backup.make_backup(people_ledger, "manual")
    people_ledger.close()
    path.write_bytes(b"")
    with pytest.raises(LedgerDamagedError, match="0 字节") as ei:
        open_ledger(path)
    assert ei.value.backup.path == good.path and path.stat().st_size == 0
