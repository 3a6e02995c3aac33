"""The window opens a ledger without waiting for the quick check of the whole file
(`file_check="later"`); the check then runs in the background, and no write reaches a
file it finds damaged."""

import sqlite3
import threading
import time

import pytest
from sqlalchemy import insert, select, update

from partydesk.errors import LedgerError
from partydesk.ledger import open_ledger, opening
from partydesk.ledger.db import LedgerDamagedError, LedgerReadOnlyError
from partydesk.ledger.models import Person

pytestmark = pytest.mark.sqlite_only("damage in a ledger file found after it was opened")


def _ledger_with_people(path, n=3000):
    lg = open_ledger(path, create=True)
    with lg.session() as s:
        s.info["audit"] = False
        s.execute(insert(Person), [{"name": f"成员{i}", "job": "原岗位" * 20} for i in range(n)])
    lg.close()


def _index_leaf(path):
    """A leaf page of the index on names: (page number, page size)."""
    c = sqlite3.connect(path)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = c.execute(
        "SELECT pageno FROM dbstat WHERE name = 'ix_person_name' AND pagetype = 'leaf'"
    ).fetchall()[1][0]
    size = c.execute("PRAGMA page_size").fetchone()[0]
    c.close()
    return page, size


def _damage_page(path, page, size):
    with open(path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xff" * size)


def _job(lg, pid=1):
    with lg.session() as s:
        return s.scalar(select(Person.job).where(Person.id == pid))


def test_damaged_index_page_is_found_after_opening_and_nothing_is_written(ledger_path):
    _ledger_with_people(ledger_path)
    page, size = _index_leaf(ledger_path)
    _damage_page(ledger_path, page, size)
    with pytest.raises(LedgerDamagedError):  # the command line still checks first
        open_ledger(ledger_path, daily_backup="later").close()

    lg = open_ledger(ledger_path, daily_backup="later", file_check="later")
    try:
        assert not lg.readonly  # shown at once, the verdict still to come
        assert _job(lg).startswith("原岗位")
        outcome = []

        def edit():
            try:
                with lg.session() as s:
                    s.get(Person, 1).job = "新岗位"
                outcome.append("saved")
            except LedgerError as e:
                outcome.append(str(e))

        writer = threading.Thread(target=edit)
        writer.start()
        time.sleep(0.3)
        assert writer.is_alive()  # the edit waits for the file check
        opening.check_file(lg)
        writer.join(10)
        assert lg.readonly
        assert "已损坏" in lg.readonly_reason and "只读" in lg.readonly_reason
        assert outcome == [lg.readonly_reason]
        with pytest.raises(LedgerReadOnlyError):  # a write by SQL is refused too
            with lg.session() as s:
                s.execute(update(Person).where(Person.id == 2).values(job="新岗位"))
    finally:
        lg.close()
    c = sqlite3.connect(ledger_path)
    assert c.execute("SELECT count(*) FROM person WHERE job = '新岗位'").fetchone() == (0,)
    c.close()


def test_sound_file_is_writable_once_checked(ledger_path):
    _ledger_with_people(ledger_path, n=50)
    lg = open_ledger(ledger_path, daily_backup="later", file_check="later")
    try:
        assert lg.file_checked is not None and not lg.file_checked.is_set()
        opening.check_file(lg)
        assert lg.file_checked.is_set() and not lg.readonly
        with lg.session() as s:
            s.get(Person, 1).job = "新岗位"
        assert _job(lg) == "新岗位"
    finally:
        lg.close()


def test_a_ledger_to_upgrade_is_checked_before_its_schema_is_touched(ledger_path):
    _ledger_with_people(ledger_path, n=50)
    c = sqlite3.connect(ledger_path)
    c.execute("UPDATE alembic_version SET version_num = '0010_safety'")
    c.commit()
    c.close()
    lg = open_ledger(ledger_path, daily_backup="later", file_check="later", upgrade=False)
    try:
        assert lg.file_checked is None and lg.quick_checked_at is not None
    finally:
        lg.close()
