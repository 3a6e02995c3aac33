"""The command line: partydesk due, rate, survey, checklist, guidance, demo-site,
report stars."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from standing_helpers import add_org, add_person, add_unit

from partydesk.cli import main
from partydesk.standing import config
from partydesk.standing.rating import indicators


@pytest.fixture
def small(ledger):
    with ledger.session() as s:
        u = add_unit(s, "云海科技有限公司", employees=40)
        top = add_org(s, "中共云海科技有限公司委员会", org_type="committee", units=[u])
        br = add_org(s, "中共云海科技有限公司第一支部委员会")
        br.parent_id = top.id
        other = add_org(s, "中共星河物流有限公司支部委员会")
        add_person(s, "王芳", "probationary", br, admitted_on=date(2025, 12, 1))  # due 2026-12-01
        add_person(s, "李雷", "applicant", br, applied_on=date(2026, 10, 1))  # due 2026-11-01
        add_person(
            s, "韩梅", "probationary", other, admitted_on=date(2026, 1, 15)
        )  # due 2027-01-15
    return ledger.location


def run(capsys, *argv):
    rc = main(list(argv))
    cap = capsys.readouterr()
    return rc, cap.out, cap.err


def test_due_lists_with_dates_and_marks_overdue(small, capsys):
    rc, out, _ = run(capsys, "due", "--ledger", small, "--today", "2026-11-22")
    assert rc == 0
    lines = [line.strip() for line in out.strip().splitlines()]
    # two people, and the meetings the two branches have not held (no work records): last
    # quarter's and last month's are overdue, this month's 主题党日 is in its last ten days,
    # this quarter's meetings are not due before 12-22
    assert "共10项，其中逾期7项（5类）" in lines[0]
    # grouped by kind, the groups with overdue items first (the longest overdue first)
    heads = [line for line in lines[1:] if not line[:4].isdigit()]
    assert heads == [
        "【逾期】未召开党课：2项，其中逾期2项",
        "【逾期】未召开支部党员大会：2项，其中逾期2项",
        "【逾期】未召开主题党日：4项，其中逾期2项",
        "【逾期】入党谈话：1项，其中逾期1项",
        "预备期满：1项",
    ]
    assert (
        "2026-11-01 【已逾期21天】 李雷（中共云海科技有限公司第一支部委员会）：入党谈话（递交申请后一个月内）"
        in lines
    )
    assert (
        "2026-10-31 【已逾期22天】 中共云海科技有限公司第一支部委员会：2026年10月未召开主题党日"
        in lines
    )
    assert (
        "2026-11-30 （还有8天） 中共云海科技有限公司第一支部委员会：本月尚未召开主题党日" in lines
    )
    assert lines[-1].startswith("2026-12-01 （还有9天） 王芳")
    assert not any("本季度" in line for line in lines)


def test_due_kind_limit_and_all(small, capsys):
    rc, out, _ = run(
        capsys,
        "due",
        "--ledger",
        small,
        "--today",
        "2026-11-22",
        "--kind",
        "主题党日",
        "--limit",
        "1",
    )
    lines = out.strip().splitlines()
    assert "共4项，其中逾期2项（1类）" in lines[0]
    assert len(lines) == 4 and lines[-1].strip() == "……另有3项（--all 显示全部）"
    rc, out, _ = run(
        capsys, "due", "--ledger", small, "--today", "2026-11-22", "--kind", "主题党日", "--all"
    )
    assert len(out.strip().splitlines()) == 6 and "另有" not in out
    rc, _, err = run(capsys, "due", "--ledger", small, "--kind", "没有这类")
    assert rc == 1 and err.startswith("错误：没有“没有这类”这类待办。可用：")


def test_due_days_and_org_include_suborganizations(small, capsys):
    rc, out, _ = run(capsys, "due", "--ledger", small, "--today", "2026-11-22", "--days", "60")
    assert "共11项" in out and "韩梅" in out
    rc, out, _ = run(
        capsys,
        "due",
        "--ledger",
        small,
        "--today",
        "2026-11-22",
        "--days",
        "60",
        "--org",
        "云海科技有限公司委员会",
    )
    assert "共6项" in out and "韩梅" not in out and "王芳" in out and "星河" not in out
    rc, out, _ = run(capsys, "due", "--ledger", small, "--today", "2026-12-01", "--org", "星河")
    assert "共3项，其中逾期3项" in out and "王芳" not in out and "韩梅" not in out
    assert "2026年11月未召开主题党日" in out


def test_due_bad_input_is_one_chinese_line(small, capsys):
    rc, _, err = run(capsys, "due", "--ledger", small, "--today", "2026-13-01")
    assert rc == 1 and err.strip() == "错误：--today“2026-13-01”不是有效日期，请写成 2026-03-01。"
    rc, _, err = run(capsys, "due", "--ledger", small, "--org", "不存在的组织")
    assert rc == 1 and err.startswith("错误：找不到党组织")


def test_rate_then_report_stars(small, capsys, tmp_path):
    full = [f"--score={i['code']}={i['max']}" for i in indicators(config.DEFAULTS)]
    rc, out, _ = run(
        capsys,
        "rate",
        "--ledger",
        small,
        "--org",
        "星河",
        "--year",
        "2026",
        *full,
        "--step",
        "自查初评=2026-03-01",
        "--step",
        "accept=2026年10月9日",
    )
    assert rc == 0 and "总分100分，5星" in out and "已到“检查验收”" in out
    rc, out, _ = run(
        capsys,
        "rate",
        "--ledger",
        small,
        "--org",
        "第一支部",
        "--year",
        "2026",
        "--score",
        "书记选优配强，履职尽责=6",
        "--veto",
        "accident",
    )
    assert "总分6分，未评星，一票否决：单位发生重大安全生产事故或群体性事件" in out
    rc, _, err = run(
        capsys, "rate", "--ledger", small, "--org", "星河", "--score", "leadership.secretary=60"
    )
    assert rc == 1 and "0至6分" in err
    rc, out, _ = run(capsys, "rate", "--ledger", small, "--org", "星河")
    assert out.strip() == "2026年度：总分100分，5星，已到“检查验收”"

    xlsx = tmp_path / "stars.xlsx"
    rc, out, _ = run(
        capsys, "report", "stars", "--ledger", small, "--year", "2026", "-o", str(xlsx)
    )
    assert rc == 0 and "2个党组织" in out
    ws = load_workbook(xlsx).active
    assert ws["A1"].value == "2026年度党组织评星定级汇总表"
    header = [c.value for c in ws[2]]
    assert header[:5] == ["序号", "党组织", "类型", "组建方式", "领导班子好"]
    assert ws["A2"].font.bold and ws.freeze_panes == "C3"
    assert ws.column_dimensions["B"].width >= 30
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == [
        "中共星河物流有限公司支部委员会",
        "中共云海科技有限公司第一支部委员会",
    ]
    first = dict(zip(header, rows[0], strict=True))
    assert (
        first["总分"] == 100
        and first["星级"] == "5星"
        and first["检查验收"].date() == date(2026, 10, 9)
    )
    second = dict(zip(header, rows[1], strict=True))
    assert second["星级"] == "未评星" and "安全生产" in second["一票否决"]


def test_survey_checklist_guidance_demo_site(small, capsys):
    rc, out, _ = run(capsys, "survey", "--ledger", small, "--pending", "--today", "2026-11-22")
    assert "未摸排1个" in out and "云海科技有限公司" in out
    rc, out, _ = run(
        capsys,
        "survey",
        "--ledger",
        small,
        "--unit",
        "云海",
        "--surveyor",
        "赵敏",
        "--on",
        "2026-09-01",
        "--employees",
        "41",
    )
    assert rc == 0 and "从业人员：41" in out and "党组织：中共云海科技有限公司委员会" in out
    rc, out, _ = run(capsys, "survey", "--ledger", small, "--pending", "--today", "2026-11-22")
    assert "未摸排0个" in out
    rc, out, _ = run(
        capsys,
        "checklist",
        "--ledger",
        small,
        "--org",
        "星河",
        "--done",
        "venue",
        "--done",
        "有党旗",
    )
    assert "“六有”：2/6" in out and "[√] 有党旗" in out
    rc, _, err = run(capsys, "checklist", "--ledger", small, "--org", "星河", "--done", "有游泳池")
    assert rc == 1 and "没有清单项“有游泳池”" in err
    rc, out, _ = run(
        capsys,
        "guidance",
        "--ledger",
        small,
        "--org",
        "星河",
        "--leader",
        "陈刚",
        "--channel",
        "街道党建热线",
    )
    assert "不齐全" in out and "联系领导：陈刚" in out and "吹哨报到渠道：街道党建热线" in out
    rc, out, _ = run(
        capsys, "demo-site", "--ledger", small, "--org", "星河", "--level", "县级", "--year", "2025"
    )
    assert out.strip() == "已命名：中共星河物流有限公司支部委员会 为2025年度县级示范点"


def test_rubric_export_edit_import(small, capsys, tmp_path):
    f = tmp_path / "rubric.json"
    rc, out, _ = run(capsys, "rubric", "--ledger", small, "--export", str(f))
    assert rc == 0
    import json

    cfg = json.loads(f.read_text(encoding="utf-8"))
    cfg["bands"] = [{"stars": 5, "min": 95}, {"stars": 3, "min": 60}]
    cfg["checklist"]["name"] = "五有"
    f.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")
    rc, out, _ = run(capsys, "rubric", "--ledger", small, "--import", str(f))
    assert rc == 0 and "星级分档：五星≥95分  三星≥60分" in out
    rc, out, _ = run(
        capsys,
        "rate",
        "--ledger",
        small,
        "--org",
        "星河",
        "--year",
        "2026",
        *[f"--score={i['code']}={i['max']}" for i in indicators(config.DEFAULTS)][:14],
    )
    assert "总分70分，3星" in out
    rc, out, _ = run(capsys, "checklist", "--ledger", small, "--org", "星河")
    assert "“五有”：0/6" in out

    cfg["bands"] = [{"stars": 1, "min": 95}, {"stars": 3, "min": 60}]
    f.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")
    rc, _, err = run(capsys, "rubric", "--ledger", small, "--import", str(f))
    assert rc == 1 and "分数线越高，星数应越多" in err
    f.write_text("{not json", encoding="utf-8")
    rc, _, err = run(capsys, "rubric", "--ledger", small, "--import", str(f))
    assert rc == 1 and "不是有效的 JSON" in err


def test_rubric_indicators_and_six_items_by_a_part_of_their_chinese_name(small, capsys):
    org = "云海科技有限公司第一支部"
    rc, out, err = run(
        capsys,
        "rate",
        "--ledger",
        small,
        "--org",
        org,
        "--year",
        "2026",
        "--score",
        "书记选优配强=6",
    )
    assert rc == 0, err
    rc, out, err = run(capsys, "checklist", "--ledger", small, "--org", org, "--done", "活动场所")
    assert rc == 0, err
    assert "[√] 有活动场所" in out
    # a part several labels share is refused with the candidates
    rc, out, err = run(
        capsys, "rate", "--ledger", small, "--org", org, "--year", "2026", "--score", "班子=6"
    )
    assert rc != 0 and "“班子”对应多个评分指标" in err and "班子健全，按期换届" in err
