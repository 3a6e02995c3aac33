"""A search's first screen sorted by a column whose order an index holds (姓名 by its
pinyin key, 出生日期 with empty dates last) is read by walking that index for a moment
(SQLite), else by sorting the matches: either way it is the very rows, in the very order,
that head the whole list."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, text

from partydesk.ledger import listing, sortkeys
from partydesk.ledger.listing import ListQuery
from partydesk.ledger.models import Person

SURNAMES = "张王李赵刘陈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


@pytest.fixture
def people(ledger):
    rnd = random.Random(7)
    rows = []
    for i in range(3000):
        given = "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
        born = None if i % 13 == 0 else date(1950, 1, 1) + timedelta(days=rnd.randrange(20000))
        rows.append({"name": rnd.choice(SURNAMES) + given, "birth_date": born})
    rows.append({"name": "欧阳罕见", "birth_date": None})
    with ledger.session() as s:
        s.execute(insert(Person), rows)
        sortkeys.fill_missing(s, ["person"])
        s.commit()
    return ledger


CASES = [
    ("张", "birth_date", False),
    ("张", "name", False),
    ("张", "name", True),
    ("伟", "birth_date", True),  # descending: empty dates still last, no walk
    ("罕见", "birth_date", False),  # one match, whose date is empty
    ("罕见", "name", False),
]


@pytest.mark.parametrize("walk_s", [listing.WALK_S, 0.0], ids=["walked", "sorted"])
@pytest.mark.parametrize(("word", "sort", "descending"), CASES)
def test_first_screen_is_the_head_of_the_whole_list(
    people, monkeypatch, walk_s, word, sort, descending
):
    monkeypatch.setattr(listing, "WALK_S", walk_s)  # 0: the walk gives up at once
    q = ListQuery("person", word, {}, sort, descending)
    with people.session() as s:
        whole = listing.query_ids(s, q)
        first = listing.query_ids(s, q, limit=50, budget_s=5.0)
    assert whole and first == whole[:50]
    if sort == "birth_date":
        with people.session() as s:
            born = dict(s.execute(text("SELECT id, birth_date FROM person")).all())
        dates = [born[i] for i in whole]
        assert dates.index(None) == len([d for d in dates if d is not None])  # empty: last


def test_a_common_word_sorted_by_birth_walks_the_index(people):
    if people.is_server:
        pytest.skip("the walk is SQLite's (INDEXED BY); PostgreSQL's planner picks its own")
    seen: list[str] = []
    with people.session() as s:
        s.connection().connection.driver_connection.set_trace_callback(seen.append)
        first = listing.query_ids(s, ListQuery("person", "张", {}, "birth_date"), 50, 5.0)
    assert len(first) == 50
    walked = [sql for sql in seen if "INDEXED BY ix_person_birth_order" in sql]
    assert walked and not [sql for sql in seen if sql.startswith("SELECT") and sql not in walked]


def test_a_walk_out_of_time_gives_way_to_the_sort(people, monkeypatch):
    """A rare word walks the whole index: stopped, its few matches are sorted instead."""
    if people.is_server:
        pytest.skip("the walk is SQLite's (INDEXED BY)")
    monkeypatch.setattr(listing, "WALK_S", 0.0)
    q = ListQuery("person", "罕见", {}, "birth_date")
    seen: list[str] = []
    with people.session() as s:
        whole = listing.query_ids(s, q)
        s.connection().connection.driver_connection.set_trace_callback(seen.append)
        first = listing.query_ids(s, q, 50, 5.0)
    selects = [sql for sql in seen if sql.startswith("SELECT")]
    assert first == whole and len(whole) == 1
    assert ["INDEXED BY" in sql for sql in selects] == [True, False]  # walked, then sorted


def test_the_birth_order_index_serves_the_plain_sort(people):
    if people.is_server:
        plan = "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_person_birth_order'"
        with people.session() as s:
            assert s.execute(text(plan)).scalar() == "ix_person_birth_order"
        return
    stmt = listing.ids_statement(ListQuery("person", sort="birth_date"), 50)
    with people.session() as s:
        sql = str(stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(r[-1] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_person_birth_order" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("entity", ["unit", "org"])
def test_units_and_organizations_sorted_by_name_while_searched(ledger, entity):
    from tests.sample_ledger import fill_sample

    fill_sample(ledger)
    found = 0
    for word in ("公司", "支部", "委员会", "有限"):
        q = ListQuery(entity, word, {}, "name")
        with ledger.session() as s:
            whole = listing.query_ids(s, q)
            assert listing.query_ids(s, q, limit=50, budget_s=5.0) == whole[:50]
        found += len(whole)
    assert found  # the words are in the sample's names
