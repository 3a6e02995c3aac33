"""Restore, upgrade and replace never lose a good copy: the chosen backup survives its own
restore, rotation keeps the newest good and the newest pre-upgrade backup, a failed or
killed upgrade leaves the old ledger (and offers its backup), `demo --force` keeps the
old ledger, and a missing or emptied ledger is never silently replaced."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from safety_helpers import add_people, child, run_child, wait_for_line
from sqlalchemy import event, func, select

from partydesk import backup
from partydesk.cli import main
from partydesk.errors import LedgerError
from partydesk.ledger import migrate, open_ledger
from partydesk.ledger.db import LedgerDamagedError, make_engine
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only("restoring and replacing ledger files")


def _count(path) -> int:
    with open_ledger(path, readonly=True) as lg, lg.session() as s:
        return s.scalar(select(func.count(Person.id)))


def _three_backups_today(ledger) -> list[backup.BackupInfo]:
    """Three same-day backups with 10, 20 and 30 people (oldest first)."""
    made = []
    now = datetime.now().replace(microsecond=0)
    for i in range(3):
        add_people(ledger, 10, prefix=f"第{i}批")
        made.append(backup.make_backup(ledger, "manual", now=now - timedelta(minutes=30 - i)))
    return made


def test_restore_of_the_oldest_of_three_same_day_backups(ledger, capsys):
    oldest, _, _ = _three_backups_today(ledger)
    add_people(ledger, 5, prefix="今天")
    path = ledger.path
    ledger.close()
    assert main(["restore", "--ledger", str(path), str(oldest.path)]) == 0
    assert "已从备份恢复" in capsys.readouterr().out
    assert _count(path) == 10  # the oldest backup's people, not an error


def test_restore_in_the_window_of_the_oldest_of_three(ledger):
    oldest, _, _ = _three_backups_today(ledger)
    backup.restore(ledger, oldest.path)
    with ledger.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 10


def _damage(path) -> None:
    with open(path, "r+b") as f:
        f.seek(4096)
        f.write(b"\xff" * 8192)


def test_rotation_keeps_the_newest_backup_that_passes_its_check(ledger):
    add_people(ledger, 10)
    old = datetime.now() - timedelta(days=40)
    good = backup.make_backup(ledger, "manual", now=old)
    cfg = dict(backup.config(ledger), daily=0, weekly=0, monthly=0, recent=2)
    newer = [
        backup.make_backup(ledger, "manual", now=old + timedelta(days=d), rotate=False)
        for d in (1, 2, 3)
    ]
    for b in newer:
        _damage(b.path)
    backup.rotate_folder(ledger.path, good.path.parent, cfg)
    assert good.path.exists()  # every newer one is damaged: the last good copy stays


def test_rotation_keeps_the_newest_pre_upgrade_backup(ledger):
    add_people(ledger, 10)
    old = datetime.now() - timedelta(days=400)
    before_upgrade = backup.make_backup(ledger, "migrate", now=old)
    cfg = dict(backup.config(ledger), daily=1, weekly=0, monthly=0, recent=1)
    for d in range(1, 6):
        backup.make_backup(ledger, "manual", now=old + timedelta(days=d), rotate=False)
    backup.rotate_folder(ledger.path, before_upgrade.path.parent, cfg)
    assert before_upgrade.path.exists()


def _old_ledger(path, people: int = 40, revision: str = "0005_standing"):
    engine = make_engine(path)
    migrate.upgrade(engine, revision)
    with engine.begin() as c:
        for i in range(people):
            c.exec_driver_sql(
                "INSERT INTO person (uuid, name, category, status, probation_extension_months,"
                " is_flowing, lost_contact, created_at, updated_at) VALUES "
                f"('u{i}', '旧账本{i}', 'full', 'active', 0, 0, 0, '2025-01-01', '2025-01-01')"
            )
    engine.dispose()


def _revision(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_failed_upgrade_changes_nothing_and_offers_its_backup(tmp_path, monkeypatch):
    """The last step of an upgrade over several revisions fails (as a full disk would make
    it): every step is rolled back, the ledger stays at its old revision and opens later;
    the error offers the pre-upgrade backup."""
    path = tmp_path / "old.partydesk"
    _old_ledger(path, revision="0004_certs")
    from partydesk.ledger import opening

    real = opening.make_engine
    head = migrate.head_revision()

    def failing_at_head(p, **kw):
        engine = real(p, **kw)

        @event.listens_for(engine, "before_cursor_execute")
        def _fail(_conn, _cursor, statement, parameters, *_a):
            if "alembic_version" in statement and head in f"{statement}{parameters}":
                e = sqlite3.OperationalError("database or disk is full")
                e.sqlite_errorcode = sqlite3.SQLITE_FULL
                raise e

        return engine

    monkeypatch.setattr(opening, "make_engine", failing_at_head)
    with pytest.raises(LedgerDamagedError) as e:
        open_ledger(path)
    assert "升级" in str(e.value) and e.value.backup is not None
    assert e.value.backup.reason == "migrate"
    assert _revision(path) == "0004_certs"
    with pytest.raises(LedgerDamagedError):
        open_ledger(path)  # tried again: still refused, and no second backup of the same
    monkeypatch.undo()
    assert len([b for b in backup.list_backups(path) if b.reason == "migrate"]) == 1
    with open_ledger(path) as lg:
        assert migrate.current_revision(lg.engine) == head
    assert _count(path) == 40


def test_newer_schema_says_so_in_chinese(tmp_path):
    path = tmp_path / "newer.partydesk"
    open_ledger(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError) as e:
        open_ledger(path)
    assert "更新版本" in str(e.value) and "Can't locate" not in str(e.value)


HOLD = r"""
import sys, time
from partydesk.ledger import open_ledger
lg = open_ledger(sys.argv[1])
print("READY", flush=True)
time.sleep(60)
"""

UPGRADE = r"""
import sys
from partydesk.ledger import open_ledger
open_ledger(sys.argv[1]).close()
print("UPGRADED")
"""


def _writes_of_an_upgrade(tmp_path) -> int:
    """How many pwrite64 calls opening (and so upgrading) an old ledger makes."""
    path = tmp_path / "count.partydesk"
    _old_ledger(path)
    trace = tmp_path / "trace.txt"
    r = run_child(
        UPGRADE,
        str(path),
        timeout=120,
        strace=["-f", "-qq", "-e", "trace=pwrite64", "-o", str(trace)],
    )
    assert r.returncode == 0, r.stderr
    return sum(1 for line in trace.read_text().splitlines() if "pwrite64(" in line)


@pytest.mark.skipif(not __import__("shutil").which("strace"), reason="needs strace")
def test_upgrade_killed_at_its_writes_opens_at_the_old_or_new_revision(tmp_path):
    """SIGKILL injected (strace) at write N of an upgrade, for N spread over all of its
    writes (tests/crash/harness.py runs every N): the ledger then opens, with every
    person, at the old or the new revision."""
    total = _writes_of_an_upgrade(tmp_path)
    assert total > 20
    points = sorted({1, 2, total // 2, total - 1, total, *range(3, total, max(1, total // 9))})
    for n in points:
        path = tmp_path / f"kill{n}.partydesk"
        _old_ledger(path)
        r = run_child(
            UPGRADE,
            str(path),
            timeout=120,
            strace=["-f", "-qq", "-o", "/dev/null", "-e", f"inject=pwrite64:signal=KILL:when={n}"],
        )
        assert r.returncode != 0 or "UPGRADED" in r.stdout
        assert _revision(path) in ("0005_standing", migrate.head_revision()), n
        with open_ledger(path) as lg, lg.session() as s:  # upgrades now if it was not yet
            assert s.scalar(select(func.count(Person.id))) == 40, n


def test_demo_force_keeps_the_old_ledger_aside(ledger, tmp_path, capsys):
    add_people(ledger, 7)
    path = ledger.path
    ledger.close()
    assert main(["demo", "--ledger", str(path), "--units", "3", "--members", "5", "--force"]) == 0
    kept = [b for b in backup.list_backups(path) if b.counts.get("person") == 7]
    assert kept, "the replaced ledger must be backed up"


def test_demo_force_refuses_a_ledger_a_window_holds(ledger, capsys):
    add_people(ledger, 7)
    path = ledger.path
    ledger.close()
    proc = child(HOLD, str(path))
    try:
        wait_for_line(proc, "READY")
        r = main(["demo", "--ledger", str(path), "--units", "3", "--members", "5", "--force"])
        assert r == 1
        assert "正在被" in capsys.readouterr().err
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert _count(path) == 7


@pytest.mark.parametrize("how", ["missing", "empty", "zeroed"])
def test_a_lost_ledger_with_backups_is_damaged_not_replaced(ledger, how):
    add_people(ledger, 9)
    good = backup.make_backup(ledger, "manual")
    path = ledger.path
    ledger.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    if how == "missing":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"\0" * 8192)
    # The window opens its last ledger with create=True: it must not make a new one.
    with pytest.raises(LedgerDamagedError) as e:
        open_ledger(path, create=True)
    assert e.value.backup is not None and e.value.backup.path == good.path
    assert how == "missing" and not path.exists() or path.stat().st_size in (0, 8192)
