"""Backups of a server ledger: `partydesk backup` writes a SQLite ledger file that opens
offline with every table's rows and values; `partydesk restore FILE --ledger
postgresql://…` loads a file into an empty server database with the same counts and
values, and the ids go on after the largest (a new record does not collide). Runs in the
PostgreSQL run (PARTYDESK_TEST_DB)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from partydesk.backup import read_counts
from partydesk.backup.server import server_counts
from partydesk.cli import main
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Base, Organization, Person
from tests.sample_ledger import fill_sample


def _rows(ledger):
    """Every table's rows by id, as Python values (what a user could see anywhere)."""
    out = {}
    with ledger.engine.connect() as conn:
        for t in Base.metadata.sorted_tables:
            rows = conn.execute(select(t).order_by(*t.primary_key)).all()
            out[t.name] = [tuple(r) for r in rows]
    return out


@pytest.fixture
def server_ledger(ledger):
    if not ledger.is_server:
        pytest.skip("needs the PostgreSQL run (PARTYDESK_TEST_DB)")
    return ledger


def test_backup_of_a_server_ledger_is_a_ledger_file_with_everything(
    server_ledger, tmp_path, capsys
):
    ids = fill_sample(server_ledger)
    with server_ledger.session() as s:
        s.get(Person, ids["张伟"]).job = "车间主任"
    want = _rows(server_ledger)
    counts = server_counts(server_ledger)
    assert counts["person"] == 6
    code = main(["backup", "--ledger", server_ledger.location, "--to", str(tmp_path / "bk")])
    out = capsys.readouterr().out
    assert code == 0, out
    (made,) = list((tmp_path / "bk").glob("*.partydesk"))
    assert made.read_bytes()[:16] == b"SQLite format 3\x00"
    assert f"已备份：{made}" in out
    assert read_counts(made)["person"] == 6
    with open_ledger(made, readonly=True) as offline:
        got = _rows(offline)
        with offline.session() as s:
            assert s.get(Person, ids["张伟"]).job == "车间主任"
        # the search index of the file was filled as the rows went in
        from partydesk.ledger import listing

        with offline.session() as s:
            q = listing.ListQuery("person", text="张伟")
            assert listing.query_ids(s, q) == [ids["张伟"]]
    for t, rows in want.items():
        assert got[t] == rows, t


def test_restore_a_ledger_file_into_an_empty_server_database(
    ledger_path, new_ledger, tmp_path, capsys
):
    if not isinstance(ledger_path, str):
        pytest.skip("needs the PostgreSQL run (PARTYDESK_TEST_DB)")
    src_file = tmp_path / "township.partydesk"
    with open_ledger(src_file, create=True) as lg:
        fill_sample(lg)
        with lg.session() as s:
            # a parent with a larger id than its child: references written after the rows
            top = Organization(name="后建的党委", org_type="committee")
            s.add(top)
            s.flush()
            first = s.scalars(select(Organization).order_by(Organization.id)).first()
            first.parent_id = top.id
        want = _rows(lg)
    empty = new_ledger("empty.partydesk", schema=False)
    code = main(["restore", str(src_file), "--ledger", empty])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "已从备份恢复到服务器账本" in out.out
    with open_ledger(empty) as srv:
        got = _rows(srv)
        for t, rows in want.items():
            assert got[t] == rows, t
        with srv.session() as s:  # ids go on after the largest restored one
            largest = s.scalar(select(func.max(Person.id)))
            assert largest == 6
            p = Person(
                name="新来的",
                category="applicant",
                org_id=s.scalars(select(Organization.id)).first(),
            )
            s.add(p)
            s.flush()
            assert p.id == largest + 1
    # a database that already holds a ledger is not overwritten
    code = main(["restore", str(src_file), "--ledger", empty])
    assert code == 1 and "账本已存在" in capsys.readouterr().err


def test_save_copy_of_a_server_ledger_is_a_ledger_file_that_opens_offline(server_ledger, tmp_path):
    """另存副本 on a server ledger (the window's File menu) once failed: it opened the
    server's stand-in path as a SQLite file. Now the copy is the server's snapshot."""
    from partydesk.backup import save_copy

    ids = fill_sample(server_ledger)
    dest = tmp_path / "县账本-副本.partydesk"
    assert save_copy(server_ledger, dest) == dest
    assert [p.name for p in tmp_path.iterdir()] == [dest.name]  # (nothing left beside it)
    with open_ledger(dest, readonly=True) as offline:
        with offline.session() as s:
            assert s.get(Person, ids["张伟"]).name == "张伟"
            assert s.scalar(select(func.count()).select_from(Person)) == 6
        assert _rows(offline) == _rows(server_ledger)


def test_restoring_a_server_ledger_in_place_is_refused_with_the_way_to_do_it(
    server_ledger, tmp_path
):
    """The backup dialog's 恢复 on a server ledger crashed (SQLite's backup API into the
    server's connection); it is refused in Chinese, naming the command that restores
    into a new, empty database, and nothing is changed."""
    from partydesk.backup import BackupError, restore, save_copy

    fill_sample(server_ledger)
    snap = save_copy(server_ledger, tmp_path / "snap.partydesk")
    before = _rows(server_ledger)
    with pytest.raises(BackupError, match="服务器账本不能在原处恢复") as e:
        restore(server_ledger, snap)
    assert "partydesk restore --ledger" in str(e.value) and str(snap) in str(e.value)
    assert _rows(server_ledger) == before
