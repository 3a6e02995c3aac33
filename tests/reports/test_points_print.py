"""Points notice and cards as printed: wording as data, 公示起止日期, contact and phone,
long names inside their cell, cards in rank or name order."""

from __future__ import annotations

from datetime import date

from partydesk.points.periods import parse
from partydesk.points.totals import Card
from partydesk.reports import points as report
from partydesk.reports.points.sheet import working_days_after
from tests.reports.pdftext import bad_line_starts, page_lines

LONG = "阿卜杜热合曼·买买提明江"


def _sheet(**kw) -> report.PointsSheet:
    period = parse("2026-10")
    people = [("王芳", 70.0), (LONG, 90.0), ("李娜", 80.0), ("艾力", 60.0)]
    cards = []
    for i, (name, pts) in enumerate(people, 1):
        c = Card(i, name, "full", period, 60.0, raw=pts, counted=pts, earned=pts - 60)
        cards.append(c)
    for rank, c in enumerate(sorted(cards, key=lambda c: -c.counted), 1):
        c.rank = rank
    cards.sort(key=lambda c: c.rank)
    return report.PointsSheet(
        org_name="中共星河科技有限公司支部委员会",
        scheme_name="党员量化积分",
        scheme_period="month",
        period=period,
        base=60,
        floor=None,
        ceiling=100,
        items=[],
        cards=cards,
        published_on=date(2026, 11, 6),  # a Friday
        contact="张伟",
        phone="13800138000",
        **kw,
    )


def test_notice_dates_contact_and_wording(tmp_path):
    assert working_days_after(date(2026, 11, 6), 5) == date(2026, 11, 12)
    sheet = _sheet()
    pdf = report.write("notice", sheet, tmp_path / "n.pdf", invariant=True)
    text = "\n".join(ln for p in page_lines(pdf) for ln in p)
    flat = text.replace(" ", "")
    assert "公示时间：2026年11月6日至2026年11月12日（5个工作日）" in flat
    assert "联系人：张伟" in flat and "联系电话：13800138000" in flat
    assert bad_line_starts(pdf) == []
    # Wording is data: a county's own text prints instead.
    sheet.wording = dict(sheet.wording, period="本公示自{start}起，为期{days}个工作日。", days=7)
    pdf = report.write("notice", sheet, tmp_path / "n2.pdf", invariant=True)
    flat = "\n".join(ln for p in page_lines(pdf) for ln in p).replace(" ", "")
    assert "本公示自2026年11月6日起，为期7个工作日。" in flat


def test_long_names_stay_in_their_cell(tmp_path):
    from pypdf import PdfReader

    pdf = report.write("notice", _sheet(), tmp_path / "n.pdf", invariant=True)
    spans = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            spans.append((text.strip(), tm[4] * cm[0] + cm[4], size))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    name_lines = [t for t, _, _ in spans if t and t[0] in "阿买"]
    assert "".join(name_lines) == LONG and len(name_lines) == 2  # wrapped once, not 3 lines
    name_x = [x for t, x, _ in spans if t and t[0] in "阿买"]
    category_x = [x for t, x, _ in spans if t == "正式党员"]
    assert name_x and category_x
    # 15 mm margin + 11 mm 排名 + 20 mm 姓名: the name never reaches the 人员类别 column.
    assert max(name_x) < min(category_x)
    sizes = [s for t, _, s in spans if LONG[:2] in t]
    assert sizes and all(s >= 7 for s in sizes)


def test_cards_in_rank_or_name_order(tmp_path):
    sheet = _sheet()
    pdf = report.write("cards", sheet, tmp_path / "c.pdf", invariant=True)
    text = "\n".join(ln for p in page_lines(pdf) for ln in p)
    order = sorted(["王芳", "李娜", "艾力", "阿卜"], key=text.find)
    assert order == ["阿卜", "李娜", "王芳", "艾力"]  # 90, 80, 70, 60
    sheet.wording = dict(sheet.wording, card_order="name")
    pdf = report.write("cards", sheet, tmp_path / "c2.pdf", invariant=True)
    text = "\n".join(ln for p in page_lines(pdf) for ln in p)
    got = sorted(["王芳", "李娜", "艾力", "阿卜"], key=text.find)
    assert got == sorted(["王芳", "李娜", "艾力", "阿卜"])
