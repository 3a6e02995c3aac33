"""A county ledger hands three townships their slices (`partydesk extract --street`),
both sides edit, the slices merge back: what changed on one side arrives, what changed on
both is a conflict, deletions carry over, and merging again changes nothing."""

from __future__ import annotations

import pytest

from partydesk.cli import main
from tests.merge.helpers import TODAY, by_uuid, one, people_of_street, person, run, sql

STREETS = ["桃源镇", "河口镇", "青山镇"]


@pytest.fixture(scope="module")
def county_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("county") / "county.partydesk"
    args = ["demo", "--ledger", path, "--units", "40", "--members", "300", "--seed", "1"]
    assert main([str(a) for a in [*args, "--today", TODAY]]) == 0
    return path


def test_extract_keeps_uuids_and_merging_back_untouched_changes_nothing(
    county_demo, tmp_path, capsys
):
    county = tmp_path / "county.partydesk"
    county.write_bytes(county_demo.read_bytes())
    town = tmp_path / "桃源镇.partydesk"
    out = run(capsys, "extract", "--ledger", county, "--street", "桃源镇", "--out", town)
    assert "已导出 桃源镇 的账本" in out
    units = sql(town, "SELECT uuid, street FROM unit")
    assert {s for _, s in units} >= {"桃源镇"}
    county_units = dict(sql(county, "SELECT uuid, name FROM unit WHERE street = '桃源镇'"))
    assert set(county_units) <= {u for u, _ in units}
    # every person of the township's units is there, under the same UUID
    want = set(
        r[0]
        for r in sql(
            county,
            "SELECT p.uuid FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.street='桃源镇'",
        )
    )
    assert want <= {r[0] for r in sql(town, "SELECT uuid FROM person")}
    # nothing points nowhere in the township's file
    assert sql(town, "PRAGMA foreign_key_check") == []
    assert one(town, "SELECT count(*) FROM deleted_record") == 0
    assert one(town, "SELECT ledger_uuid FROM ledger_identity") != one(
        county, "SELECT ledger_uuid FROM ledger_identity"
    )
    before = one(county, "SELECT count(*) FROM audit_log")
    out = run(capsys, "merge", "--ledger", county, town)
    assert "新增 0 条，更新 0 条，删除 0 条，冲突 0 条" in out
    assert one(county, "SELECT count(*) FROM audit_log") == before + 1  # the merge itself


