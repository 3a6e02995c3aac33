"""Paths and opening: any legal path (one quoted file: URI), URL-like paths refused, a WAL
in a read-only folder read through a private copy, a failed full check opens read-only;
files private to the clerk (0600 in 0700 folders); leftovers cleaned on the next open."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from safety_helpers import add_people, drop_dac_override, run_child
from sqlalchemy import func, select

from partydesk import backup
from partydesk.cli import main
from partydesk.ledger import open_ledger, paths
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only("ledger file paths and file modes")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.parametrize("folder", ["办公室?2026#1", "台账%20备份", "a%3Fb"])
def test_any_legal_path_opens_that_file(tmp_path, folder):
    path = tmp_path / folder / "党建?台账%20.partydesk"
    with open_ledger(path, create=True) as lg:
        add_people(lg, 3)
    assert path.is_file()
    # The rows are in that very file (read here with a URI of our own), nowhere else.
    conn = sqlite3.connect(paths.sqlite_uri(path, mode="ro"), uri=True)
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    conn.close()
    made = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert made == {folder}
    with open_ledger(path) as lg, lg.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 3


@pytest.mark.parametrize("text", ["file:///tmp/x.partydesk", "https://example.org/a", "file:a"])
def test_url_like_ledger_is_refused(tmp_path, text, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--ledger", text]) == 1
    err = capsys.readouterr().err
    assert "网址" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def shared_dir():
    d = Path(tempfile.mkdtemp(prefix="partydesk-wal-"))
    os.chmod(d, 0o755)
    yield d
    for p in [d, *d.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    shutil.rmtree(d)


LIST = r"""
import sys
from partydesk.cli import main
sys.exit(main(["list", "people", "--tsv", "--ledger", sys.argv[1]]))
"""


def test_wal_in_a_read_only_folder_is_read_not_ignored(shared_dir):
    """A crash left rows in the WAL; the folder is read-only (a CD, a locked share). The
    rows must show (SQLite's immutable mode would ignore the WAL and show stale data)."""
    src = shared_dir / "src.partydesk"
    lg = open_ledger(src, create=True)
    add_people(lg, 2, prefix="早先")
    with lg.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    add_people(lg, 3, prefix="只在WAL")
    ro = shared_dir / "只读"
    ro.mkdir()
    shutil.copy(src, ro / "l.partydesk")
    shutil.copy(src.with_name(src.name + "-wal"), ro / "l.partydesk-wal")
    lg.close()
    os.chmod(ro / "l.partydesk", 0o444)
    os.chmod(ro / "l.partydesk-wal", 0o444)
    os.chmod(ro, 0o555)
    r = run_child(LIST, str(ro / "l.partydesk"), preexec_fn=drop_dac_override)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("只在WAL") == 3 and r.stdout.count("早先") == 2
    assert sorted(p.name for p in ro.iterdir()) == ["l.partydesk", "l.partydesk-wal"]


def _break_an_index(path: Path, index: str = "ix_test_person_name") -> None:
    """Change one byte of a name inside the index on person.name: the b-trees stay well
    formed (quick_check passes) but index and table no longer agree (integrity_check).
    The byte is looked for in the index's own pages (the name is also in the table and in
    the search index's trigrams, wherever the schema put their pages)."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [n for (n,) in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (index,))]
    con.close()
    data = bytearray(path.read_bytes())
    needle = "成员7".encode()
    at = [i for n in pages for i in range((n - 1) * size, n * size) if data.startswith(needle, i)]
    assert at, "the name must be in its index"
    data[at[-1] + len(needle) - 1] = ord("8")
    path.write_bytes(bytes(data))


def test_failed_full_check_opens_read_only_with_a_banner(tmp_path):
    path = tmp_path / "idx.partydesk"
    with open_ledger(path, create=True) as lg:
        with lg.engine.begin() as c:
            c.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_test_person_name ON person(name)")
        add_people(lg, 10)
        with lg.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _break_an_index(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    with open_ledger(path) as lg:  # the daily backup runs the full check
        assert lg.readonly
        assert "完整性检查" in lg.readonly_reason and "只读" in lg.readonly_reason
        with lg.session() as s:
            assert s.scalar(select(func.count(Person.id))) == 10


def test_ledger_wal_and_backups_are_private(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "新文件夹" / "l.partydesk"
        lg = open_ledger(path, create=True)
        add_people(lg, 4)
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600
        assert _mode(path.with_name(path.name + "-wal")) == 0o600
        info = backup.make_backup(lg, "manual")
        assert _mode(info.path.parent) == 0o700 and _mode(info.path) == 0o600
        lg.close()
    finally:
        os.umask(old)


def test_an_old_world_readable_ledger_is_made_private_on_open(tmp_path):
    path = tmp_path / "旧.partydesk"
    open_ledger(path, create=True).close()
    os.chmod(path, 0o644)
    with open_ledger(path):
        assert _mode(path) == 0o600


def test_leftovers_are_removed_on_the_next_open(ledger):
    add_people(ledger, 2)
    made = backup.make_backup(ledger, "manual")
    path = ledger.path
    ledger.close()
    leftovers = [
        path.with_name(path.name + ".restoring"),
        path.with_name(path.name + ".demo-tmp"),
        path.with_name(path.name + ".demo-tmp-wal"),
        made.path.with_name(made.path.name + ".tmp"),
        made.path.with_name(made.path.name + ".999999.tmp"),
    ]
    for p in leftovers:
        p.write_bytes(b"x" * 1000)
    with open_ledger(path):
        assert [p for p in leftovers if p.exists()] == []
    assert made.path.exists()


def test_private_temp_folder_is_0700_and_cleaned_at_start(tmp_path):
    from partydesk import tempfiles

    d = tempfiles.private_dir()
    assert _mode(d) == 0o700 and d.stat().st_uid == os.getuid()
    dead = d / "999999-export"
    dead.mkdir()
    (dead / "x.xlsx").write_bytes(b"id numbers")
    mine = tempfiles.new_dir("test")
    tempfiles.clean_at_start()
    assert not dead.exists() and mine.exists()


def test_disk_full_anywhere_on_the_command_line_is_one_chinese_line(ledger, capsys, monkeypatch):
    import partydesk.excel

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(partydesk.excel, "export_table", full)
    out = ledger.path.with_name("导出.xlsx")
    assert main(["export", "people", "-o", str(out), "--ledger", str(ledger.path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：磁盘空间已满") and "Traceback" not in err


def test_an_empty_lock_file_is_taken_over(ledger):
    """A lock file left empty (its writer died between creating and writing it)."""
    path = ledger.path
    ledger.close()
    path.with_name(path.name + ".lock").write_bytes(b"")
    with open_ledger(path) as lg:
        assert not lg.readonly
