"""`partydesk dues …` end to end: what is stored, what is printed, the files written."""

from __future__ import annotations

import subprocess

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from partydesk.cli import main
from partydesk.ledger.models import Person
from partydesk.ledger.models.dues import DuesBase, DuesPayment, DuesRelief

ORG = "红星科技"


def run(capsys, ledger, *argv):
    code = main(["--ledger", ledger.location, *argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def test_base_pay_reverse_and_the_grid(branch, capsys):
    ledger, org, ids = branch
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "base",
        "张伟",
        "--org",
        ORG,
        "--amount",
        "5200",
        "--from",
        "2026-07",
    )
    assert code == 0, e
    assert "2026年7月起：在职，基数 5200.00 元，每月应交 78.00 元" in o
    code, o, _ = run(capsys, ledger, "dues", "base", "张伟")
    assert "2026年1月起" in o and "2026年7月起" in o
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "pay",
        "张伟",
        "--month",
        "2026-01..2026-03",
        "--method",
        "微信",
        "--on",
        "2026-03-20",
        "--today",
        "2027-01-15",
    )
    assert code == 0, e
    assert "共 126.00 元，微信，2026-03-20" in o
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "pay",
        "--org",
        ORG,
        "--month",
        "2026-04",
        "--all",
        "--today",
        "2027-01-15",
    )
    assert code == 0, e
    assert "5 笔" in o
    with ledger.session() as s:
        pays = s.scalars(select(DuesPayment).where(DuesPayment.person_id == ids["张伟"])).all()
        assert sorted((p.month, p.amount_fen, p.method) for p in pays) == [
            (202601, 4200, "wechat"),
            (202602, 4200, "wechat"),
            (202603, 4200, "wechat"),
            (202604, 4200, "cash"),
        ]
        first = min(p.id for p in pays)
    code, o, e = run(capsys, ledger, "dues", "reverse", str(first), "--reason", "重复录入")
    assert code == 0, e
    assert "-42.00 元" in o
    code, o, _ = run(
        capsys, ledger, "dues", "payments", "--org", ORG, "--year", "2026", "--person", "张伟"
    )
    assert f"冲正记录 {first}：重复录入" in o
    code, o, _ = run(capsys, ledger, "dues", "grid", "--org", ORG, "--year", "2026")
    line = next(x for x in o.splitlines() if x.startswith("张伟"))
    assert line.split()[3:7] == ["欠", "42.00", "42.00", "42.00"]
    code, o, e = run(capsys, ledger, "dues", "reverse", str(first), "--reason", "再冲")
    assert code == 1 and "已被冲正" in e


def test_relief_and_refusals_are_one_chinese_line(branch, capsys):
    ledger, org, ids = branch
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "relief",
        "周敏",
        "--from",
        "2026-05",
        "--to",
        "2026-07",
        "--reason",
        "大病住院",
        "--approved",
        "2026-04-28",
    )
    assert code == 0, e
    with ledger.session() as s:
        r = s.scalars(select(DuesRelief)).one()
        assert (r.from_month, r.to_month, r.due_fen, r.reason) == (202605, 202607, 0, "大病住院")
    code, o, e = run(
        capsys, ledger, "dues", "pay", "李娜", "--month", "2026-05", "--today", "2027-01-15"
    )
    assert code == 1 and e.strip() == "错误：李娜自2026年6月起交纳党费，2026年5月无需交纳。"
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "pay",
        "张伟",
        "--month",
        "2026-05",
        "--amount",
        "4.205",
        "--today",
        "2027-01-15",
    )
    assert code == 1 and "最多到分" in e


def test_arrears_lists_who_is_late(branch, capsys):
    ledger, org, ids = branch
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "pay",
        "--org",
        ORG,
        "--month",
        "2026-01..2026-06",
        "--all",
        "--today",
        "2026-10-08",
    )
    assert code == 0, e
    code, o, e = run(capsys, ledger, "dues", "arrears", "--org", ORG, "--today", "2026-10-08")
    assert "截至2026年9月" in o
    rows = {x.split()[0]: x.split() for x in o.splitlines()[3:]}
    assert rows["张伟"][2:6] == ["3", "3", "2026-07至09", "126.00"]
    assert rows["张伟"][6] == "提醒"
    assert "王芳" in rows and rows["王芳"][2] == "3"  # transferred out in September, unpaid