def test_three_townships_edit_both_sides_and_merge_back(county_demo, tmp_path, capsys):
    county = tmp_path / "county.partydesk"
    county.write_bytes(county_demo.read_bytes())
    towns = {}
    for s in STREETS:
        towns[s] = tmp_path / f"{s}.partydesk"
        run(capsys, "extract", "--ledger", county, "--street", s, "--out", towns[s])
    people0 = one(county, "SELECT count(*) FROM person")

    # 桃源镇: a phone changed there only; a job changed on both sides; a person added;
    # a person deleted there; a person edited there that the county deleted; a person
    # deleted there that the county edited.
    t = towns["桃源镇"]
    phone_only, both, gone_there, edited_there, gone_conflict = people_of_street(t, "桃源镇", 5)
    pid = lambda path, name: person(path, name)[0]  # noqa: E731
    run(capsys, "set", "--ledger", t, "people", pid(t, phone_only), "手机号=13900000001")
    run(capsys, "set", "--ledger", t, "people", pid(t, both), "工作岗位=乡镇填的岗位")
    run(capsys, "set", "--ledger", county, "people", pid(county, both), "工作岗位=县里填的岗位")
    org = sql(t, "SELECT name FROM organization WHERE street = '桃源镇' AND org_type = 'branch'")[
        0
    ][0]
    run(
        capsys,
        "add",
        "--ledger",
        t,
        "people",
        "姓名=合并新人",
        "人员类别=入党申请人",
        f"所在党支部={org}",
        "申请入党日期=2026-10-01",
    )
    old_id, uuid_gone_there = person(t, gone_there)[:2]
    tombs_before = one(t, "SELECT count(*) FROM deleted_record")
    run(capsys, "delete", "--ledger", t, "people", pid(t, gone_there), "--yes")
    cascaded = one(t, "SELECT count(*) FROM deleted_record") - tombs_before
    assert cascaded >= 1
    run(capsys, "set", "--ledger", t, "people", pid(t, edited_there), "工作岗位=乡镇改了")
    run(capsys, "delete", "--ledger", county, "people", pid(county, edited_there), "--yes")
    run(
        capsys, "set", "--ledger", county, "people", pid(county, gone_conflict), "工作岗位=县里改了"
    )
    run(capsys, "delete", "--ledger", t, "people", pid(t, gone_conflict), "--yes")

    # 河口镇: one phone changed; the county changes another person's phone there.
    h = towns["河口镇"]
    h_phone, county_phone = people_of_street(h, "河口镇", 2)
    run(capsys, "set", "--ledger", h, "people", pid(h, h_phone), "手机号=13900000002")
    run(
        capsys, "set", "--ledger", county, "people", pid(county, county_phone), "手机号=13900000003"
    )
    # 青山镇: nothing changed.

    report = tmp_path / "合并报告.xlsx"
    out = run(capsys, "merge", "--ledger", county, *towns.values(), "--report", report)
    lines = out.splitlines()
    assert lines[0] == "桃源镇.partydesk：新增 1 条，更新 1 条，删除 1 条，冲突 3 条"
    assert lines[1] == "河口镇.partydesk：新增 0 条，更新 1 条，删除 0 条，冲突 0 条"
    assert lines[2] == "青山镇.partydesk：新增 0 条，更新 0 条，删除 0 条，冲突 0 条"

    # what a clerk sees in the county ledger now
    assert person(county, phone_only)[2] == "13900000001"
    assert person(county, both)[3] == "县里填的岗位"  # a conflict: ours untouched
    assert person(county, "合并新人")
    assert by_uuid(county, uuid_gone_there) is None
    assert person(county, gone_conflict)[3] == "县里改了"  # edited here: not deleted
    assert sql(county, "SELECT 1 FROM person WHERE name = ?", edited_there) == []
    assert person(county, h_phone)[2] == "13900000002"
    assert person(county, county_phone)[2] == "13900000003"
    assert one(county, "SELECT count(*) FROM person") == people0 + 1 - 1 - 1
    assert one(county, "SELECT count(*) FROM merge_conflict WHERE state = 'open'") == 3
    # the township's deletion took what hung off the person with it; the person the
    # county kept (a conflict) keeps hers
    for table in ("points_entry", "dues_payment", "person_event"):
        assert (
            one(
                county,
                f"SELECT count(*) FROM {table} WHERE person_id IN "
                "(SELECT id FROM person WHERE uuid = ?)",
                uuid_gone_there,
            )
            == 0
        )
    kept_id = person(county, gone_conflict)[0]
    assert one(county, "SELECT count(*) FROM points_entry WHERE person_id = ?", kept_id) == one(
        county_demo, "SELECT count(*) FROM points_entry WHERE person_id = ?", kept_id
    )
    assert one(county_demo, "SELECT count(*) FROM points_entry WHERE person_id = ?", kept_id) > 0
    gone_children = sum(
        one(county_demo, f"SELECT count(*) FROM {table} WHERE person_id = ?", old_id)
        for table in ("points_entry", "dues_payment", "person_event", "dues_base")
    )
    assert gone_children > 0
    from openpyxl import load_workbook

    sheet = load_workbook(report)["合并报告"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert ("桃源镇.partydesk", "党员与发展对象", "删除", gone_there) in [r[1:5] for r in rows]
    assert ("桃源镇.partydesk", "党员与发展对象", "冲突", both, "两边都改过：工作岗位") in [
        r[1:6] for r in rows
    ]
    assert len(rows) == 7

    # merging again changes nothing
    snapshot = _contents(county)
    out = run(capsys, "merge", "--ledger", county, *towns.values())
    assert out.splitlines()[0] == "桃源镇.partydesk：新增 0 条，更新 0 条，删除 0 条，冲突 3 条"
    assert _contents(county) == snapshot
    assert one(county, "SELECT count(*) FROM merge_conflict") == 3

    # the clerk decides; the next merge asks nothing more
    listed = run(capsys, "merge", "conflicts", "--ledger", county)
    assert (
        "两边都改过" in listed
        and "本账本 县里填的岗位" in listed
        and "乡镇账本 乡镇填的岗位" in listed
    )
    assert "本账本已删除，对方改过" in listed and "对方已删除，本账本改过" in listed
    ids = [int(r[0]) for r in sql(county, "SELECT id FROM merge_conflict ORDER BY id")]
    kinds = dict(sql(county, "SELECT id, kind FROM merge_conflict"))
    for cid in ids:
        if kinds[cid] == "both":
            assert "采用了对方的版本" in run(
                capsys, "merge", "decide", cid, "--take", "--ledger", county
            )
        elif kinds[cid] == "deleted_here":
            assert "恢复" in run(capsys, "merge", "decide", cid, "--take", "--ledger", county)
        else:
            assert "保留" in run(capsys, "merge", "decide", cid, "--keep", "--ledger", county)
    assert person(county, both)[3] == "乡镇填的岗位"
    assert person(county, edited_there)[3] == "乡镇改了"
    assert person(county, gone_conflict)[3] == "县里改了"
    snapshot = _contents(county)
    out = run(capsys, "merge", "--ledger", county, *towns.values())
    assert out.splitlines()[0] == "桃源镇.partydesk：新增 0 条，更新 0 条，删除 0 条，冲突 0 条"
    assert _contents(county) == snapshot


def _contents(path):
    """Every merged table's rows as a clerk would compare them (no timestamps)."""
    out = {}
    for t in (
        "unit",
        "organization",
        "person",
        "person_event",
        "points_entry",
        "dues_payment",
        "work_record",
        "attendance",
        "certificate",
    ):
        cols = [r[1] for r in sql(path, f"PRAGMA table_info({t})") if r[1] not in ("updated_at",)]
        out[t] = sorted(map(repr, sql(path, f"SELECT {', '.join(map(repr, cols))} FROM {t}")))
    return out
