"""The record of deletions: every merged table has its trigger after the migrations,
and every way a record goes — the command line, a cascade from its parent, plain SQL —
leaves a tombstone with the record's UUID; an older ledger gets its identity when
upgraded."""

from __future__ import annotations

import sqlite3

from partydesk.ledger.opening import open_ledger
from partydesk.merge import tables, tombstones
from tests.ledger.test_migration import make_first_revision_ledger
from tests.merge.helpers import one, run, sql


def test_every_merged_table_has_its_trigger_at_head(tmp_path):
    path = tmp_path / "new.partydesk"
    with open_ledger(path, create=True) as ledger, ledger.engine.connect() as conn:
        have = tombstones.tables_with_trigger(conn)
    merged = {i.name for i in tables.merged_tables()}
    assert merged - have == set(), "a merged table without its tombstone trigger"
    assert len(merged) >= 37


def test_delete_through_the_cli_leaves_tombstones_for_what_hung_off(tmp_path, capsys):
    path = tmp_path / "l.partydesk"
    run(capsys, "init", "--ledger", path)
    run(
        capsys,
        "add",
        "--ledger",
        path,
        "orgs",
        "党组织全称=中共测试支部委员会",
        "党组织类别=党支部",
    )
    run(
        capsys,
        "add",
        "--ledger",
        path,
        "people",
        "姓名=李四",
        "人员类别=入党申请人",
        "所在党支部=中共测试支部委员会",
        "申请入党日期=2026-01-05",
    )
    run(
        capsys,
        "add",
        "--ledger",
        path,
        "orgs",
        "党组织全称=中共另一支部委员会",
        "党组织类别=党支部",
    )
    pid, puuid = sql(path, "SELECT id, uuid FROM person")[0]
    run(capsys, "transfer", "--ledger", path, pid, "--move", "另一支部", "--on", "2026-02-01")
    events = [r[0] for r in sql(path, "SELECT uuid FROM person_event WHERE person_id = ?", pid)]
    run(capsys, "delete", "--ledger", path, "people", pid, "--yes")
    gone = set(sql(path, "SELECT table_name, record_uuid FROM deleted_record"))
    assert ("person", puuid) in gone
    assert events and {("person_event", u) for u in events} <= gone


def test_plain_sql_delete_leaves_a_tombstone(tmp_path, capsys):
    path = tmp_path / "l.partydesk"
    run(capsys, "init", "--ledger", path)
    run(capsys, "add", "--ledger", path, "units", "单位名称=恒信机械有限公司")
    uuid = one(path, "SELECT uuid FROM unit")
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("DELETE FROM unit")
    con.commit()
    con.close()
    assert sql(path, "SELECT table_name, record_uuid FROM deleted_record") == [("unit", uuid)]


def test_an_older_ledger_gets_an_identity_and_triggers(tmp_path):
    path = tmp_path / "old.partydesk"
    make_first_revision_ledger(path)
    with open_ledger(path) as ledger, ledger.engine.connect() as conn:
        assert "person" in tombstones.tables_with_trigger(conn)
    (u,) = sql(path, "SELECT ledger_uuid FROM ledger_identity")[0]
    assert len(u) == 36
    assert one(path, "SELECT count(*) FROM person") == 2
