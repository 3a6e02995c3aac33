"""The search index: every search box finds what LIKE '%word%' found, and the index stays
in step with every way a record is written (form, cell edit, paste, delete and undo,
Excel import, raw SQL)."""

from __future__ import annotations

import random
import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from partydesk import excel
from partydesk.ledger import editing, listing, open_ledger, search
from partydesk.ledger.listing import ListQuery
from partydesk.rules import idcard
from tests.sample_ledger import fill_sample


def find(lg, entity: str, words: str) -> list[int]:
    with lg.session() as s:
        return listing.query_ids(s, ListQuery(entity, words))


def find_by_like(lg, entity: str, words: str, monkeypatch) -> list[int]:
    """The same search with the index switched off: the LIKE scan it replaces."""
    with monkeypatch.context() as m:
        m.setattr(search, "MIN_INDEXED", 10**6)
        return find(lg, entity, words)


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory):
    from partydesk.demo import build_demo

    path = tmp_path_factory.mktemp("search") / "demo.partydesk"
    build_demo(path, units=40, members=600, seed=3, today=date(2026, 11, 1))
    lg = open_ledger(path)
    yield lg
    lg.close()


def test_index_finds_what_like_found_on_a_sample(demo_ledger, monkeypatch):
    lg = demo_ledger
    with lg.session() as s:
        values = [
            v
            for row in s.execute(
                text(
                    "SELECT p.name, p.id_number, p.phone, p.job, o.name FROM person p "
                    "LEFT JOIN organization o ON o.id = p.org_id"
                )
            )
            for v in row
            if v and len(v) >= 3
        ]
        values += [
            v
            for row in s.execute(text("SELECT name, address, industry, credit_code FROM unit"))
            for v in row
            if v and len(v) >= 3
        ]
    rnd = random.Random(7)
    words = []
    for v in rnd.sample(values, 120):
        n = rnd.choice([3, 4, 6])
        i = rnd.randrange(0, max(len(v) - n, 0) + 1)
        words.append(v[i : i + n])
    # two words, a word in no record, LIKE's wildcards taken literally, case, quotes
    words += ["有限 公司", "支部委员会 张", "没有这个词", "1_3", "50%", "abc", 'a"b', "XYZ"]
    compared = 0
    for w in words:
        for entity in ("person", "org", "unit", "instructor"):
            got = find(lg, entity, w)
            assert got == find_by_like(lg, entity, w, monkeypatch), (entity, w)
            compared += bool(got)
    assert compared > 100  # most words do find records


def test_short_words_still_found(demo_ledger, monkeypatch):
    """One- and two-character words (a surname, a given name) have no trigram: LIKE."""
    for w in ("张", "李", "党"):
        got = find(demo_ledger, "person", w)
        assert got and got == find_by_like(demo_ledger, "person", w, monkeypatch)


def test_index_follows_every_write(ledger, tmp_path):
    ids = fill_sample(ledger)
    org = ids["orgs"][0]
    id_number = idcard.make("330102", date(1991, 4, 5), 77, "M")
    # a record added (the window's form, `partydesk add`)
    with ledger.session() as s:
        snap = editing.add_record(
            s,
            "person",
            {
                "name": "欧阳明轩",
                "id_number": id_number,
                "category": "applicant",
                "applied_on": "2026-03-01",
                "org_id": org,
            },
        )
    new_id = snap.id
    assert find(ledger, "person", "欧阳明轩") == [new_id]
    assert find(ledger, "person", id_number[6:14]) == [new_id]
    # a cell edit (or the detail form): the old name is gone, the new one found
    with ledger.session() as s:
        editing.set_fields(s, "person", new_id, {"name": "欧阳子涵"})
    assert find(ledger, "person", "欧阳明轩") == []
    assert find(ledger, "person", "欧阳子涵") == [new_id]
    # a pasted block
    with ledger.session() as s:
        changes, refused = editing.paste_cells(
            s,
            "person",
            [(new_id, None, "job", "快递配送站长"), (ids["张伟"], None, "job", "配送站长")],
        )
    assert not refused
    assert set(find(ledger, "person", "配送站长")) == {new_id, ids["张伟"]}
    # deleted, and put back by undo
    with ledger.session() as s:
        gone = editing.delete_record(s, "person", new_id)
    assert find(ledger, "person", "欧阳子涵") == []
    with ledger.session() as s:
        editing.restore(s, gone)
    assert find(ledger, "person", "欧阳子涵") == [new_id]
    # an organization renamed: its people are found by the new name
    with ledger.session() as s:
        editing.set_fields(s, "org", org, {"name": "中共星光智造有限公司支部委员会"})
    assert ids["张伟"] in find(ledger, "person", "星光智造")
    assert find(ledger, "org", "星光智造") == [org]


