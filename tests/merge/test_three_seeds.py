"""The county collects three townships' ledgers, each made by `partydesk demo --seed N`
(N = 1, 2, 3: three offices, so no record is shared and every UUID differs) and cut to
its own street by `partydesk extract`. Merged into an empty county ledger, everything
arrives; certificate numbers the townships both gave out are conflicts, never
renumbered; after edits on both sides the second merge carries exactly those; merging
again changes nothing."""

from __future__ import annotations

import pytest

from partydesk.cli import main
from tests.merge.helpers import TODAY, one, people_of_street, person, run, sql

TABLES = ["unit", "organization", "person", "work_record", "points_entry", "dues_payment"]


def _busiest_street(path):
    return sql(path, "SELECT street FROM unit GROUP BY street ORDER BY count(*) DESC, street")[0][0]


@pytest.fixture(scope="module")
def townships(tmp_path_factory):
    d = tmp_path_factory.mktemp("seeds")
    out = []
    used = set()
    for seed in (1, 2, 3):
        demo = d / f"demo{seed}.partydesk"
        args = ["demo", "--ledger", demo, "--units", "20", "--members", "120", "--seed", seed]
        assert main([str(a) for a in [*args, "--today", TODAY]]) == 0
        streets = [
            r[0]
            for r in sql(demo, "SELECT street FROM unit GROUP BY street ORDER BY count(*) DESC")
        ]
        street = next(s for s in streets if s not in used)
        used.add(street)
        town = d / f"{street}.partydesk"
        assert main(["extract", "--ledger", str(demo), "--street", street, "--out", str(town)]) == 0
        out.append((street, town))
    return out


def _copy(src, dest):
    dest.write_bytes(src.read_bytes())
    return dest


# Unique keys two offices fill independently, with the columns that differ between them.
KEYED = {
    "certificate_serial": ("serial", "holder_name"),
    "certificate": ("serial", "holder_name"),
    "points_goods": ("name", "price, stock, unit_label, active, note"),
}


def _clashes_in(county, town, table, keys):
    """Records of `table` the township has whose unique key (one of `keys`) the county
    has for a record with other content (a number given to someone else, goods)."""
    key, cols = KEYED[table]
    ours = {r[0]: r[1:] for r in sql(county, f"SELECT {key}, {cols} FROM {table}") if r[0] in keys}
    return sum(
        1
        for r in sql(town, f"SELECT {key}, {cols} FROM {table}")
        if r[0] in ours and ours[r[0]] != r[1:]
    )