def test_reports_pdf_and_excel(branch, capsys, tmp_path):
    ledger, org, ids = branch
    run(
        capsys,
        ledger,
        "dues",
        "pay",
        "--org",
        ORG,
        "--month",
        "2026-01..2026-11",
        "--all",
        "--today",
        "2027-01-15",
    )
    pdf = tmp_path / "明细.pdf"
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "report",
        "--org",
        ORG,
        "--year",
        "2026",
        "-o",
        str(pdf),
        "--today",
        "2027-01-15",
    )
    assert code == 0, e
    txt = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026年党费收缴明细表" in txt and "中共红星科技有限公司支部委员会" in txt
    assert "周敏" in txt and "12000.00" in txt and "2%" in txt
    assert "截至2026年12月欠交 5 人" in txt  # December unpaid by everyone still on the books
    xlsx = tmp_path / "明细.xlsx"
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "report",
        "--org",
        ORG,
        "--year",
        "2026",
        "-o",
        str(xlsx),
        "--today",
        "2027-01-15",
    )
    assert code == 0, e
    ws = load_workbook(xlsx).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "中共红星科技有限公司支部委员会2026年党费收缴明细表"
    head = rows[2]
    zhang = next(r for r in rows if r[1] == "张伟")
    assert zhang[head.index("3月实交")] == 42.0 and zhang[head.index("12月实交")] == 0
    assert zhang[head.index("未交月份")] == "12月"
    summary = tmp_path / "汇总.xlsx"
    code, o, e = run(
        capsys,
        ledger,
        "dues",
        "report",
        "--year",
        "2026",
        "-o",
        str(summary),
        "--today",
        "2027-01-15",
    )
    assert code == 0, e
    rows = list(load_workbook(summary).active.iter_rows(values_only=True))
    assert rows[0][0] == "2026年党费收缴情况汇总表"
    body = [r for r in rows[3:] if isinstance(r[0], int)]
    total = next(r for r in rows if r[0] == "合计")
    for col in (2, 3, 4, 6, 7):
        assert abs(total[col] - sum(r[col] for r in body)) < 0.005


def test_import_bases_by_id_number_or_name_and_branch(branch, capsys, tmp_path):
    ledger, org, ids = branch
    with ledger.session() as s:
        s.get(Person, ids["刘洋"]).id_number = "11010519491231002X"
    wb = Workbook()
    ws = wb.active
    ws.append(["2027年党员工资基数核定表"])
    ws.append(["姓名", "公民身份证号", "所在党支部", "税后工资（元）", "党费类别"])
    ws.append(["刘洋", " 11010519491231002x ", None, 5200, "离退休"])
    ws.append(["张伟", None, "红星科技", "4500", None])
    ws.append(["周敏", None, "蓝天物流", 8000, None])  # wrong branch
    ws.append(["杨帆", None, "红星科技", 3000, None])  # an activist
    ws.append(["陈静", None, "红星科技", None, "学生"])  # as before: unchanged
    f = tmp_path / "基数.xlsx"
    wb.save(f)
    code, o, e = run(
        capsys, ledger, "dues", "base", "--import", str(f), "--from", "2027-01", "--dry-run"
    )
    assert code == 3
    assert "共 5 行，可导入 2 行，无变化 1 行；有错误 2 行" in o
    assert "第5行：账本中没有该党组织的党员“周敏”。" in o
    assert "第6行：杨帆是入党积极分子，不交纳党费。" in o
    with ledger.session() as s:
        assert s.scalars(select(DuesBase).where(DuesBase.start_month == 202701)).all() == []
    code, o, e = run(capsys, ledger, "dues", "base", "--import", str(f), "--from", "2027-01")
    assert "已导入 2 人的工资基数（2027年1月起）" in o
    with ledger.session() as s:
        got = {
            s.get(Person, b.person_id).name: (b.kind, b.base_fen, b.due_fen)
            for b in s.scalars(select(DuesBase).where(DuesBase.start_month == 202701))
        }
    assert got == {
        "刘洋": ("retired", 520000, 5200),
        "张伟": ("working", 450000, 4500),
    }
