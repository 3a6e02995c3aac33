"""Export of tables and reports; export then import changes nothing."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from excel_helpers import TODAY, code, ids
from sqlalchemy import select

from partydesk import excel
from partydesk.cli import main
from partydesk.ledger import fields
from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    Person,
    Unit,
)


@pytest.fixture
def filled(ledger, orgs):
    n = ids(6)
    with ledger.session() as s:
        s.add_all(
            [
                Person(
                    name="张三",
                    category="full",
                    org_id=orgs["甲"],
                    phone="13812345678",
                    admitted_on=date(2001, 7, 1),
                    full_on=date(2002, 7, 1),
                    education="大学本科",
                    ethnicity="汉族",
                    is_flowing=True,
                    flow_to="上海市浦东新区",
                    flow_since=date(2024, 3, 1),
                    unit_id=orgs["u甲"],
                    **fields.derive_from_id({"id_number": n[0]}),
                ),
                Person(
                    name="李四",
                    category="probationary",
                    org_id=orgs["甲"],
                    admitted_on=date(2024, 12, 1),
                    ethnicity="回族",
                    **fields.derive_from_id({"id_number": n[1]}),
                ),
                Person(
                    name="王五",
                    category="activist",
                    org_id=orgs["乙"],
                    activist_on=date(2024, 1, 5),
                    **fields.derive_from_id({"id_number": n[2]}),
                ),
                Person(
                    name="赵六",
                    category="applicant",
                    org_id=orgs["乙"],
                    applied_on=date(2025, 3, 1),
                    note="第一行\n第二行",
                ),
            ]
        )
        s.add(
            Unit(name="丙小店", credit_code=code(3), kind="enterprise", employees=4, has_union=True)
        )
        s.add(Unit(name="丁驿站", kind="new_employment", employees=9))
        ins = Instructor(
            name="钱指导",
            home_unit="区发改局",
            post="科长",
            phone="13700001111",
            appointed_on=date(2024, 3, 1),
            term_end=date(2026, 2, 28),
        )
        s.add(ins)
        s.flush()
        s.add(
            InstructorAssignment(
                instructor_id=ins.id, unit_id=orgs["u乙"], start_on=date(2024, 3, 1)
            )
        )
        dian = s.scalar(select(Unit).where(Unit.name == "丙小店"))
        s.add(
            InstructorAssignment(instructor_id=ins.id, unit_id=dian.id, start_on=date(2024, 3, 1))
        )
        o = s.get(Organization, orgs["甲"])
        o.founded_on, o.term_start, o.term_end = (
            date(2015, 3, 1),
            date(2023, 3, 1),
            date(2026, 2, 28),
        )
    return ledger


def read(path, header_row=1):
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    return ws, rows[header_row - 1], rows[header_row:]


def test_export_looks_like_a_clerks_sheet(filled, tmp_path):
    out = tmp_path / "people.xlsx"
    n = excel.export_table(
        filled,
        "people",
        out,
        columns=["name", "公民身份证号", "category", "admitted_on", "org_id", "is_flowing"],
        filter_text="张",
    )
    assert n == 1
    ws, head, rows = read(out)
    assert head == (
        "姓名",
        "公民身份证号",
        "人员类别",
        "加入党组织日期",
        "所在党支部",
        "是否为流动党员",
    )
    assert rows[0][0] == "张三" and isinstance(rows[0][1], str) and len(rows[0][1]) == 18
    assert rows[0][2:] == (
        "正式党员",
        datetime(2001, 7, 1),
        "中共杭州甲科技有限公司支部委员会",
        "是",
    )
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert ws["D2"].is_date and ws["D2"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["B"].width >= 18  # the ID number fits
    assert ws.column_dimensions["E"].width > ws.column_dimensions["A"].width


def test_export_by_ids_and_progress(filled, tmp_path):
    with filled.Session() as s:
        wanted = [
            p.id
            for p in s.scalars(select(Person).where(Person.category.in_(["activist", "applicant"])))
        ]
    seen = []
    excel.export_table(
        filled,
        "person",
        tmp_path / "x.xlsx",
        columns=["name"],
        ids=wanted,
        progress=lambda f, t: seen.append(f),
    )
    _, _, rows = read(tmp_path / "x.xlsx")
    assert sorted(r[0] for r in rows) == ["王五", "赵六"] and seen[-1] == 1.0


@pytest.mark.parametrize("table", ["units", "orgs", "people", "instructors"])
def test_export_then_import_changes_nothing(filled, tmp_path, table):
    out = tmp_path / f"{table}.xlsx"
    excel.export_table(filled, table, out)
    entity = excel.entity_key(table)
    model = fields.entity(entity).model
    with filled.Session() as s:
        before = [tuple(r) for r in s.execute(select(model.__table__).order_by(model.id))]
    plan = excel.plan_import(filled, table, out, today=TODAY)
    assert plan.ignored_headers == []
    assert plan.counts["unchanged"] == len(before) and len(plan.rows) == len(before), [
        (r.reason, r.changes) for r in plan.rows if r.status != "unchanged"
    ]
    excel.apply_import(filled, plan)
    with filled.Session() as s:
        assert [tuple(r) for r in s.execute(select(model.__table__).order_by(model.id))] == before


def test_coverage_report(filled, tmp_path):
    out = tmp_path / "cov.xlsx"
    assert excel.write_report(filled, "coverage", out, today=TODAY) == 4
    ws, head, rows = read(out, header_row=3)
    assert ws["A1"].value == "两新组织党建工作覆盖情况统计表" and ws.freeze_panes == "A4"
    assert ws["A2"].value == "统计日期：2025年06月30日"
    by = {r[1]: dict(zip(head, r, strict=True)) for r in rows}
    a = by["杭州甲科技有限公司"]
    assert (a["党组织名称"], a["组建方式"], a["覆盖情况"], a["党建指导员"]) == (
        "中共杭州甲科技有限公司支部委员会",
        "单独建",
        "组织覆盖",
        None,
    )
    assert a["党员数"] == 1  # counted from the people working there
    assert by["杭州乙物流有限公司"]["党建指导员"] == "钱指导"
    c = by["丙小店"]
    assert (c["党组织名称"], c["组建方式"], c["覆盖情况"], c["党建指导员"], c["建立工会"]) == (
        "未建",
        "未建",
        "工作覆盖",
        "钱指导",
        "是",
    )
    assert by["丁驿站"]["覆盖情况"] == "未覆盖" and by["丁驿站"]["组织类别"] == "新就业群体"


def test_members_summary(filled, tmp_path):
    out = tmp_path / "m.xlsx"
    excel.write_report(filled, "members", out, today=TODAY)
    _, head, rows = read(out, header_row=3)
    by = {r[1]: dict(zip(head, r, strict=True)) for r in rows}
    a = by["中共杭州甲科技有限公司支部委员会"]
    assert (
        a["所在单位"],
        a["党员合计"],
        a["正式党员"],
        a["预备党员"],
        a["少数民族党员"],
        a["流动党员"],
        a["大专及以上学历党员"],
    ) == ("杭州甲科技有限公司", 2, 1, 1, 1, 1, 1)
    b = by["中共杭州乙物流有限公司支部委员会"]
    assert (b["党员合计"], b["入党积极分子"], b["入党申请人"]) == (0, 1, 1)
    total = rows[-1]
    assert total[0] == "合计" and dict(zip(head, total, strict=True))["党员合计"] == 2


def test_org_table(filled, tmp_path):
    out = tmp_path / "o.xlsx"
    excel.write_report(filled, "orgs", out, today=TODAY)
    _, head, rows = read(out, header_row=3)
    r = dict(zip(head, rows[0], strict=True))
    assert (
        r["党组织全称"],
        r["党组织类别"],
        r["组建方式"],
        r["所在单位"],
        r["成立日期"],
        r["正式党员"],
        r["预备党员"],
    ) == (
        "中共杭州甲科技有限公司支部委员会",
        "党支部",
        "单独建",
        "杭州甲科技有限公司",
        datetime(2015, 3, 1),
        1,
        1,
    )


def test_template_has_drop_downs_and_imports(ledger, tmp_path):
    out = excel.write_template("people", tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    head = [c.value for c in ws[1]]
    assert head == [f.label for f in fields.PERSON.fields]
    lists = {
        str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in ws.data_validations.dataValidation
    }
    col = openpyxl.utils.get_column_letter(head.index("人员类别") + 1)
    assert lists[col] == '"入党申请人,入党积极分子,发展对象,预备党员,正式党员"'
    assert lists[openpyxl.utils.get_column_letter(head.index("是否为流动党员") + 1)] == '"是,否"'
    id_col = head.index("公民身份证号") + 1
    assert ws.cell(2, id_col).number_format == "@"
    ws.cell(2, 1, "新人")
    ws.cell(2, id_col, ids(1)[0])
    ws.cell(2, head.index("人员类别") + 1, "正式党员")  # a candidate would need its dates
    wb.save(out)
    plan = excel.plan_import(ledger, "people", out, today=TODAY)
    assert plan.counts["new"] == 1 and plan.ignored_headers == []


def test_cli(filled, tmp_path, capsys):
    lg = ["--ledger", filled.location]
    assert main([*lg, "export", "people", "-o", str(tmp_path / "p.xlsx"), "--filter", "李"]) == 0
    assert "已导出1行" in capsys.readouterr().out
    for name in ("coverage", "members", "orgs"):
        assert main([*lg, "report", name, "-o", str(tmp_path / f"{name}.xlsx")]) == 0
        assert (tmp_path / f"{name}.xlsx").exists()
    assert main([*lg, "template", "units", "-o", str(tmp_path / "t.xlsx")]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    ws.append(["新人甲"] + [None] * 5 + ["不存在的类别"])
    ws.append(["新人乙"] + [None] * 5 + ["正式党员"])  # a candidate would need its dates
    ws.parent.save(tmp_path / "p.xlsx")
    rc = main(
        [
            *lg,
            "import",
            "people",
            str(tmp_path / "p.xlsx"),
            "--dry-run",
            "--report",
            str(tmp_path / "e.xlsx"),
        ]
    )
    text = capsys.readouterr().out
    assert rc == 0
    assert "新增 1　更新 0　无变化 1　错误 1" in text
    assert "第3行：人员类别：应为" in text and "试运行：账本未作改动" in text
    assert (tmp_path / "e.xlsx").exists()
    with filled.Session() as s:
        assert s.scalar(select(Person).where(Person.name == "新人乙")) is None
    assert main([*lg, "import", "people", str(tmp_path / "p.xlsx")]) == 0
    assert "已导入：新增1条，更新0条" in capsys.readouterr().out
    with filled.Session() as s:
        assert s.scalar(select(Person).where(Person.name == "新人乙")).category == "full"
