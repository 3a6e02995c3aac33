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
        m.setattr(search, "USE_SHORT", False)
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


def test_short_words_found_by_their_index(demo_ledger, monkeypatch):
    """One- and two-character words (a surname, a given name, 支部) have no trigram: the
    short-word index finds exactly what LIKE found, in every table and column."""
    with demo_ledger.session() as s:
        names = [r[0] for r in s.execute(text("SELECT name FROM person ORDER BY id LIMIT 40"))]
    words = {n[0] for n in names} | {n[1:3] for n in names} | {n[-1] for n in names}
    words |= {"张", "党", "支部", "有限", "公司", "路", "13", "1", "x", "X9", "没有", "%", "_"}
    compared = 0
    for w in sorted(words):
        for entity in ("person", "org", "unit", "instructor"):
            got = find(demo_ledger, entity, w)
            assert got == find_by_like(demo_ledger, entity, w, monkeypatch), (entity, w)
            compared += bool(got)
    assert compared > 60
    # two words, one short: both must be found in the record
    two = find(demo_ledger, "person", f"{names[0][0]} 支部")
    assert two and two == find_by_like(demo_ledger, "person", f"{names[0][0]} 支部", monkeypatch)


def test_a_two_character_name_is_looked_up_not_scanned(demo_ledger):
    """The window's search for 张伟 reads the short-word index, not every person."""
    with demo_ledger.session() as s:
        stmt = listing.ids_statement(ListQuery("person", "张伟"), limit=201)
        sql = stmt.compile(dialect=s.bind.dialect, compile_kwargs={"literal_binds": True})
        plan = " | ".join(r[-1] for r in s.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "SEARCH person_search_short USING PRIMARY KEY (token=?)" in plan, plan


def test_a_first_screenful_is_the_head_of_the_whole_list(demo_ledger):
    """The window asks for the first rows only (`limit`), where the search conditions
    take another form (one id list walked in order): the same records, in the same
    order, as the head of the whole list — for short words, indexed words, ID digits,
    names of organizations, several words, filters and sorts."""
    with demo_ledger.session() as s:
        names = [r[0] for r in s.execute(text("SELECT name FROM person ORDER BY id LIMIT 20"))]
    words = sorted({n[0] for n in names} | {n[1:3] for n in names})
    words += ["张", "支部", "有限公司", "委员会", "13", "320", "没有", "张 支部", "路 有限"]
    compared = 0
    with demo_ledger.session() as s:
        for w in words:
            for entity in ("person", "org", "unit"):
                for sort in (None, "name", "birth_date" if entity == "person" else "street"):
                    for filters in ({}, {"status": ["active"]} if entity != "org" else {}):
                        q = ListQuery(entity, w, filters, sort)
                        whole = listing.query_ids(s, q)
                        for n in (1, 7, 201):
                            assert listing.query_ids(s, q, limit=n) == whole[:n], (q, n)
                        compared += len(whole) > 7
    assert compared > 50


def test_a_common_surname_shows_its_first_rows_without_sorting_every_match(demo_ledger):
    """张 is in thousands of names at a county's size: the window's first screenful in
    record order walks the matching ids in order and stops, instead of fetching and
    sorting every match (15-20 ms at 300,000 people, 3 ms so)."""
    with demo_ledger.session() as s:
        stmt = listing.ids_statement(ListQuery("person", "张"), limit=201)
        sql = stmt.compile(dialect=s.bind.dialect, compile_kwargs={"literal_binds": True})
        plan = " | ".join(r[-1] for r in s.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "SEARCH person_search_short USING PRIMARY KEY (token=?)" in plan, plan
    # people read by their key only, the matching ids already in order: no scan of the
    # table (a small ledger's plan) nor a sort of every match (a county's, 7,000 for 张)
    assert "SCAN person" not in plan and "TEMP B-TREE" not in plan, plan


def _expected_pieces(lg, table: str, columns) -> set:
    """Every (piece, column, id) of one- and two-character pieces, computed here."""
    fold = str.lower if lg.is_server else (lambda v: v.translate(search._ASCII_LOWER))
    out = set()
    with lg.session() as s:
        for row in s.execute(text(f"SELECT id, {', '.join(columns)} FROM {table}")):
            for code, v in enumerate(row[1:]):
                v = fold(v or "")
                for i in range(len(v)):
                    out |= {(p, code, row[0]) for p in (v[i], v[i : i + 2]) if " " not in p}
    return out


def _stored_pieces(lg, short: str) -> set:
    with lg.session() as s:
        return {tuple(r) for r in s.execute(text(f"SELECT token, col, id FROM {short}"))}


def test_short_index_follows_every_write(ledger):
    ids = fill_sample(ledger)
    with ledger.session() as s:
        snap = editing.add_record(
            s,
            "person",
            {
                "name": "欧阳明轩",
                "id_number": idcard.make("330102", date(1991, 4, 5), 77, "M"),
                "category": "applicant",
                "applied_on": "2026-03-01",
                "org_id": ids["orgs"][0],
                "job": "Web 设计",
            },
        )
    new_id = snap.id
    assert new_id in find(ledger, "person", "欧阳") and new_id in find(ledger, "person", "轩")
    assert new_id in find(ledger, "person", "WE")  # as LIKE: ASCII letters in any case
    with ledger.session() as s:
        editing.set_fields(s, "person", new_id, {"name": "欧阳子涵"})
    assert new_id not in find(ledger, "person", "明轩")
    assert new_id in find(ledger, "person", "子涵")
    with ledger.session() as s:
        gone = editing.delete_record(s, "person", new_id)
    assert new_id not in find(ledger, "person", "子涵")
    with ledger.session() as s:
        editing.restore(s, gone)
    assert new_id in find(ledger, "person", "子涵")
    ledger.close()
    where = ledger.location if ledger.is_server else ledger.path
    con = raw_connect(ledger)  # another program writing the file
    con.execute(f"UPDATE person SET name = '诸葛 亮' WHERE id = {int(ids['王芳'])}")
    con.execute(f"UPDATE person SET job = NULL WHERE id = {int(new_id)}")
    con.execute(f"UPDATE organization SET short_name = '星光' WHERE id = {int(ids['orgs'][0])}")
    con.commit()
    con.close()
    lg = open_ledger(where)
    try:
        assert find(lg, "person", "诸葛") == [ids["王芳"]]
        assert find(lg, "org", "星光") == [ids["orgs"][0]]
        for entity, (short, cols) in search.SHORT.items():
            table = search.INDEXED[entity][0]
            assert _stored_pieces(lg, short) == _expected_pieces(lg, table, cols), entity
    finally:
        lg.close()


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


def test_short_index_layout_matches_the_migration():
    from importlib import import_module

    mig = import_module("partydesk.ledger.migrations.versions.0017_shortsearch")
    assert {s: c for s, c in mig.SHORT.values()} == dict(search.SHORT.values())
    for entity, (short, cols) in search.SHORT.items():
        assert mig.SHORT[search.INDEXED[entity][0]] == (short, cols)
        # its columns are searched text columns of the trigram index (no ID numbers, phones)
        assert set(cols) <= set(search.INDEXED[entity][2])
        assert not {_kind(entity, c) for c in cols} & {"idcard", "phone", "creditcode"}


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


def test_a_ledger_of_the_version_before_gets_its_short_index(ledger, monkeypatch):
    """A ledger written before the short-word index (the schema just before it), with a
    name changed by that version, opens with every record kept and finds 1–2-character
    words."""
    from importlib import import_module

    from alembic import command

    from partydesk.ledger import migrate

    before_it = import_module("partydesk.ledger.migrations.versions.0017_shortsearch").down_revision

    ids = fill_sample(ledger)
    with ledger.session() as s:
        before = s.execute(text("SELECT * FROM person ORDER BY id")).all()
    command.downgrade(migrate.alembic_config(ledger.engine), before_it)
    ledger.close()
    where = ledger.location if ledger.is_server else ledger.path
    con = raw_connect(ledger)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(before_it,)]
    con.execute(f"UPDATE person SET name = '司马 懿' WHERE id = {int(ids['王芳'])}")
    con.commit()
    con.close()
    lg = open_ledger(where)
    try:
        with lg.session() as s:
            after = s.execute(text("SELECT * FROM person ORDER BY id")).all()
            version = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == migrate.head_revision()
        changed = [tuple(r) for r in after if r.id == ids["王芳"]]
        assert [tuple(r) for r in after if r.id != ids["王芳"]] == [
            tuple(r) for r in before if r.id != ids["王芳"]
        ]
        assert "司马 懿" in changed[0]
        assert find(lg, "person", "司马") == [ids["王芳"]]
        assert find(lg, "person", "懿") == [ids["王芳"]]
        assert find(lg, "person", "张") == find_by_like(lg, "person", "张", monkeypatch)
        for entity, (short, cols) in search.SHORT.items():
            table = search.INDEXED[entity][0]
            assert _stored_pieces(lg, short) == _expected_pieces(lg, table, cols), entity
    finally:
        lg.close()


def test_the_migration_head_is_read_without_alembic():
    """The window reads the head from the migration files (no Alembic import at start):
    the same revision Alembic itself finds, and every revision it knows is known."""
    from alembic.script import ScriptDirectory

    from partydesk.ledger import migrate

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert set(migrate._revisions()) == {r.revision for r in script.walk_revisions()}
    assert not migrate.is_known("9999_from_a_newer_version")