def test_index_follows_import_and_raw_sql(ledger, tmp_path):
    import openpyxl

    ids = fill_sample(ledger)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份证号", "人员类别", "申请入党日期", "所在党支部", "联系电话"])
    ws.append(
        [
            "司马懿然",
            idcard.make("330102", date(1993, 2, 3), 55, "F"),
            "入党申请人",
            "2026-03-01",
            "中共星光科技有限公司支部委员会",
            "13700001111",
        ]
    )
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    plan = excel.plan_import(ledger, "people", path, today=date(2026, 11, 1))
    excel.apply_import(ledger, plan)
    found = find(ledger, "person", "司马懿然")
    assert len(found) == 1
    assert find(ledger, "person", "0000111") == found
    # rows written by another program straight into the file
    ledger.close()
    where = ledger.location if ledger.is_server else ledger.path
    flags = "false" if ledger.is_server else "0"
    con = raw_connect(ledger)
    con.execute(
        "INSERT INTO unit (name, kind, status, employees, above_scale, high_tech, key_unit, "
        "has_union, has_league, uuid, created_at, updated_at) VALUES ('澜沧江生物制药有限公司', "
        f"'enterprise', 'operating', 3, {flags}, {flags}, {flags}, {flags}, {flags}, 'u-raw-1', "
        "'2026-01-01', '2026-01-01')"
    )
    con.execute(f"UPDATE person SET name = '诸葛亮亮' WHERE id = {int(ids['王芳'])}")
    con.commit()
    con.close()
    lg = open_ledger(where)
    try:
        assert len(find(lg, "unit", "澜沧江生物")) == 1
        assert find(lg, "person", "诸葛亮亮") == [ids["王芳"]]
        if lg.is_server:
            return  # the trigram indexes are plain indexes: nothing beside the table to check
        with lg.session() as s:
            # the index holds exactly the table's rows
            n = s.execute(text("SELECT count(*) FROM person_search")).scalar()
            assert n == s.execute(text("SELECT count(*) FROM person")).scalar()
            s.execute(text("INSERT INTO person_search(person_search) VALUES('integrity-check')"))
    finally:
        lg.close()


def test_index_layout_matches_the_migration():
    from importlib import import_module

    mig = import_module("partydesk.ledger.migrations.versions.0011_search")
    assert {fts: cols for fts, cols in mig.INDEXED.values()} == {
        fts: cols for _, fts, cols in search.INDEXED.values()
    }
    for entity, (_tbl, _fts, cols) in search.INDEXED.items():
        own = [c for c in listing.SEARCH[entity] if c in {f.name for f in _fields(entity)}]
        # every searched column of its own that is not a joined name is in the index
        assert {c for c in own if _kind(entity, c) not in ("org", "unit")} <= set(cols)


def _fields(entity):
    from partydesk.ledger import fields as F

    return F.entity(entity).fields


def _kind(entity, name):
    from partydesk.ledger import fields as F

    return F.entity(entity).field(name).kind


def raw_connect(ledger):
    """A plain driver connection, as another program would write the ledger."""
    if ledger.is_server:
        from partydesk.ledger import server

        return server.connect(ledger.server)
    return sqlite3.connect(ledger.path)
