"""A person's 工作单位 that is not a unit of the ledger is kept as text with a warning — by
a cell edit or `set`, by the import — and the people table's 工作单位 column shows the
linked unit's name or that text. Undo puts back what was there; choosing a ledger unit
later links it and drops the text. An older ledger gets the column with nothing lost."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, text

from partydesk import excel
from partydesk.cli import main
from partydesk.ledger import editing, listing, migrate
from partydesk.ledger.models import Organization, Person, Unit
from partydesk.stats import unit_members
from tests import raw
from tests.excel.excel_helpers import ids, roster


def _shown(s, pid):
    return listing.fetch_rows(s, "person", [pid], ["unit_id"])[pid][1]


def _ledger(ledger):
    with ledger.session() as s:
        u = Unit(name="星光科技有限公司")
        o = Organization(name="中共星光科技有限公司支部委员会", org_type="branch")
        s.add_all([u, o])
        s.flush()
        p = Person(name="张伟", category="full", org_id=o.id, admitted_on=date(2015, 7, 1))
        s.add(p)
        s.flush()
        return u.id, o.id, p.id


def test_an_unknown_unit_is_kept_as_text_shown_and_undone(ledger):
    uid, _oid, pid = _ledger(ledger)
    with ledger.session() as s:
        ch = editing.set_fields(s, "person", pid, {"unit_id": "明月物流有限公司"})
        assert any("明月物流有限公司”不是账本中的两新组织，已按文字保存" in w for w in ch.warnings)
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.unit_id, p.unit_text) == (None, "明月物流有限公司")
        assert _shown(s, pid) == "明月物流有限公司"
        assert uid not in unit_members(s)
        editing.revert(s, [ch])
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.unit_id, p.unit_text) == (None, None) and _shown(s, pid) is None
        editing.set_fields(s, "person", pid, {"unit_id": "明月物流有限公司"})
        # the unit entered and chosen later: linked, the text dropped
        editing.set_fields(s, "person", pid, {"unit_id": "星光科技有限公司"})
    with ledger.session() as s:
        p = s.get(Person, pid)
        assert (p.unit_id, p.unit_text) == (uid, None)
        assert _shown(s, pid) == "星光科技有限公司"
        assert unit_members(s)[uid] == (1, 1)


def test_paste_and_add_keep_the_text_too(ledger):
    _uid, oid, pid = _ledger(ledger)
    with ledger.session() as s:
        changes, refused = editing.paste_cells(s, "person", [(pid, None, "unit_id", "云海公司")])
        assert not refused and changes[0].after == {"unit_text": "云海公司"}
        snap = editing.add_record(
            s, "person", {"name": "李娜", "category": "正式党员", "org_id": oid,
                          "admitted_on": "2016-07-01", "unit_id": "云海公司"},
        )  # fmt: skip
        assert any("已按文字保存" in w for w in snap.warnings)
    with ledger.session() as s:
        assert s.get(Person, snap.id).unit_text == "云海公司"


def test_the_command_line_says_it_kept_the_name(capsys, ledger, ledger_path):
    _uid, _oid, pid = _ledger(ledger)
    ledger.close()
    code = main(
        ["set", "people", str(pid), "工作单位=明月物流有限公司", "--ledger", str(ledger_path)]
    )
    out, err = capsys.readouterr()
    assert code == 0 and "提示：" in out + err and "已按文字保存" in out + err
    got = raw.row(ledger_path, "select unit_id, unit_text from person where id=?", pid)
    assert got == (None, "明月物流有限公司")
    main(["list", "people", "--columns", "姓名,工作单位", "--tsv", "--ledger", str(ledger_path)])
    assert "张伟\t明月物流有限公司" in capsys.readouterr().out


def test_import_keeps_an_unknown_unit_as_text_with_a_warning(ledger, tmp_path):
    uid, _oid, _pid = _ledger(ledger)
    n = ids(2)
    header = ["姓名", "公民身份证号", "人员类别", "加入党组织日期", "所在党支部", "工作单位"]
    rows = [
        ["王芳", n[0], "正式党员", "2018-07-01", "星光科技", "星光科技有限公司"],
        ["刘洋", n[1], "正式党员", "2018-07-01", "星光科技", "海岳建材有限公司"],
    ]
    f = roster(tmp_path / "p.xlsx", header, rows)
    plan = excel.plan_import(ledger, "people", f, today=date(2026, 6, 30))
    assert plan.counts["new"] == 2, [r.reason for r in plan.rows]
    warned = {r.values.get("unit_text"): r.warning for r in plan.rows}
    assert "海岳建材有限公司”不是账本中的两新组织，已按文字保存" in warned["海岳建材有限公司"]
    excel.apply_import(ledger, plan)
    with ledger.session() as s:
        got = {p.name: (p.unit_id, p.unit_text) for p in s.query(Person)}
        assert got["王芳"] == (uid, None)
        assert got["刘洋"] == (None, "海岳建材有限公司")
    # the same sheet again changes nothing
    again = excel.plan_import(ledger, "people", f, today=date(2026, 6, 30))
    assert again.counts["unchanged"] == 2, [r.describe_changes("person") for r in again.rows]


def test_a_ledger_of_the_previous_version_gets_the_column_with_nothing_lost(tmp_path):
    path = tmp_path / "old.partydesk"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0013_certbatch")
    with engine.begin() as c:
        c.execute(
            text(
                "insert into person (uuid, name, category, status, probation_extension_months,"
                " is_flowing, lost_contact, created_at, updated_at) values ('u1', '赵磊', 'full',"
                " 'active', 0, 0, 0, '2026-01-01', '2026-01-01')"
            )
        )
    migrate.upgrade(engine, "head")
    with engine.connect() as c:
        assert c.execute(text("select name, unit_text from person")).all() == [("赵磊", None)]
        # the search index still follows the table (its triggers were kept)
        c.execute(text("update person set name='赵磊磊' where uuid='u1'"))
        assert (
            c.execute(
                text("select count(*) from person_search where person_search match '赵磊磊'")
            ).scalar()
            == 1
        )
    engine.dispose()


def test_export_keeps_the_kept_name_and_reimport_changes_nothing(ledger, tmp_path):
    import openpyxl

    _uid, _oid, pid = _ledger(ledger)
    with ledger.session() as s:
        editing.set_fields(s, "person", pid, {"unit_id": "明月物流有限公司"})
    out = tmp_path / "people.xlsx"
    excel.export_table(ledger, "people", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[header.index("工作单位")] == "明月物流有限公司"
    plan = excel.plan_import(ledger, "people", out, today=date(2026, 6, 30))
    assert plan.counts["unchanged"] == 1, [r.describe_changes("person") for r in plan.rows]
