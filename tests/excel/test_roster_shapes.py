"""Rosters in the shapes offices really keep: merged branch cells, two header rows, 合计
rows, hidden rows and sheets, the words of 政治面貌, dates typed as numbers, a new
ledger whose branches the roster names."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
from excel_helpers import TODAY, ids, roster
from sqlalchemy import select

from partydesk import excel
from partydesk.cli import main
from partydesk.ledger.models import Organization, Person


def people(ledger):
    with ledger.Session() as s:
        return {p.name: p for p in s.scalars(select(Person))}


def org_names(ledger):
    with ledger.Session() as s:
        return {o.id: (o.name, o.org_type) for o in s.scalars(select(Organization))}


def test_merged_branch_cells_fill_every_row(ledger, orgs, tmp_path):
    n = ids(12)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份证号", "人员类别", "所在党支部"])
    for i in range(12):
        branch = "中共杭州甲科技有限公司支部委员会" if i < 5 else "中共杭州乙物流有限公司支部委员会"
        ws.append([f"人{i}", n[i], "正式党员", branch if i in (0, 5) else None])
    ws.merge_cells("D2:D6")
    ws.merge_cells("D7:D13")
    wb.save(tmp_path / "m.xlsx")
    plan = excel.plan_import(ledger, "people", tmp_path / "m.xlsx", today=TODAY)
    assert plan.counts["new"] == 12, [r.reason for r in plan.rows]
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert [got[f"人{i}"].org_id for i in range(12)] == [orgs["甲"]] * 5 + [orgs["乙"]] * 7


def test_two_header_rows_are_combined(ledger, orgs, tmp_path):
    n = ids(2)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["党员花名册"])
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "公民身份证号", "政治面貌", "入党时间", None, "所在支部"])
    ws.append([None, None, None, "预备", "正式", None])
    for c in "ABCF":
        ws.merge_cells(f"{c}2:{c}3")
    ws.merge_cells("D2:E2")
    ws.append(["甲", n[0], "中共党员", "2010.07", "2011.07", "杭州甲科技"])
    ws.append(["乙", n[1], "中共预备党员", "2024-12-01", None, "杭州甲科技"])
    wb.save(tmp_path / "h.xlsx")
    plan = excel.plan_import(ledger, "people", tmp_path / "h.xlsx", today=TODAY)
    assert plan.headers[3:5] == ["入党时间/预备", "入党时间/正式"]
    assert plan.mapping == ["name", "id_number", "category", "admitted_on", "full_on", "org_id"]
    assert plan.header_row == 3 and plan.counts["new"] == 2, [r.reason for r in plan.rows]
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert (got["甲"].category, got["甲"].admitted_on, got["甲"].full_on) == (
        "full",
        date(2010, 7, 1),
        date(2011, 7, 1),
    )
    assert got["乙"].category == "probationary" and got["乙"].full_on is None


def test_total_blank_and_hidden_rows_and_stray_columns(ledger, orgs, tmp_path):
    n = ids(3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份证号", "人员类别", "所在党支部"])
    ws.append(["甲", n[0], "正式党员", "杭州甲科技", "备注写在表外"])
    ws.append([None, None, None, None])
    ws.append(["乙", n[1], "正式党员", "杭州甲科技"])
    ws.append(["丙", n[2], "正式党员", "杭州甲科技"])
    ws.append(["合计：3人", None, None, None])
    ws.append(["小计", 3])
    ws.row_dimensions[5].hidden = True
    wb.save(tmp_path / "t.xlsx")
    plan = excel.plan_import(ledger, "people", tmp_path / "t.xlsx", today=TODAY)
    assert [r.row_no for r in plan.rows] == [2, 4, 5]
    assert plan.counts == {"new": 3, "update": 0, "unchanged": 0, "error": 0}
    notes = "\n".join(plan.notes())
    assert "跳过合计/小计行2行（第6、7行）" in notes
    assert "跳过空行1行" in notes
    assert "1行在表格中被隐藏（第5行）" in notes
    assert "没有表头、未导入的列：E列（1行有数据）" in notes
    assert plan.rows[2].warnings == ["此行在表格中是隐藏的"]


def test_hidden_sheet_skipped_unless_named_and_active_sheet_default(ledger, orgs, tmp_path):
    n = ids(3)
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "去年"
    old.append(["姓名", "公民身份证号", "人员类别"])
    old.append(["旧人", n[0], "正式党员"])
    old.sheet_state = "hidden"
    now = wb.create_sheet("今年")
    now.append(["姓名", "公民身份证号", "人员类别"])
    now.append(["新人", n[1], "正式党员"])
    other = wb.create_sheet("备用")
    other.append(["姓名", "公民身份证号", "人员类别"])
    other.append(["备用人", n[2], "正式党员"])
    wb.active = 1
    wb.save(tmp_path / "s.xlsx")
    assert excel.sheet_names(tmp_path / "s.xlsx")[0] == "今年"
    plan = excel.plan_import(ledger, "people", tmp_path / "s.xlsx", today=TODAY)
    assert plan.sheet == "今年" and [r.values["name"] for r in plan.rows] == ["新人"]
    named = excel.plan_import(ledger, "people", tmp_path / "s.xlsx", "去年", today=TODAY)
    assert [r.values["name"] for r in named.rows] == ["旧人"]
    assert "是隐藏的工作表" in "".join(named.notes())


def test_dates_as_offices_write_them(ledger, orgs, tmp_path):
    n = ids(9)
    rows = [
        ["甲", n[0], "正式党员", 2019.07],
        ["乙", n[1], "正式党员", 2019.1],
        ["丙", n[2], "正式党员", 201907],
        ["丁", n[3], "正式党员", 20190701],
        ["戊", n[4], "正式党员", "2019-07-01 00:00:00"],
        ["己", n[5], "正式党员", "201907"],
        ["庚", n[6], "正式党员", datetime(2019, 7, 1, 0, 0)],
        ["辛", n[7], "正式党员", 43647],  # an Excel serial number
        ["壬", n[8], "正式党员", 245200],  # no date: a year beyond any guess
    ]
    f = roster(tmp_path / "d.xlsx", ["姓名", "公民身份证号", "人员类别", "入党时间"], rows)
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    got = {r.values["name"]: r.values.get("admitted_on") for r in plan.rows}
    assert got == {
        "甲": date(2019, 7, 1),
        "乙": date(2019, 1, 1),
        "丙": date(2019, 7, 1),
        "丁": date(2019, 7, 1),
        "戊": date(2019, 7, 1),
        "己": date(2019, 7, 1),
        "庚": date(2019, 7, 1),
        "辛": date(2019, 7, 1),
        "壬": None,
    }
    assert "若是10月" in plan.rows[1].warning
    assert "年份2452不在1900" in plan.rows[8].warning and plan.rows[8].status == "new"


def test_term_end_as_year_month_number(ledger, tmp_path):
    f = roster(
        tmp_path / "o.xlsx",
        ["党组织名称", "党组织类别", "换届时间", "届满时间"],
        [["中共某某公司支部委员会", "党支部", 202507, 202807]],
    )
    plan = excel.plan_import(ledger, "orgs", f, today=TODAY)
    v = plan.rows[0].values
    assert (v["term_start"], v["term_end"]) == (date(2025, 7, 1), date(2028, 7, 1))


def test_guessed_years_stop_where_a_clerk_expects(ledger, orgs, tmp_path):
    """Today is 2025-06-30: a fact of the past is at the latest this year, a term's end at
    the latest one term (five years) ahead, any other date next year."""
    f = roster(
        tmp_path / "o.xlsx",
        ["党组织名称", "党组织类别", "换届时间", "届满时间"],
        [
            ["中共甲公司支部委员会", "党支部", 202607, 203007],
            ["中共乙公司支部委员会", "党支部", 202707, 203107],
        ],
    )
    plan = excel.plan_import(ledger, "orgs", f, today=TODAY)
    ok, late = plan.rows
    assert (ok.values["term_start"], ok.values["term_end"]) == (date(2026, 7, 1), date(2030, 7, 1))
    assert ok.warnings == []
    assert late.status == "new" and "term_start" not in late.values
    assert "term_end" not in late.values
    assert "年份2027不在1900–2026年之间" in late.warning
    assert "年份2031不在1900–2030年之间" in late.warning
    n = ids(2)
    f = roster(
        tmp_path / "p.xlsx",
        ["姓名", "公民身份证号", "人员类别", "入党时间"],
        [["甲", n[0], "正式党员", 202507], ["乙", n[1], "正式党员", 202607]],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    # this year's July is a guess the year allows, and still a day after today
    assert "晚于今天" in plan.rows[0].warning and "admitted_on" not in plan.rows[0].values
    assert "年份2026不在1900–2025年之间" in plan.rows[1].warning
    assert "admitted_on" not in plan.rows[1].values


def test_birth_month_compared_with_the_id_number(ledger, orgs, tmp_path):
    n = ids(3)  # born 1980-01-01, 1981-02-02, 1982-03-03
    f = roster(
        tmp_path / "b.xlsx",
        ["姓名", "公民身份证号", "人员类别", "出生年月"],
        [
            ["甲", n[0], "正式党员", "1980.01"],
            ["乙", n[1], "正式党员", datetime(1981, 2, 1)],
            ["丙", n[2], "正式党员", "1975.05"],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert [r.status for r in plan.rows] == ["new"] * 3
    assert [r.values["birth_date"] for r in plan.rows] == [
        date(1980, 1, 1),
        date(1981, 2, 2),
        date(1982, 3, 3),
    ]
    assert plan.rows[0].warnings == [] and plan.rows[1].warnings == []
    assert "与身份证号（1982-03-03）不一致" in plan.rows[2].warning


def test_a_bad_phone_keeps_the_person(ledger, orgs, tmp_path):
    n = ids(2)
    f = roster(
        tmp_path / "p.xlsx",
        ["姓名", "公民身份证号", "人员类别", "手机", "民族"],
        [
            ["甲", n[0], "正式党员", "0571-88886666", "汉族"],
            ["乙", n[1], "正式党员", "138…/139…", "汉族"],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.counts["new"] == 2
    assert all("手机号" in r.warning and "此项未导入" in r.warning for r in plan.rows)
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert got["甲"].phone is None and got["甲"].ethnicity == "汉族"
    # the report lists each row's warnings beside its own cells
    out = excel.write_error_report(plan, tmp_path / "report.xlsx")
    rows = list(openpyxl.load_workbook(out).active.values)
    assert rows[0][-2:] == ("处理结果", "错误与提醒")
    assert rows[1][:4] == ("甲", n[0], "正式党员", "0571-88886666")
    assert rows[1][-2] == "新增" and rows[1][-1].startswith("第4行：提醒：手机号")


def test_same_person_rules(ledger, orgs, tmp_path):
    n = ids(4)
    with ledger.session() as s:
        s.add(Person(name="徐毅", id_number=n[0], category="full", org_id=orgs["甲"]))
        s.add(Person(name="王芳", category="full", org_id=orgs["甲"]))
        s.add(Person(name="李明", category="full", org_id=orgs["甲"]))
        s.add(Person(name="李明", category="full", org_id=orgs["乙"]))
    f = roster(
        tmp_path / "x.xlsx",
        ["姓名", "公民身份证号", "人员类别", "所在党支部", "民族"],
        [
            ["徐毅", n[0], "正式党员", "杭州甲科技", "汉族"],  # same ID: update
            ["徐毅", n[1], "正式党员", "杭州甲科技", None],  # same name+branch, other ID: new
            ["徐毅", n[2], "正式党员", "杭州甲科技", None],  # and another one
            ["王芳", None, "正式党员", "杭州甲科技", "回族"],  # one match by name+branch
            ["李明", None, "正式党员", None, "满族"],  # two by name: refused
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert [r.status for r in plan.rows] == ["update", "new", "new", "update", "error"]
    assert "账本中有2条姓名相同的记录" in plan.rows[4].reason
    excel.apply_import(ledger, plan)
    with ledger.Session() as s:
        assert len(s.scalars(select(Person).where(Person.name == "徐毅")).all()) == 3


def test_new_ledger_creates_the_branches_people_name(ledger, tmp_path):
    n = ids(30)
    branches = [
        "中共杭州甲科技有限公司支部委员会",
        "中共杭州乙物流有限公司总支部委员会",
        "中共某某街道两新组织综合委员会",
    ]
    rows = [[f"人{i}", n[i], "正式党员", branches[i % 3]] for i in range(30)]
    rows.append(["合计", None, None, None])
    f = roster(tmp_path / "r.xlsx", ["姓名", "公民身份证号", "政治面貌", "所在党支部"], rows)
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.counts["error"] == 30 and "--create-orgs" in plan.rows[0].reason
    assert "3个党组织账本中没有" in "".join(plan.notes())
    plan = excel.plan_import(ledger, "people", f, today=TODAY, create_orgs=True)
    assert plan.counts == {"new": 30, "update": 0, "unchanged": 0, "error": 0}
    assert "将新建党组织3个" in plan.notes()[0]
    res = excel.apply_import(ledger, plan)
    assert (res.inserted, res.orgs_created) == (30, 3)
    types = {name: t for name, t in org_names(ledger).values()}
    assert types == dict(zip(branches, ["branch", "general_branch", "committee"], strict=True))
    got = people(ledger)
    assert org_names(ledger)[got["人1"].org_id][0] == branches[1]


def test_cli_create_orgs_and_map(ledger, tmp_path, capsys):
    n = ids(2)
    f = roster(
        tmp_path / "c.xlsx",
        ["姓名", "公民身份证号", "人员类别", "支部", "联系人手机"],
        [
            ["甲", n[0], "正式党员", "中共某公司支部委员会", "13911112222"],
            ["乙", n[1], "正式党员", "中共某公司支部委员会", None],
        ],
    )
    args = ["--ledger", ledger.location, "import", "people", str(f), "--create-orgs"]
    assert main([*args, "--map", "联系人手机=手机号", "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "将新建党组织1个：中共某公司支部委员会" in text and "新增 2" in text
    assert main([*args, "--map", "联系人手机=手机号"]) == 0
    assert "新建党组织1个" in capsys.readouterr().out
    assert people(ledger)["甲"].phone == "13911112222"
    # the mapping is remembered, as the window's is
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.mapping[4] == "phone" and plan.counts["unchanged"] == 2


def test_whole_ledger_from_one_workbook_in_any_order(ledger, tmp_path, capsys):
    """Sheets in no useful order: people first, organizations whose parent comes further
    down, units last; one `import all` writes everything in one transaction."""
    from excel_helpers import code

    n = ids(3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员"
    ws.append(["姓名", "公民身份证号", "人员类别", "入党时间", "所在党支部"])
    ws.append(["甲", n[0], "正式党员", "2010.07", "中共某科技公司支部委员会"])
    ws.append(["乙", n[1], "正式党员", "2012.07", "中共某科技公司支部委员会"])
    ws.append(["丙", n[2], "正式党员", "2015.07", "中共某街道两新组织综合委员会"])
    ws = wb.create_sheet("党组织")
    ws.append(["党组织名称", "党组织类别", "上级党组织", "所在单位"])
    ws.append(["中共某科技公司支部委员会", "党支部", "中共某街道两新组织综合委员会", None])
    ws.append(["中共某街道两新组织综合委员会", "党委", None, None])
    ws = wb.create_sheet("单位")
    ws.append(["单位名称", "统一社会信用代码", "法定代表人", "从业人员数"])
    ws.append(["某科技有限公司", code(21), "张总", 30])
    wb.save(tmp_path / "all.xlsx")
    plans = excel.plan_workbook(ledger, tmp_path / "all.xlsx", today=TODAY)
    assert [(p.entity, p.sheet) for p in plans] == [
        ("unit", "单位"),
        ("org", "党组织"),
        ("person", "党员"),
    ]
    assert [p.counts["new"] for p in plans] == [1, 2, 3], [r.reason for p in plans for r in p.rows]
    assert main(["--ledger", ledger.location, "import", "all", str(tmp_path / "all.xlsx")]) == 0
    assert "已导入“党员”：新增3条" in capsys.readouterr().out
    orgs = {name: oid for oid, (name, _t) in org_names(ledger).items()}
    with ledger.Session() as s:
        branch = s.get(Organization, orgs["中共某科技公司支部委员会"])
        assert branch.parent_id == orgs["中共某街道两新组织综合委员会"]
    got = people(ledger)
    assert got["丙"].org_id == orgs["中共某街道两新组织综合委员会"]
    assert got["甲"].org_id == branch.id
