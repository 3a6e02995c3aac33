"""The county ledger may live on a server: the same merge into `new_ledger` (a file in the
SQLite run, a fresh PostgreSQL database in the PostgreSQL run), read back through the
ledger's own engine; a deletion on the server leaves its tombstones there too."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from partydesk.cli import main
from partydesk.ledger.opening import open_ledger
from tests.merge.helpers import TODAY, people_of_street, person, run, sql


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    d = tmp_path_factory.mktemp("server")
    demo = d / "demo.partydesk"
    args = ["demo", "--ledger", demo, "--units", "20", "--members", "120", "--seed", "2"]
    assert main([str(a) for a in [*args, "--today", TODAY]]) == 0
    street = sql(demo, "SELECT street FROM unit GROUP BY street ORDER BY count(*) DESC")[0][0]
    town = d / "town.partydesk"
    assert main(["extract", "--ledger", str(demo), "--street", street, "--out", str(town)]) == 0
    return street, town


def _count(where, q, **params):
    with open_ledger(where, readonly=True) as ledger, ledger.engine.connect() as c:
        return c.execute(sa.text(q), params).scalar()


def test_merge_into_a_county_ledger_wherever_it_lives(township, new_ledger, tmp_path, capsys):
    street, original = township
    town = tmp_path / "town.partydesk"
    town.write_bytes(original.read_bytes())
    county = new_ledger("county.partydesk")
    run(capsys, "init", "--ledger", county)
    first = run(capsys, "merge", "--ledger", county, town).splitlines()[0]
    assert first.startswith("town.partydesk：新增 ") and "冲突 0 条" in first
    people = sql(town, "SELECT count(*) FROM person")[0][0]
    assert _count(county, "SELECT count(*) FROM person") == people

    a, b = people_of_street(town, street, 2)
    run(capsys, "set", "--ledger", town, "people", person(town, a)[0], "手机号=13900000031")
    run(capsys, "delete", "--ledger", town, "people", person(town, b)[0], "--yes")
    out = run(capsys, "merge", "--ledger", county, town).splitlines()[0]
    assert out == "town.partydesk：新增 0 条，更新 1 条，删除 1 条，冲突 0 条"
    assert _count(county, "SELECT count(*) FROM person") == people - 1
    assert _count(county, "SELECT phone FROM person WHERE name = :n", n=a) == "13900000031"
    assert _count(county, "SELECT count(*) FROM deleted_record WHERE table_name = 'person'") == 1
    out = run(capsys, "merge", "--ledger", county, town).splitlines()[0]
    assert out == "town.partydesk：新增 0 条，更新 0 条，删除 0 条，冲突 0 条"
