"""A process killed (SIGKILL) in the middle of a large import or a bulk edit leaves the
ledger intact, with all or none of the work (and of its audit entries)."""

from __future__ import annotations

import signal
import sqlite3

import pytest
from safety_helpers import add_people, child, wait_for_line
from sqlalchemy import func, select

from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person
from partydesk.ledger.models.audit import AuditEntry

pytestmark = pytest.mark.sqlite_only("killing a process while it writes a ledger file")

IMPORT = r"""
import sys
from sqlalchemy import insert, text
from partydesk import audit
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person
lg = open_ledger(sys.argv[1])
stop_at = sys.argv[2]
with lg.session() as s:
    s.execute(text("PRAGMA cache_size=20"))  # spill uncommitted pages into the WAL early
    chunks = 2000 if stop_at == "mid" else 10
    for chunk in range(chunks):
        s.execute(insert(Person), [{"name": f"导入{chunk}-{i}", "job": "导入"} for i in range(500)])
        if chunk == 10 and stop_at == "mid":
            print("KILLME", flush=True)
    audit.log(s, "import", "person", label="导入")
    if stop_at == "commit":
        print("KILLME", flush=True)
print("DONE", flush=True)
"""

EDIT = r"""
import sys
from sqlalchemy import select, text
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Person
lg = open_ledger(sys.argv[1])
stop_at = sys.argv[2]
with lg.session() as s:
    s.execute(text("PRAGMA cache_size=20"))
    people = s.scalars(select(Person)).all()
    for i, p in enumerate(people):
        p.job = "新岗位"
        if i % 200 == 199:
            s.flush()
        if i == len(people) // 2 and stop_at == "mid":
            s.flush()
            print("KILLME", flush=True)
            import time; time.sleep(30)
    if stop_at == "commit":
        s.flush()
        print("KILLME", flush=True)
print("DONE", flush=True)
"""


def _kill_when_told(script, path, stop_at):
    proc = child(script, str(path), stop_at)
    try:
        wait_for_line(proc, "KILLME")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return proc


def _integrity(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


@pytest.mark.parametrize("stop_at", ["mid", "commit"])
def test_killed_import_leaves_all_or_none(ledger, stop_at):
    add_people(ledger, 30)
    path = ledger.path
    ledger.close()
    proc = _kill_when_told(IMPORT, path, stop_at)
    assert proc.returncode == -signal.SIGKILL
    # Opening takes over the dead process's lock and checks the file.
    with open_ledger(path) as lg:
        assert not lg.readonly
        assert _integrity(path) == ["ok"]
        with lg.session() as s:
            imported = s.scalar(select(func.count()).where(Person.name.like("导入%")))
            logged = s.scalar(select(func.count()).where(AuditEntry.action == "import"))
            kept = s.scalar(select(func.count()).where(Person.name.like("成员%")))
    assert kept == 30
    if stop_at == "mid":
        assert imported == 0 and logged == 0
    else:  # killed somewhere around the commit: all or nothing, and logged iff imported
        assert (imported, logged) in {(0, 0), (10 * 500, 1)}


@pytest.mark.parametrize("stop_at", ["mid", "commit"])
def test_killed_bulk_edit_leaves_all_or_none(ledger, stop_at):
    add_people(ledger, 1000)
    path = ledger.path
    ledger.close()
    proc = _kill_when_told(EDIT, path, stop_at)
    assert proc.returncode == -signal.SIGKILL
    with open_ledger(path) as lg:
        assert _integrity(path) == ["ok"]
        with lg.session() as s:
            jobs = dict(s.execute(select(Person.job, func.count()).group_by(Person.job)).all())
            logged = s.scalar(select(func.count()).where(AuditEntry.action == "update"))
    assert sum(jobs.values()) == 1000
    if stop_at == "mid":
        assert jobs == {"原岗位": 1000} and logged == 0
    else:
        assert (jobs, logged) in [({"原岗位": 1000}, 0), ({"新岗位": 1000}, 1000)]
