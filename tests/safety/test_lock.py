"""One writer per ledger: a second instance (another process, or another PC through a
shared folder) opens read-only with a clear message; a crashed holder's lock is stale."""

from __future__ import annotations

import json
import signal
import time

import pytest
from safety_helpers import child, wait_for_line
from sqlalchemy import func, select

from partydesk.cli import main
from partydesk.ledger import lock as locking
from partydesk.ledger import open_ledger
from partydesk.ledger.db import LedgerReadOnlyError
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only(
    "the one-writer lock file beside a ledger file (a server ledger has none)"
)

HOLD = r"""
import sys, time
from partydesk.ledger import open_ledger
lg = open_ledger(sys.argv[1])
print("READY", lg.readonly, flush=True)
time.sleep(60)
"""


@pytest.fixture
def held(ledger):
    """The ledger held by another process (closed here first)."""
    path = ledger.path
    ledger.close()
    proc = child(HOLD, str(path))
    try:
        assert "READY False" in wait_for_line(proc, "READY")
        yield path, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_second_instance_is_read_only_with_a_clear_message(held, capsys):
    path, proc = held
    with open_ledger(path) as lg:
        assert lg.readonly
        assert "正在被本机上的用户" in lg.readonly_reason and "只读" in lg.readonly_reason
        assert lg.lock_holder.pid == proc.pid
        with lg.session() as s:  # reading works
            assert s.scalar(select(func.count(Person.id))) == 0
        with pytest.raises(LedgerReadOnlyError, match="只读"), lg.session() as s:
            s.add(Person(name="第二个窗口"))
        with pytest.raises(LedgerReadOnlyError), lg.session() as s:
            s.execute(
                Person.__table__.insert().values(
                    name="绕过ORM",
                    uuid="x",
                    category="full",
                    status="active",
                    probation_extension_months=0,
                    is_flowing=False,
                    lost_contact=False,
                )
            )
    # A writing command says so in one line.
    assert main(["backup", "config", "--ledger", str(path), "--daily", "3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：账本正在被") and "Traceback" not in err


def test_lock_of_a_killed_instance_is_taken_over(held):
    path, proc = held
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert locking.lock_path_for(path).exists()  # left behind by the crash
    with open_ledger(path) as lg:
        assert not lg.readonly
        with lg.session() as s:
            s.add(Person(name="接管后"))
    assert not locking.lock_path_for(path).exists()  # released on close


def _foreign_lock(path, heartbeat_age: float):
    now = time.time()
    info = {
        "pid": 4242,
        "host": "另一台电脑",
        "user": "李会计",
        "token": "t",
        "started": now - 3600,
        "heartbeat": now - heartbeat_age,
    }
    locking.lock_path_for(path).write_text(json.dumps(info), encoding="utf-8")


def test_lock_from_another_pc_through_a_shared_folder(ledger):
    path = ledger.path
    ledger.close()
    _foreign_lock(path, heartbeat_age=5)
    with open_ledger(path) as lg:
        assert lg.readonly and "电脑“另一台电脑”上的用户“李会计”" in lg.readonly_reason
    # That PC crashed: its heartbeat stopped more than STALE_AFTER_S ago.
    _foreign_lock(path, heartbeat_age=locking.STALE_AFTER_S + 10)
    with open_ledger(path) as lg:
        assert not lg.readonly


def test_same_process_shares_the_lock(ledger):
    with open_ledger(ledger.path) as again:
        assert not again.readonly and again.lock is ledger.lock
    assert locking.lock_path_for(ledger.path).exists()  # still held by `ledger`


def test_losing_the_lock_stops_writes(ledger):
    """This PC slept past STALE_AFTER_S and another PC took the ledger over."""
    _foreign_lock(ledger.path, heartbeat_age=0)
    ledger.lock.heartbeat()
    assert ledger.lock.lost
    with pytest.raises(LedgerReadOnlyError, match="接管"), ledger.session() as s:
        s.add(Person(name="休眠后"))
    ledger.close()
    assert locking.lock_path_for(ledger.path).exists()  # the other PC's lock is left alone


MOUNTS = """/dev/sda1 / ext4 rw 0 0
//fileserver/党建 /mnt/share cifs rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
/dev/sdb1 /media/U\\040盘 vfat rw 0 0
"""


def test_network_shares_are_recognised():
    from pathlib import Path

    from partydesk.ledger.db import is_network_path

    assert is_network_path(Path("/mnt/share/台账/ledger.partydesk"), MOUNTS)
    assert is_network_path(Path("/mnt/nfs/x.partydesk"), MOUNTS)
    assert not is_network_path(Path("/home/clerk/ledger.partydesk"), MOUNTS)
    assert not is_network_path(Path("/media/U盘/ledger.partydesk"), MOUNTS)
    assert not is_network_path(Path("/mnt/sharefolder/x.partydesk"), MOUNTS)


def test_ledger_on_a_share_uses_the_rollback_journal(tmp_path, monkeypatch):
    from partydesk.ledger import paths

    monkeypatch.setattr(paths, "is_network_path", lambda _p: True)
    with open_ledger(tmp_path / "share.partydesk", create=True) as lg:
        with lg.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        with lg.session() as s:
            s.add(Person(name="共享"))
    assert not (tmp_path / "share.partydesk-wal").exists()


def test_backup_works_while_another_instance_holds_the_ledger(held, capsys):
    path, _proc = held
    assert main(["backup", "--ledger", str(path)]) == 0
    assert "已备份" in capsys.readouterr().out