def test_three_demo_townships_merge_into_the_county(townships, tmp_path, capsys):
    county = tmp_path / "县.partydesk"
    run(capsys, "init", "--ledger", county)
    towns = [_copy(t, tmp_path / t.name) for _, t in townships]
    (s1, _), (s2, _), (s3, _) = townships
    # what the first merge must bring: every township's records, with the certificate
    # serials two townships both used listed as conflicts
    expected_conflicts = []
    for k, town in enumerate(towns):
        if k == 0:
            expected_conflicts.append(0)
            continue
        # against the first township that brought the key (the county keeps that one)
        clashes = 0
        for table in KEYED:
            key = KEYED[table][0]
            seen = set()
            for prev in towns[:k]:
                mine = {r[0] for r in sql(prev, f"SELECT {key} FROM {table}")} - seen
                clashes += _clashes_in(prev, town, table, mine)
                seen |= mine
        expected_conflicts.append(clashes)
    out = run(capsys, "merge", "--ledger", county, *towns).splitlines()
    for k, town in enumerate(towns):
        assert out[k].startswith(f"{town.name}：新增 ")
        assert f"冲突 {expected_conflicts[k]} 条" in out[k]
    assert expected_conflicts[1] > 0  # the demos number certificates alike
    for t in ("unit", "organization", "person"):
        assert one(county, f"SELECT count(*) FROM {t}") == sum(
            one(town, f"SELECT count(*) FROM {t}") for town in towns
        )
    for t in ("work_record", "points_entry", "dues_payment", "attendance"):
        assert one(county, f"SELECT count(*) FROM {t}") == sum(
            one(town, f"SELECT count(*) FROM {t}") for town in towns
        )
    # the default points schemes are one and the same in every ledger: not tripled
    assert one(county, "SELECT count(*) FROM points_scheme") == one(
        towns[0], "SELECT count(*) FROM points_scheme"
    )
    # serial counters: the larger number wins, so the county never gives a used one again
    assert one(county, "SELECT max(last) FROM serial_counter") == max(
        one(town, "SELECT max(last) FROM serial_counter") for town in towns
    )
    assert sql(county, "PRAGMA foreign_key_check") == []
    open0 = one(county, "SELECT count(*) FROM merge_conflict WHERE state = 'open'")
    assert open0 == sum(expected_conflicts)

    # edits on both sides
    a, b, c = towns
    a_phone, a_gone = people_of_street(a, s1, 2)
    run(capsys, "set", "--ledger", a, "people", person(a, a_phone)[0], "手机号=13900000011")
    run(capsys, "delete", "--ledger", a, "people", person(a, a_gone)[0], "--yes")
    (b_both,) = people_of_street(b, s2, 1)
    run(capsys, "set", "--ledger", b, "people", person(b, b_both)[0], "工作岗位=乡镇岗位")
    run(capsys, "set", "--ledger", county, "people", person(county, b_both)[0], "工作岗位=县里岗位")
    org = sql(c, "SELECT name FROM organization WHERE org_type = 'branch' ORDER BY id")[0][0]
    run(
        capsys,
        "add",
        "--ledger",
        c,
        "people",
        "姓名=三镇新人",
        "人员类别=入党申请人",
        f"所在党支部={org}",
        "申请入党日期=2026-10-01",
    )
    (c_county_gone,) = people_of_street(c, s3, 1)
    run(capsys, "delete", "--ledger", county, "people", person(county, c_county_gone)[0], "--yes")
    people = one(county, "SELECT count(*) FROM person")

    out = run(capsys, "merge", "--ledger", county, *towns).splitlines()
    assert out[0] == f"{a.name}：新增 0 条，更新 1 条，删除 1 条，冲突 0 条"
    assert (
        out[1] == f"{b.name}：新增 0 条，更新 0 条，删除 0 条，冲突 {expected_conflicts[1] + 1} 条"
    )
    assert out[2] == f"{c.name}：新增 1 条，更新 0 条，删除 0 条，冲突 {expected_conflicts[2]} 条"
    assert one(county, "SELECT count(*) FROM person") == people - 1 + 1
    assert person(county, a_phone)[2] == "13900000011"
    assert sql(county, "SELECT 1 FROM person WHERE name = ?", a_gone) == []
    assert person(county, b_both)[3] == "县里岗位"
    assert person(county, "三镇新人")
    assert sql(county, "SELECT 1 FROM person WHERE name = ?", c_county_gone) == []  # stays gone
    assert one(county, "SELECT count(*) FROM merge_conflict WHERE state = 'open'") == open0 + 1

    # merging again changes nothing
    before = {t: sorted(map(repr, sql(county, f"SELECT * FROM {t}"))) for t in TABLES}
    out = run(capsys, "merge", "--ledger", county, *towns).splitlines()
    assert out[0] == f"{a.name}：新增 0 条，更新 0 条，删除 0 条，冲突 0 条"
    assert out[1].startswith(f"{b.name}：新增 0 条，更新 0 条，删除 0 条，冲突 ")
    assert out[2].startswith(f"{c.name}：新增 0 条，更新 0 条，删除 0 条，冲突 ")
    assert {t: sorted(map(repr, sql(county, f"SELECT * FROM {t}"))) for t in TABLES} == before
    assert one(county, "SELECT count(*) FROM merge_conflict") == open0 + 1
