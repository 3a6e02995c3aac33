"""The command line, the notice and card PDFs (text and fonts), Excel export, the demo."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from partydesk.cli import main
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsEntry, PointsPublication, PointsRedemption
from partydesk.points import entries
from partydesk.points.periods import parse
from partydesk.points.schemes import find_scheme
from partydesk.points.totals import compute_cards

from .conftest import scheme_item


def run(capsys, ledger, *argv):
    code = main(["--ledger", ledger.location, *argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.fixture
def scored(branch):
    ledger, org_id, people = branch
    with ledger.session() as s:
        for who, item, n in [
            ("张伟", "表彰", 1),
            ("李娜", "表彰", 1),
            ("刘洋", "志愿服务", 1),
            ("王芳", "无故缺席", 3),
            ("张伟", "三会一课", 5),
        ]:
            sc, it = scheme_item(s, "member", item)
            entries.add_entry(s, sc, s.get(Person, people[who]), it, date(2025, 7, 8), n, by="t")
        sc, it = scheme_item(s, "candidate", "思想汇报")
        entries.add_entry(s, sc, s.get(Person, people["陈静"]), it, date(2025, 8, 8), 1, by="t")
    return branch


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def all_fonts_embedded(path) -> list[str]:
    """Names of fonts in the PDF that are NOT embedded (should be empty)."""
    bad = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            f = ref.get_object()
            desc = f.get("/FontDescriptor")
            if f.get("/Subtype") == "/Type0":
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.append(str(f.get("/BaseFont")))
    return bad


def test_total_prints_rank_raw_counted_band(scored, capsys):
    ledger, *_ = scored
    code, out, _ = run(capsys, ledger, "points", "total", "--org", "红星", "--period", "2025-07")
    assert code == 0
    lines = out.splitlines()
    assert "2025年7月" in lines[0] and "党员量化积分" in lines[0]
    zhang = next(line for line in lines if "张伟" in line).split()
    assert zhang[:5] == ["1", "张伟", "正式党员", "67", "65"]  # 5 meetings, capped at 3
    wang = next(line for line in lines if "王芳" in line).split()
    assert wang[0] == "4" and wang[3:5] == ["54", "56"]
    code, out, _ = run(
        capsys, ledger, "points", "total", "--org", "红星", "--period", "2025Q3", "--scheme", "考察"
    )
    assert "陈静" in out and "李娜" not in out


def test_cli_errors_are_one_chinese_line(scored, capsys):
    ledger, *_ = scored
    code, _, err = run(capsys, ledger, "points", "total", "--org", "红星", "--period", "2025-7月x")
    assert code == 1 and err.startswith("错误：无法识别的期间")
    code, _, err = run(capsys, ledger, "points", "total", "--org", "没有这个", "--period", "2025")
    assert code == 1 and "找不到党组织" in err


def test_add_publish_lock_reverse_from_the_command_line(scored, capsys):
    ledger, org_id, people = scored
    code, out, _ = run(
        capsys,
        ledger,
        "points",
        "add",
        "--org",
        "红星",
        "--person",
        "刘洋",
        "--item",
        "合理化建议",
        "--date",
        "2025-07-20",
    )
    assert code == 0 and "已录入" in out
    assert run(capsys, ledger, "points", "publish", "--org", "红星", "--period", "2025-07")[0] == 0
    code, _, err = run(
        capsys,
        ledger,
        "points",
        "add",
        "--org",
        "红星",
        "--person",
        "刘洋",
        "--item",
        "合理化建议",
        "--date",
        "2025-07-21",
    )
    assert code == 1 and "已锁定" in err
    with ledger.session() as s:
        eid = s.scalar(
            select(PointsEntry.id)
            .where(PointsEntry.person_id == people["刘洋"], PointsEntry.note.is_(None))
            .limit(1)
        )
    code, out, _ = run(capsys, ledger, "points", "reverse", str(eid), "--reason", "录错")
    assert code == 0 and "已冲正" in out
    code, out, _ = run(
        capsys,
        ledger,
        "points",
        "entries",
        "--org",
        "红星",
        "--period",
        "2025-07",
        "--person",
        "刘洋",
    )
    assert "冲正：录错" in out


def test_redeem_and_overdraw_from_the_command_line(scored, capsys):
    ledger, *_ = scored
    assert (
        run(capsys, ledger, "points", "goods", "--add", "笔记本", "--price", "4", "--stock", "10")[
            0
        ]
        == 0
    )
    code, out, _ = run(
        capsys, ledger, "points", "redeem", "--org", "红星", "--person", "张伟", "--goods", "笔记本"
    )
    assert code == 0 and "剩余可用积分 1 分" in out  # earned 2 + 3
    code, _, err = run(
        capsys, ledger, "points", "redeem", "--org", "红星", "--person", "张伟", "--goods", "笔记本"
    )
    assert code == 1 and "积分不足" in err and "还差 3 分" in err
    with ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(PointsRedemption)) == 1


def test_notice_pdf_text_ranking_and_fonts(scored, capsys, tmp_path):
    ledger, *_ = scored
    pdf = tmp_path / "notice.pdf"
    code, out, _ = run(
        capsys, ledger, "print", "notice", "--org", "红星", "--period", "2025-07", "-o", str(pdf)
    )
    assert code == 0
    text = pdf_text(pdf)
    assert "2025年7月党员量化积分公示" in text
    assert "中共红星科技有限公司支部委员会" in text
    tokens = text.split()
    # each row reads: rank, name, category, base, 4 dimensions, total, band
    rows = [
        tokens[i - 1 : i + 9] for i, t in enumerate(tokens) if t in ("张伟", "李娜", "刘洋", "王芳")
    ]
    assert [(r[0], r[1], r[-2]) for r in rows] == [
        ("1", "张伟", "65"),
        ("2", "李娜", "62"),
        ("3", "刘洋", "61"),
        ("4", "王芳", "56"),
    ]
    assert rows[-1][-3] == "-4"  # 王芳's 遵章守纪: three absences, capped at 4
    assert all_fonts_embedded(pdf) == []


def test_cards_pdf_one_per_person_and_fonts(scored, tmp_path):
    ledger, org_id, people = scored
    from partydesk.reports import points as report

    with ledger.session() as s:
        sheet = report.gather(
            s, find_scheme(s, "candidate"), s.get(Organization, org_id), parse("2025Q3")
        )
    pdf = report.write("cards", sheet, tmp_path / "cards.pdf", invariant=True)
    reader = PdfReader(pdf)
    # an activist, a development target and a probationary member: two cards to a page
    assert len(reader.pages) == 2
    text = pdf_text(pdf)
    assert text.count("积极分子/预备党员考察积分卡") == 3 and "积分卡卡" not in text
    assert "陈静" in text and "杨帆" in text and "王芳" in text
    assert "第 1 名 / 共 3 人" in text and "第 2 名 / 共 3 人" in text  # 65, then 60 and 60
    assert all_fonts_embedded(pdf) == []
    again = report.write("cards", sheet, tmp_path / "cards2.pdf", invariant=True)
    assert again.read_bytes() == pdf.read_bytes()  # invariant output


def test_exports_to_excel(scored, capsys, tmp_path):
    from openpyxl import load_workbook

    ledger, *_ = scored
    code, out, _ = run(
        capsys,
        ledger,
        "print",
        "notice",
        "--org",
        "红星",
        "--period",
        "2025-07",
        "-o",
        str(tmp_path / "n.xlsx"),
    )
    assert code == 0
    ws = load_workbook(tmp_path / "n.xlsx").active
    assert ws["A2"].value == "排名"
    first = [c.value for c in ws[3]]
    assert first[:2] == [1, "张伟"] and first[-3:] == [67, 65, None]
    assert (
        run(
            capsys,
            ledger,
            "print",
            "cards",
            "--org",
            "红星",
            "--period",
            "2025-07",
            "-o",
            str(tmp_path / "c"),
            "--xlsx",
        )[0]
        == 0
    )
    ws = load_workbook(tmp_path / "c.xlsx").active
    names = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert names == ["张伟", "李娜", "王芳", "刘洋"]


def test_demo_filler_is_deterministic_bounded_and_never_overdraws(branch, tmp_path):
    from partydesk.demo import DemoContext
    from partydesk.demo import points as demo_points
    from partydesk.ledger import open_ledger
    from partydesk.points import market

    ledger, org_id, people = branch
    today = date(2026, 5, 10)
    demo_points.fill(DemoContext(ledger=ledger, seed=3, today=today))
    with ledger.session() as s:
        rows = s.execute(
            select(PointsEntry.person_id, PointsEntry.on, PointsEntry.count).order_by(
                PointsEntry.id
            )
        ).all()
        assert rows and all(date(2025, 1, 1) <= on <= today for _, on, _ in rows)
        assert s.scalar(select(func.count()).select_from(PointsPublication)) > 0
        for pid in people.values():
            assert market.balance(s, pid).available >= 0
        cards = compute_cards(
            s, find_scheme(s, "member"), s.get(Organization, org_id), parse("2025")
        )
        assert any(c.band is not None for c in cards)
    # an empty ledger is fine too
    empty = open_ledger(tmp_path / "empty.partydesk", create=True)
    demo_points.fill(DemoContext(ledger=empty, seed=3, today=today))
    empty.close()


def test_demo_filler_same_seed_same_rows(tmp_path):
    from partydesk.demo import DemoContext
    from partydesk.demo import points as demo_points
    from partydesk.ledger import open_ledger

    def make(name):
        lg = open_ledger(tmp_path / name, create=True)
        with lg.session() as s:
            org = Organization(name="中共测试支部委员会")
            s.add(org)
            s.flush()
            for i in range(8):
                s.add(
                    Person(name=f"党员{i}", category="full" if i % 3 else "activist", org_id=org.id)
                )
        demo_points.fill(DemoContext(ledger=lg, seed=11, today=date(2026, 3, 1)))
        with lg.session() as s:
            rows = s.execute(
                select(
                    PointsEntry.person_id,
                    PointsEntry.item_id,
                    PointsEntry.on,
                    PointsEntry.count,
                    PointsEntry.uuid,
                ).order_by(PointsEntry.id)
            ).all()
        lg.close()
        return rows

    assert make("a.partydesk") == make("b.partydesk")


def test_scheme_numbers_are_editable_from_the_command_line(scored, capsys):
    ledger, org_id, people = scored
    code, out, _ = run(capsys, ledger, "points", "item-set", "三会一课", "--cap", "2")
    assert code == 0 and "每期上限 2" in out
    code, out, _ = run(
        capsys,
        ledger,
        "points",
        "scheme-set",
        "member",
        "--base",
        "50",
        "--bands",
        "50:合格,60:良好",
    )
    assert code == 0 and "50分起 合格" in out
    code, out, _ = run(capsys, ledger, "points", "total", "--org", "红星", "--period", "2025-07")
    zhang = next(line for line in out.splitlines() if "张伟" in line).split()
    assert zhang[3:5] == ["57", "54"]  # base 50 + 表彰 2 + 5 meetings capped at 2
    code, _, err = run(
        capsys, ledger, "points", "scheme-set", "member", "--floor", "90", "--ceiling", "80"
    )
    assert code == 1 and "最低分 90 不能高于最高分 80" in err
    code, _, err = run(capsys, ledger, "points", "item-set", "三会一课", "--points", "0")
    assert code == 1 and "不能为 0" in err
    code, out, _ = run(
        capsys,
        ledger,
        "points",
        "item-add",
        "--scheme",
        "member",
        "--name",
        "参加党员教育培训",
        "--points",
        "2",
        "--cap",
        "4",
        "--dimension",
        "学习教育",
    )
    assert code == 0
    with ledger.session() as s:
        assert find_scheme(s, "member").items[-1].name == "参加党员教育培训"
