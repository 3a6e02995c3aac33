"""The 所在单位 column of an organizations sheet: import links organizations to their
units (so coverage comes with the roster), export writes it back, and a re-import of the
export changes nothing."""

from __future__ import annotations

import openpyxl
from excel_helpers import TODAY, code, roster
from sqlalchemy import select

from partydesk import excel, stats
from partydesk.ledger.models import OrgHostUnit, Unit


def links(ledger):
    with ledger.session() as s:
        return sorted(s.execute(select(OrgHostUnit.org_id, OrgHostUnit.unit_id)).all())


def test_import_links_new_and_existing_organizations_to_their_units(ledger, orgs, tmp_path):
    with ledger.session() as s:
        s.add_all(
            [
                Unit(name="杭州丙餐饮有限公司", credit_code=code(3)),
                Unit(name="杭州丁家政服务部", credit_code=code(4)),
            ]
        )
    path = tmp_path / "orgs.xlsx"
    roster(
        path,
        ["党组织名称", "党组织类别", "组建方式", "所在单位"],
        [
            [
                "中共杭州丙丁联合支部委员会",
                "联合党支部",
                "联合建",
                "杭州丙餐饮有限公司、杭州丁家政服务部",
            ],
            [
                "中共杭州乙物流有限公司支部委员会",
                "党支部",
                "单独建",
                "杭州乙物流有限公司",
            ],  # as it is
            ["中共杭州甲科技有限公司支部委员会", "党支部", "单独建", "杭州丙餐饮有限公司"],  # moved
            ["中共某某支部", "党支部", "单独建", "不存在的公司"],
        ],
    )
    plan = excel.plan_import(ledger, "orgs", path, today=TODAY)
    # an unknown host unit keeps the organization, without the link, and says so
    assert [r.status for r in plan.rows] == ["new", "unchanged", "update", "new"]
    assert plan.rows[2].describe_changes("org") == "所在单位：杭州甲科技有限公司→杭州丙餐饮有限公司"
    assert "找不到单位“不存在的公司”" in plan.rows[3].warning
    assert plan.rows[3].links == {}
    with ledger.session() as s:
        before = stats.coverage(s, TODAY)
        u3, u4 = s.scalars(
            select(Unit.id)
            .where(Unit.name.in_(["杭州丙餐饮有限公司", "杭州丁家政服务部"]))
            .order_by(Unit.id)
        ).all()
    assert u4 in before.uncovered_ids

    result = excel.apply_import(ledger, plan)
    assert (result.inserted, result.updated) == (2, 1)
    with ledger.session() as s:
        from partydesk.ledger.models import Organization

        joint = s.scalar(
            select(Organization.id).where(Organization.name == "中共杭州丙丁联合支部委员会")
        )
        after = stats.coverage(s, TODAY)
    assert links(ledger) == sorted(
        [(orgs["甲"], u3), (orgs["乙"], orgs["u乙"]), (joint, u3), (joint, u4)]
    )
    assert u4 in after.joint_ids and orgs["u甲"] in after.uncovered_ids

    # export writes the column; importing the export changes nothing
    out = tmp_path / "export.xlsx"
    excel.export_table(ledger, "orgs", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[-1] == "所在单位"
    by_name = {row[0]: row[-1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert set(by_name["中共杭州丙丁联合支部委员会"].split("、")) == {
        "杭州丙餐饮有限公司",
        "杭州丁家政服务部",
    }
    again = excel.plan_import(ledger, "orgs", out, today=TODAY)
    assert {r.status for r in again.rows} == {"unchanged"}


def test_blank_host_cell_keeps_the_links_and_template_has_the_column(ledger, orgs, tmp_path):
    path = tmp_path / "orgs.xlsx"
    roster(
        path,
        ["党组织名称", "所在单位", "联系电话"],
        [
            ["中共杭州甲科技有限公司支部委员会", None, "057188880000"],
        ],
    )
    plan = excel.plan_import(ledger, "orgs", path, today=TODAY)
    assert [r.status for r in plan.rows] == ["update"]
    excel.apply_import(ledger, plan)
    assert (orgs["甲"], orgs["u甲"]) in links(ledger)

    tpl = excel.write_template("orgs", tmp_path / "tpl.xlsx")
    ws = openpyxl.load_workbook(tpl).active
    cell = [c for c in ws[1] if c.value == "所在单位"][0]
    assert "顿号" in cell.comment.text
    # the CLI export can ask for it by its label
    out = tmp_path / "two.xlsx"
    excel.export_table(ledger, "orgs", out, columns=["党组织全称", "所在单位"])
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("党组织全称", "所在单位")
    assert ("中共杭州乙物流有限公司支部委员会", "杭州乙物流有限公司") in rows
