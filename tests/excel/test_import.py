"""Importing rosters in the shapes offices send them."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from excel_helpers import TODAY, code, ids, roster
from sqlalchemy import func, select

from partydesk import excel
from partydesk.errors import PartyDeskError, ValidationError
from partydesk.ledger import fields, open_ledger
from partydesk.ledger.models import Instructor, Organization, Person, Setting, Unit

HEADER = [
    "序号",
    "姓名",
    "性别",
    "公民身份证号",
    "人员类别",
    "加入党组织日期",
    "所在党支部",
    "手机号码",
]


def people(ledger):
    with ledger.Session() as s:
        return {p.name: p for p in s.scalars(select(Person))}


def snapshot(ledger):
    """Everything a user could see in the people, unit, org and setting tables."""
    with ledger.Session() as s:
        out = {}
        for model in (Person, Unit, Organization, Instructor, Setting):
            rows = s.execute(select(model.__table__)).all()
            out[model.__tablename__] = sorted(tuple(map(str, r)) for r in rows)
        return out


def test_title_rows_merged_cells_and_every_date_form(ledger, orgs, tmp_path):
    n = ids(7)
    rows = [
        [1, "张一", "女", n[0], "正式党员", datetime(2019, 7, 1), "杭州甲科技", "13812345670"],
        [2, "张二", None, n[1], "正式党员", 43647, "杭州甲科技", None],  # Excel serial
        [3, "张三", None, n[2], "正式党员", "2019.07", "杭州甲科技", None],
        [4, "张四", None, n[3], "正式党员", "2019年7月1日", "杭州甲科技", None],
        [5, "张五", None, n[4], "正式党员", "2019-7-1", "杭州甲科技", None],
        [6, "张六", None, n[5], "正式党员", "2019/07/01", "杭州甲科技", None],
        [
            7,
            "张七",
            None,
            n[6],
            "正式党员",
            " 2019 年 7 月 1 日 ",
            "中共杭州甲科技有限公司支部委员会",
            None,
        ],
    ]
    f = roster(tmp_path / "a.xlsx", HEADER, rows)
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.header_row == 3
    assert plan.counts == {"new": 7, "update": 0, "unchanged": 0, "error": 0}, [
        r.reason for r in plan.rows
    ]
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert {p.admitted_on for p in got.values()} == {date(2019, 7, 1)}
    assert all(p.org_id == orgs["甲"] for p in got.values())
    # sex and birth date come from the ID number where the sheet leaves them blank
    assert got["张二"].birth_date == date(1981, 2, 2) and got["张二"].sex == "M"
    assert got["张一"].phone == "13812345670"


def test_numeric_id_is_flagged_and_never_stored(ledger, orgs, tmp_path):
    good = ids(2)
    as_number = int(good[1])  # what Excel does to a long number typed in a General cell
    f = roster(
        tmp_path / "a.xlsx",
        HEADER,
        [
            [1, "甲", None, good[0], "正式党员", None, "杭州甲科技", None],
            [2, "乙", None, float(as_number), "正式党员", None, "杭州甲科技", None],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    bad = plan.errors
    assert [r.row_no for r in bad] == [5]
    assert "存成了数字" in bad[0].reason
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert set(got) == {"甲"}
    with ledger.Session() as s:
        assert s.scalar(select(func.count()).where(Person.id_number.like("%E%"))) == 0


def test_full_width_digits_and_stray_spaces_are_folded(ledger, orgs, tmp_path):
    n = ids(1)[0]
    wide = "".join(chr(ord(c) + 0xFEE0) for c in n)
    f = roster(
        tmp_path / "a.xlsx",
        HEADER,
        [
            [
                1,
                "　王　芳 ",
                None,
                " " + wide[:9] + " " + wide[9:],
                "预备党员",
                "２０２４．０５．０１",
                "杭州甲科技",
                "１３８ １２３４ ５６７８",
            ],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.counts["new"] == 1, plan.rows[0].reason
    excel.apply_import(ledger, plan)
    p = people(ledger)["王　芳"]
    assert p.id_number == n and p.phone == "13812345678" and p.admitted_on == date(2024, 5, 1)


def test_duplicate_rows_in_the_file(ledger, orgs, tmp_path):
    n = ids(2)
    f = roster(
        tmp_path / "a.xlsx",
        HEADER,
        [
            [1, "甲", None, n[0], "正式党员", None, "杭州甲科技", None],
            [2, "乙", None, n[1], "正式党员", None, "杭州甲科技", None],
            [3, "甲", None, n[0], "正式党员", None, "杭州甲科技", None],
            [4, "丙", None, None, "正式党员", None, "杭州乙物流", None],
            [5, "丙", None, None, "正式党员", None, "杭州乙物流", None],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert [(r.row_no, r.status) for r in plan.rows] == [
        (4, "new"),
        (5, "new"),
        (6, "error"),
        (7, "new"),
        (8, "error"),
    ]
    assert "与第4行重复（身份证号相同）" in plan.rows[2].reason
    assert "与第7行重复" in plan.rows[4].reason


def test_unknown_header_is_ignored_and_reported(ledger, orgs, tmp_path):
    f = roster(
        tmp_path / "a.xlsx",
        ["姓名", "人员类别", "籍贯", "所在党支部", "爱好"],
        [
            ["甲", "正式党员", "浙江", "杭州甲科技", "读书"],
        ],
        titles=1,
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.ignored_headers == ["籍贯", "爱好"]
    assert plan.counts["new"] == 1
    excel.apply_import(ledger, plan)
    assert people(ledger)["甲"].note is None


def test_classification_new_update_unchanged_error(ledger, orgs, tmp_path):
    n = ids(4)
    with ledger.session() as s:
        s.add_all(
            [
                Person(
                    name="老甲",
                    category="probationary",
                    admitted_on=date(2023, 5, 1),
                    org_id=orgs["甲"],
                    phone="13900000000",
                    **fields.derive_from_id({"id_number": n[0]}),
                ),
                Person(
                    name="老乙",
                    category="full",
                    admitted_on=date(2010, 7, 1),
                    org_id=orgs["甲"],
                    **fields.derive_from_id({"id_number": n[1]}),
                ),
                Person(
                    name="无号",
                    category="activist",
                    applied_on=date(2022, 1, 1),
                    activist_on=date(2022, 6, 1),
                    org_id=orgs["乙"],
                ),
            ]
        )
    # each step moved through on import needs its date (转正, 发展对象, 申请)
    f = roster(
        tmp_path / "a.xlsx",
        [*HEADER, "转为正式党员日期", "确定为发展对象日期", "申请入党日期"],
        [
            [
                1,
                "老甲",
                None,
                n[0],
                "正式党员",
                "2023-05-01",
                "杭州甲科技",
                "13900000000",
                "2024-05-01",
                None,
                None,
            ],  # update category
            [2, "老乙", None, n[1], "正式党员", "2010-07-01", "杭州甲科技", None, None, None, None],
            [
                3,
                "新丙",
                None,
                n[2],
                "入党申请人",
                None,
                "杭州乙物流",
                None,
                None,
                None,
                "2025-03-01",
            ],
            [4, "新丁", None, n[3], "群众", None, "杭州乙物流", None, None, None, None],  # error
            # update by name + org
            [5, "无号", None, None, "发展对象", None, "杭州乙物流", None, None, "2023-06-01", None],
            [6, "新戊", None, None, "正式党员", "2030-01-01", "杭州乙物流", None, None, None, None],
            [7, "新己", None, None, "正式党员", None, "不存在的支部", None, None, None, None],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    status = {r.row_no: r.status for r in plan.rows}
    assert status == {
        4: "update",
        5: "unchanged",
        6: "new",
        7: "error",
        8: "update",
        9: "new",  # the future date is left out, with a warning
        10: "error",
    }
    upd = plan.rows[0]
    assert upd.changes == {
        "category": ("probationary", "full"),
        "full_on": (None, date(2024, 5, 1)),
    }
    assert upd.describe_changes("person").startswith("人员类别：预备党员→正式党员")
    assert "人员类别：应为" in plan.rows[3].reason
    assert "不能是将来的日期" in plan.rows[5].warning and "此项未导入" in plan.rows[5].warning
    assert "admitted_on" not in plan.rows[5].values
    assert "找不到党组织“不存在的支部”" in plan.rows[6].reason
    excel.apply_import(ledger, plan)
    got = people(ledger)
    assert got["老甲"].category == "full" and got["老甲"].phone == "13900000000"
    assert got["无号"].category == "target"
    assert got["新丙"].category == "applicant"
    assert "新丁" not in got and got["新戊"].admitted_on is None


def test_blank_cells_never_erase(ledger, orgs, tmp_path):
    n = ids(1)
    with ledger.session() as s:
        s.add(
            Person(
                name="甲",
                category="full",
                phone="13900000000",
                org_id=orgs["甲"],
                is_flowing=True,
                admitted_on=date(2010, 1, 1),
                **fields.derive_from_id({"id_number": n[0]}),
            )
        )
    f = roster(
        tmp_path / "a.xlsx",
        HEADER + ["是否为流动党员"],
        [[1, "甲", None, n[0], "正式党员", None, None, None, None]],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.counts["unchanged"] == 1


def test_cross_field_rules_of_the_core(ledger, orgs, tmp_path):
    n = ids(1)[0]
    f = roster(
        tmp_path / "a.xlsx",
        ["姓名", "性别", "出生日期", "公民身份证号", "人员类别"],
        [
            ["甲", "男" if n[16] in "02468" else "女", "1999-01-01", n, "正式党员"],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    r = plan.rows[0]
    # the ID number's facts are kept, the clashing cells left out with a warning
    assert r.status == "new"
    assert "出生日期1999-01-01与身份证号" in r.warning and "性别与身份证号不一致" in r.warning
    excel.apply_import(ledger, plan)
    p = people(ledger)["甲"]
    assert p.birth_date.year != 1999 and p.sex == ("M" if int(n[16]) % 2 else "F")


def test_required_column_missing_refuses_new_rows_only(ledger, orgs, tmp_path):
    n = ids(2)
    with ledger.session() as s:
        s.add(Person(name="甲", id_number=n[0], category="full"))
    f = roster(
        tmp_path / "a.xlsx",
        ["姓名", "公民身份证号", "手机号"],
        [
            ["甲", n[0], "13911112222"],
            ["乙", n[1], "13911113333"],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.missing_required == ["人员类别"]
    assert [r.status for r in plan.rows] == ["update", "error"]
    assert "新增记录缺少人员类别" in plan.rows[1].reason


def test_header_merged_over_two_rows(ledger, orgs, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["党员信息采集表"])
    ws.merge_cells("A1:E1")
    ws.append(["姓名", "人员类别", "公民身份证号", "入党时间", None])
    ws.append([None, None, None, None, "所在党支部"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:C3")
    ws.merge_cells("D2:D3")
    ws.append(["甲", "正式党员", ids(1)[0], "2001.07", "杭州甲科技"])
    wb.save(tmp_path / "m.xlsx")
    plan = excel.plan_import(ledger, "people", tmp_path / "m.xlsx", today=TODAY)
    assert plan.mapping == ["name", "category", "id_number", "admitted_on", "org_id"]
    assert plan.counts["new"] == 1, plan.rows


def test_edited_mapping_is_used_and_remembered(ledger, orgs, tmp_path):
    f = roster(
        tmp_path / "a.xlsx", ["姓名", "人员类别", "联系人手机"], [["甲", "正式党员", "13911112222"]]
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.mapping == ["name", "category", None]
    plan = excel.plan_import(
        ledger, "people", f, mapping=["name", "category", "phone"], today=TODAY
    )
    excel.apply_import(ledger, plan)
    assert people(ledger)["甲"].phone == "13911112222"
    again = excel.plan_import(ledger, "people", f, today=TODAY)
    assert again.mapping == ["name", "category", "phone"]
    assert again.counts["unchanged"] == 1
    with pytest.raises(ValidationError, match="对应了两列"):
        excel.plan_import(ledger, "people", f, mapping=["name", "phone", "phone"], today=TODAY)


def test_cancel_and_crash_leave_the_ledger_exactly_as_it_was(ledger, orgs, tmp_path, monkeypatch):
    n = ids(30)
    with ledger.session() as s:
        s.add(Person(name="老人", id_number=n[0], category="full"))
    rows = [[i, f"人{i}", None, n[i], "正式党员", None, "杭州甲科技", None] for i in range(30)]
    f = roster(tmp_path / "a.xlsx", HEADER, rows)
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    assert plan.counts == {"new": 29, "update": 1, "unchanged": 0, "error": 0}
    before = snapshot(ledger)
    calls = []

    def cancel_after_first_chunk():
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(excel.Cancelled):
        excel.apply_import(ledger, plan, chunk=5, cancelled=cancel_after_first_chunk)
    assert snapshot(ledger) == before

    import partydesk.excel.applying as imp

    def boom(*a, **k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(imp.mapping_mod, "remember", boom)  # fails after every row is written
    with pytest.raises(RuntimeError):
        excel.apply_import(ledger, plan, chunk=5)
    assert snapshot(ledger) == before


def test_ledger_changed_after_preview_is_refused_whole(ledger, orgs, tmp_path):
    n = ids(3)
    f = roster(
        tmp_path / "a.xlsx",
        HEADER,
        [[i, f"人{i}", None, n[i], "正式党员", None, None, None] for i in range(3)],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    with ledger.session() as s:
        s.add(Person(name="抢先", id_number=n[2], category="full"))
    before = snapshot(ledger)
    with pytest.raises(PartyDeskError, match="身份证号重复.*未作任何改动"):
        excel.apply_import(ledger, plan)
    assert snapshot(ledger) == before


def test_error_report_holds_the_users_rows_and_reasons(ledger, orgs, tmp_path):
    n = ids(2)
    f = roster(
        tmp_path / "a.xlsx",
        HEADER,
        [
            [1, "甲", None, n[0], "正式党员", datetime(2019, 7, 1), "杭州甲科技", None],
            [2, "乙", None, "123", "正式党员", datetime(2019, 7, 1), "杭州甲科技", None],
        ],
    )
    plan = excel.plan_import(ledger, "people", f, today=TODAY)
    out = excel.write_error_report(plan, tmp_path / "errors.xlsx")
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.values)
    assert rows[0] == tuple(HEADER) + ("处理结果", "错误与提醒")
    assert len(rows) == 2
    assert rows[1][:7] == (2, "乙", None, "123", "正式党员", datetime(2019, 7, 1), "杭州甲科技")
    assert rows[1][-2] == "未导入"
    assert rows[1][-1].startswith("第5行：错误：公民身份证号：身份证号应为18位")
    assert ws.freeze_panes == "A2"
    # fix the row in the report and import it again: it goes in
    wb = openpyxl.load_workbook(out)
    wb.active["D2"] = n[1]
    wb.save(out)
    again = excel.plan_import(ledger, "people", out, today=TODAY)
    assert again.counts["new"] == 1 and again.ignored_headers == ["序号", "处理结果", "错误与提醒"]


def test_units_orgs_and_instructors(ledger, tmp_path):
    f = roster(
        tmp_path / "u.xlsx",
        ["单位名称", "统一社会信用代码", "类别", "从业人员数", "是否规上", "所在街道"],
        [
            ["甲公司", code(11).lower(), "企业", "1,200", "是", "城东街道"],
            ["乙协会", None, "社会组织", 12, "否", "城东街道"],
            ["丙公司", "91350100M000100Y4Z", "企业", 5, "否", None],
        ],
        titles=1,
    )
    plan = excel.plan_import(ledger, "units", f, today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "new", "error"]
    assert "统一社会信用代码" in plan.rows[2].reason
    excel.apply_import(ledger, plan)
    f = roster(
        tmp_path / "o.xlsx",
        ["党组织全称", "党组织类别", "组建方式", "成立日期"],
        [
            ["中共城东街道综合委员会", "党委", None, "2010.01"],
            ["中共甲公司支部委员会", "党支部", "单独组建", "2015年3月"],
        ],
        titles=0,
    )
    plan = excel.plan_import(ledger, "orgs", f, today=TODAY)
    assert plan.counts["new"] == 2
    excel.apply_import(ledger, plan)
    f = roster(
        tmp_path / "o2.xlsx",
        ["党组织全称", "上级党组织"],
        [["中共甲公司支部委员会", "城东街道综合委员会"]],
        titles=0,
    )
    plan = excel.plan_import(ledger, "orgs", f, today=TODAY)
    assert plan.counts["update"] == 1
    excel.apply_import(ledger, plan)
    f = roster(
        tmp_path / "i.xlsx",
        ["姓名", "派出单位", "职务", "手机号", "选派日期", "任期届满"],
        [
            ["钱指导", "区发改局", "科长", "13700001111", "2024-03-01", "2026-02-28"],
        ],
    )
    plan = excel.plan_import(ledger, "instructors", f, today=TODAY)
    excel.apply_import(ledger, plan)
    with ledger.Session() as s:
        u = s.scalar(select(Unit).where(Unit.name == "甲公司"))
        assert (u.credit_code, u.kind, u.employees, u.above_scale) == (
            code(11),
            "enterprise",
            1200,
            True,
        )
        child = s.scalar(select(Organization).where(Organization.name == "中共甲公司支部委员会"))
        assert child.parent.name == "中共城东街道综合委员会" and child.formation == "own"
        assert child.founded_on == date(2015, 3, 1)
        i = s.scalar(select(Instructor))
        assert (i.name, i.home_unit, i.term_end, i.active) == (
            "钱指导",
            "区发改局",
            date(2026, 2, 28),
            True,
        )


@pytest.mark.sqlite_only(
    "a ledger file is copied before an import; a server ledger's import is one transaction"
)
def test_import_makes_a_backup_first_and_one_audit_entry(ledger, orgs, tmp_path):
    from partydesk.ledger.models.audit import AuditEntry

    f = roster(tmp_path / "a.xlsx", ["姓名", "人员类别"], [["甲", "正式党员"]])
    res = excel.apply_import(ledger, excel.plan_import(ledger, "people", f, today=TODAY))
    assert res.backup is not None and res.backup.exists()  # the state before the import
    before = open_ledger(res.backup, readonly=True)
    try:
        with before.Session() as s:
            assert s.scalar(select(Person).where(Person.name == "甲")) is None
    finally:
        before.close()
    with ledger.Session() as s:
        labels = s.scalars(select(AuditEntry.label).where(AuditEntry.action == "import")).all()
    assert labels == ["从“a.xlsx”导入党员与发展对象：新增1条，更新0条"]


def test_imported_and_reimported_names_get_their_pinyin_sort_keys(ledger, orgs, tmp_path):
    from partydesk.ledger import listing

    n = ids(3)
    rows = [
        [1, "赵一", "女", n[0], "正式党员", None, "杭州甲科技", None],
        [2, "单二", "男", n[1], "正式党员", None, "杭州甲科技", None],
        [3, "陈三", "男", n[2], "正式党员", None, "杭州甲科技", None],
    ]
    excel.apply_import(
        ledger,
        excel.plan_import(ledger, "people", roster(tmp_path / "a.xlsx", HEADER, rows), today=TODAY),
    )
    q = listing.ListQuery("person", sort="name")

    def order():
        with ledger.Session() as s:
            got = listing.fetch_rows(s, "person", listing.query_ids(s, q), ["name"])
            return [got[i][1] for i in listing.query_ids(s, q)]

    assert order() == ["陈三", "单二", "赵一"]  # chen, shan (单 as a surname), zhao
    # a second sheet renames 赵一 (matched by ID number): the key follows the new name
    rows[0][1] = "艾一"
    plan = excel.plan_import(
        ledger, "people", roster(tmp_path / "b.xlsx", HEADER, rows), today=TODAY
    )
    assert plan.counts["update"] == 1
    excel.apply_import(ledger, plan)
    assert order() == ["艾一", "陈三", "单二"]
