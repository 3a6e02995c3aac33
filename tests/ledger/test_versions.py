"""Two clerks editing the same record: the one who saves second, over a version they
were not shown, is refused with 已被他人修改 and nothing of theirs is written — on a
SQLite file (two connections), and on the server in the PostgreSQL run."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from partydesk.ledger import editing
from partydesk.ledger.errors import ConflictError
from partydesk.ledger.models import Person
from tests.clients import client, shared_ledger  # noqa: F401 - the fixture
from tests.sample_ledger import fill_sample


@pytest.fixture
def two(shared_ledger):  # noqa: F811 - the fixture imported above
    a, b = client(shared_ledger), client(shared_ledger)
    ids = fill_sample(a)
    yield a, b, ids
    a.close()
    b.close()


def _shown(lg, pid):
    """What a window shows of the person: the phone, and the version kept beside it."""
    with lg.session() as s:
        p = s.get(Person, pid)
        return p.phone, p.version


def _phone(lg, pid):
    with lg.session() as s:
        return s.scalar(select(Person.phone).where(Person.id == pid))


def test_second_clerk_saving_over_an_edit_gets_already_changed(two):
    a, b, ids = two
    pid = ids["张伟"]
    _, va = _shown(a, pid)
    _, vb = _shown(b, pid)
    with b.session() as s:
        ch = editing.set_fields(s, "person", pid, {"phone": "13900139000"}, expect_version=vb)
    assert ch.version == vb + 1
    with pytest.raises(ConflictError) as e, a.session() as s:
        editing.set_fields(s, "person", pid, {"phone": "13700137000"}, expect_version=va)
    assert str(e.value).startswith("已被他人修改")
    assert "张伟" in str(e.value)
    assert _phone(a, pid) == "13900139000"  # B's change stands, A's is not written
    # shown again (the row reloaded), A's edit goes through
    _, va = _shown(a, pid)
    with a.session() as s:
        editing.set_fields(s, "person", pid, {"phone": "13700137000"}, expect_version=va)
    assert _phone(b, pid) == "13700137000"


def test_a_save_between_reading_and_writing_is_refused_too(two):
    """Both read the record; B commits while A's edit is under way: the ORM's
    UPDATE … WHERE version = … finds no row and A's transaction is refused."""
    a, b, ids = two
    pid = ids["张伟"]
    with pytest.raises(ConflictError), a.session() as sa:
        p = sa.get(Person, pid)
        with b.session() as sb:
            editing.set_fields(sb, "person", pid, {"phone": "13900139000"})
        p.phone = "13700137000"
        sa.flush()
    assert _phone(b, pid) == "13900139000"


def test_paste_refuses_rows_changed_since_shown_and_writes_the_others(two):
    a, b, ids = two
    p1, p2 = ids["张伟"], ids["刘洋"]
    with a.session() as s:
        shown = editing.versions(s, "person", [p1, p2])
    with b.session() as s:
        editing.set_fields(s, "person", p1, {"phone": "13900139000"})
    with a.session() as s:
        changes, refused = editing.paste_cells(
            s,
            "person",
            [(p1, None, "phone", "13700137000"), (p2, None, "phone", "13700137001")],
            versions=shown,
        )
    assert [c.id for c in changes] == [p2]
    assert [(r.id, r.reason[:6]) for r in refused] == [(p1, "已被他人修改")]
    assert _phone(b, p1) == "13900139000" and _phone(b, p2) == "13700137001"


def test_undo_does_not_overwrite_what_another_clerk_saved_since(two):
    a, b, ids = two
    pid = ids["张伟"]
    with a.session() as s:
        ch = editing.set_fields(s, "person", pid, {"phone": "13700137000"})
    with b.session() as s:
        editing.set_fields(s, "person", pid, {"phone": "13900139000"})
    with pytest.raises(ConflictError), a.session() as s:
        editing.revert(s, [ch])
    assert _phone(a, pid) == "13900139000"


def test_delete_of_a_record_changed_since_shown_is_refused(two):
    a, b, ids = two
    pid = ids["刘洋"]
    _, shown = _shown(a, pid)
    with b.session() as s:
        editing.set_fields(s, "person", pid, {"phone": "13900139000"})
    with pytest.raises(ConflictError), a.session() as s:
        editing.delete_record(s, "person", pid, expect_version=shown)
    assert _phone(a, pid) == "13900139000"


def test_two_clerks_saving_different_records_at_once_keep_the_audit_chain_whole(two):
    """B saves while A's transaction, its log entry written, is still open: B's entry
    follows A's (writers take turns), so neither fails and the chain stays whole."""
    import threading
    import time

    from partydesk.audit import chain

    a, b, ids = two
    failed: list[BaseException] = []

    def b_saves():
        try:
            with b.session() as s:
                editing.set_fields(s, "person", ids["刘洋"], {"phone": "13900139001"})
        except BaseException as e:  # noqa: BLE001 - asserted below
            failed.append(e)

    with a.session() as s:
        editing.set_fields(s, "person", ids["张伟"], {"phone": "13900139000"})
        s.flush()  # A's entry is written, not yet committed
        t = threading.Thread(target=b_saves)
        t.start()
        time.sleep(0.5)
    t.join(30)
    assert failed == []
    assert (_phone(a, ids["张伟"]), _phone(a, ids["刘洋"])) == ("13900139000", "13900139001")
    with a.session() as s:
        report = chain.verify(s)
    assert report.broken is None
