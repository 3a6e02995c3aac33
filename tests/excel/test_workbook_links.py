"""One `import all` of a workbook whose organizations name, as 所在单位, units that only its
own units sheet holds (and people whose 工作单位 is such a unit): the links land in the
same import, whatever the order of the sheets."""

from __future__ import annotations

import openpyxl
from excel_helpers import TODAY, code, ids
from sqlalchemy import select

from partydesk import excel
from partydesk.cli import main
from partydesk.ledger.models import Organization, OrgHostUnit, Person, Unit


def workbook(path, n):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员"  # people first, units last: the import orders them itself
    ws.append(["姓名", "公民身份证号", "人员类别", "入党时间", "所在党支部", "工作单位"])
    ws.append(["甲", n[0], "正式党员", "2010.07", "中共某科技公司支部委员会", "某科技有限公司"])
    ws.append(["乙", n[1], "正式党员", "2012.07", "中共某联合支部委员会", "某物流有限公司"])
    ws = wb.create_sheet("党组织")
    ws.append(["党组织名称", "党组织类别", "上级党组织", "组建方式", "所在单位"])
    ws.append(["中共某科技公司支部委员会", "党支部", None, "单独组建", "某科技有限公司"])
    ws.append(
        ["中共某联合支部委员会", "联合党支部", None, "联合组建", "某物流有限公司、老单位有限公司"]
    )
    ws = wb.create_sheet("单位")
    ws.append(["单位名称", "统一社会信用代码", "法定代表人", "从业人员数"])
    ws.append(["某科技有限公司", code(31), "张总", 30])
    ws.append(["某物流有限公司", code(32), "李总", 12])
    wb.save(path)
    return path


def hosts(ledger) -> dict[str, list[str]]:
    with ledger.Session() as s:
        rows = s.execute(
            select(Organization.name, Unit.name)
            .join(OrgHostUnit, OrgHostUnit.org_id == Organization.id)
            .join(Unit, Unit.id == OrgHostUnit.unit_id)
            .order_by(OrgHostUnit.id)
        ).all()
    out: dict[str, list[str]] = {}
    for org, unit in rows:
        out.setdefault(org, []).append(unit)
    return out


def test_host_units_new_in_the_same_workbook_are_linked(ledger, tmp_path, capsys):
    with ledger.session() as s:
        s.add(Unit(name="老单位有限公司", credit_code=code(30)))
    f = workbook(tmp_path / "all.xlsx", ids(2))
    plans = excel.plan_workbook(ledger, f, today=TODAY)
    assert [p.entity for p in plans] == ["unit", "org", "person"]
    assert [p.counts["new"] for p in plans] == [2, 2, 2], [r.reason for p in plans for r in p.rows]
    # nothing about the units is left out: no warning on any row
    assert [r.warning for p in plans for r in p.rows] == [""] * 6
    assert main(["--ledger", ledger.location, "import", "all", str(f)]) == 0
    assert "已导入“党组织”：新增2条" in capsys.readouterr().out
    assert hosts(ledger) == {
        "中共某科技公司支部委员会": ["某科技有限公司"],
        "中共某联合支部委员会": ["某物流有限公司", "老单位有限公司"],
    }
    with ledger.Session() as s:
        units = dict(s.execute(select(Unit.name, Unit.id)).all())
        works = dict(s.execute(select(Person.name, Person.unit_id)).all())
    assert works == {"甲": units["某科技有限公司"], "乙": units["某物流有限公司"]}
    # a second import of the same workbook changes nothing
    again = excel.plan_workbook(ledger, f, today=TODAY)
    assert [p.counts["unchanged"] for p in again] == [2, 2, 2]


def test_a_unit_in_no_sheet_and_not_in_the_ledger_is_still_a_warning(ledger, tmp_path):
    f = workbook(tmp_path / "all.xlsx", ids(2))  # 老单位有限公司 is nowhere
    plans = excel.plan_workbook(ledger, f, today=TODAY)
    org_plan = plans[1]
    assert org_plan.counts["new"] == 2
    joint = org_plan.rows[1]
    assert "老单位有限公司" in joint.warning and "此项未导入" in joint.warning
    excel.apply_plans(ledger, plans)
    assert hosts(ledger)["中共某科技公司支部委员会"] == ["某科技有限公司"]
    assert "中共某联合支部委员会" not in hosts(ledger)  # the cell was left out whole


def test_the_orgs_sheet_alone_still_needs_the_units_in_the_ledger(ledger, tmp_path):
    f = workbook(tmp_path / "all.xlsx", ids(2))
    plan = excel.plan_import(ledger, "orgs", f, "党组织", today=TODAY)
    assert all("某" in r.warning and "此项未导入" in r.warning for r in plan.rows)
