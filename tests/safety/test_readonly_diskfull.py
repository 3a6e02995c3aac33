"""Read-only ledgers, a full disk and a file moved away: a clear Chinese message, the last
good state kept, no traceback.

Tests run as root, where chmod alone does not stop writes: the read-only cases run in a
child process that drops CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so file permissions bind it
as they bind a clerk's account."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from safety_helpers import add_people, drop_dac_override, run_child
from sqlalchemy import event, func, insert, select

from partydesk.cli import main
from partydesk.ledger import open_ledger
from partydesk.ledger.db import DiskFullError, LedgerReadOnlyError
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only(
    "read-only files, full disks and moved files under a ledger file"
)

READ_ONLY_CHILD = r"""
import sys
from sqlalchemy import func, select
from partydesk.cli import main
from partydesk.errors import PartyDeskError
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person
for path in sys.argv[1:]:
    with open_ledger(path) as lg:
        print(path, "READONLY", lg.readonly)
        print(path, "REASON", lg.readonly_reason)
        with lg.session() as s:
            print(path, "COUNT", s.scalar(select(func.count(Person.id))))
        try:
            with lg.session() as s:
                s.add(Person(name="改不了"))
        except PartyDeskError as e:
            print(path, "WRITE", type(e).__name__, e)
    print(path, "CLI", main(["backup", "config", "--ledger", path, "--daily", "2"]), flush=True)
"""


@pytest.fixture
def shared_dir():
    """A folder outside pytest's root-only tmp tree (the child has no DAC override)."""
    d = Path(tempfile.mkdtemp(prefix="partydesk-ro-"))
    os.chmod(d, 0o755)
    yield d
    for p in [d, *d.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    shutil.rmtree(d)


def _make(path, n=12):
    with open_ledger(path, create=True) as lg:
        add_people(lg, n)


def test_cap_drop_really_binds_root(shared_dir):
    f = shared_dir / "f"
    f.write_text("x")
    os.chmod(f, 0o444)
    r = run_child(f"open({str(f)!r}, 'a').write('y')", preexec_fn=drop_dac_override)
    assert r.returncode != 0 and "Permission denied" in r.stderr


def test_read_only_file_or_folder_opens_read_only(shared_dir):
    ro_file = shared_dir / "ro.partydesk"  # a read-only file in a writable folder
    _make(ro_file)
    os.chmod(ro_file, 0o444)
    ro_dir = (
        shared_dir / "只读文件夹"
    )  # a writable file in a read-only folder (a CD, a locked share)
    ro_dir.mkdir()
    ro_in_dir = ro_dir / "ro.partydesk"
    _make(ro_in_dir)
    os.chmod(ro_dir, 0o555)
    before = [ro_file.read_bytes(), ro_in_dir.read_bytes()]
    r = run_child(READ_ONLY_CHILD, str(ro_file), str(ro_in_dir), preexec_fn=drop_dac_override)
    for path in (ro_file, ro_in_dir):
        said = [
            line.split(" ", 1)[1]
            for line in r.stdout.splitlines()
            if line.startswith(str(path) + " ")
        ]
        assert "READONLY True" in said, (r.stdout, r.stderr)
        assert any(x.startswith("REASON 账本文件或所在文件夹是只读的") for x in said)
        assert "COUNT 12" in said
        assert any(x.startswith("WRITE LedgerReadOnlyError") for x in said)
        assert "CLI 1" in said
    errors = r.stderr.splitlines()
    assert len(errors) == 2 and all(e.startswith("错误：") for e in errors), r.stderr
    assert [ro_file.read_bytes(), ro_in_dir.read_bytes()] == before


def test_explicit_read_only_open_refuses_core_writes(people_ledger):
    with open_ledger(people_ledger.path, readonly=True) as ro:
        with pytest.raises(LedgerReadOnlyError, match="只读"), ro.session() as s:
            s.execute(insert(Person), [{"name": "绕过ORM"}])


def _fill_disk(ledger, spare_pages=3):
    """Cap the file at its current size plus a few pages: SQLite reports SQLITE_FULL exactly
    as on a full disk."""

    @event.listens_for(ledger.engine, "connect")
    def _cap(dbapi_conn, _rec):
        n = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={n + spare_pages}")

    ledger.engine.dispose()


def test_disk_full_during_a_big_write_keeps_the_last_good_state(people_ledger):
    _fill_disk(people_ledger)
    with pytest.raises(DiskFullError) as ei, people_ledger.session() as s:
        s.execute(insert(Person), [{"name": f"导入{i}", "note": "备注" * 100} for i in range(3000)])
    assert "磁盘空间已满" in str(ei.value) and "已保存的数据不受影响" in str(ei.value)
    with pytest.raises(DiskFullError), people_ledger.session() as s:  # ORM path too
        s.add_all(Person(name=f"新{i}", note="备注" * 100) for i in range(3000))
    with people_ledger.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 30
        s.add(Person(name="小改动"))  # a small change still fits and is saved
    people_ledger.close()
    conn = sqlite3.connect(people_ledger.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 31
    conn.close()


def test_disk_full_on_the_command_line_is_one_line(people_ledger, monkeypatch, capsys):
    """The real SQLITE_FULL is tested above; here it is injected into every write the
    command makes (as SQLite raises it), to see what the user of the command line sees."""
    from partydesk.ledger import opening

    real = opening.make_engine

    def full_disk(path, **kw):
        engine = real(path, **kw)

        @event.listens_for(engine, "before_cursor_execute")
        def _full(_conn, _cursor, statement, *_a):
            if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
                e = sqlite3.OperationalError("database or disk is full")
                e.sqlite_errorcode = sqlite3.SQLITE_FULL
                raise e

        return engine

    people_ledger.close()
    monkeypatch.setattr(opening, "make_engine", full_disk)
    monkeypatch.setattr("sys.stdin", io.StringIO("口令1234\n口令1234\n"))
    rc = main(["password", "set", "--ledger", str(people_ledger.path)])
    err = capsys.readouterr().err
    assert rc == 1 and err.startswith("错误：磁盘空间已满") and "Traceback" not in err
    monkeypatch.undo()
    assert main(["password", "status", "--ledger", str(people_ledger.path)]) == 0
    assert "未设置启动密码" in capsys.readouterr().out


def test_file_moved_away_while_open(people_ledger, tmp_path):
    os.rename(people_ledger.path, tmp_path / "moved.partydesk")
    with (
        pytest.raises(LedgerReadOnlyError, match="已被移动、改名或删除"),
        people_ledger.session() as s,
    ):
        s.execute(insert(Person), [{"name": "丢失"}])
    with pytest.raises(LedgerReadOnlyError), people_ledger.session() as s:
        s.add(Person(name="丢失"))
    with people_ledger.session() as s:  # reading what is there still works
        assert s.scalar(select(func.count(Person.id))) == 30
