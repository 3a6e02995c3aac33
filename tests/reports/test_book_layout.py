"""The book's layout holds for any content: line breaking, long values, sign-in sheets,
long names in the running header, A5 and the blank book."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from partydesk.ledger.models import Person
from partydesk.records import service as svc
from partydesk.reports.book import load_book, render_book, write_book
from partydesk.reports.book.layout import A4_GEOMETRY, A5_GEOMETRY, Styles
from partydesk.reports.typography import Paragraph
from tests.records.factory import make_branch
from tests.reports.pdftext import bad_line_starts, page_lines

# Punctuation everywhere, names and dates: what broke lines before.
PUNCT = (
    "会议传达了上级精神（文件第3号），要求：一、抓学习；二、抓落实！是否做到？"
    "李华超、欧阳明月、张伟同志发言。2026年11月4日前完成，共38人参加……"
)


def _record(s, oid, kind="支部党员大会", day=3, content=PUNCT * 3, **kw):
    return svc.create_record(
        s,
        kind,
        org_id=oid,
        held_at=datetime(2026, 3, day, 14),
        topics=kw.pop("topics", PUNCT),
        content=content,
        **kw,
    )


@pytest.fixture
def empty_branch(ledger):
    with ledger.session() as s:
        oid = make_branch(s, members=6, records=False)
    return ledger, oid


@pytest.fixture(scope="module")
def punct_book(tmp_path_factory):
    from partydesk.ledger import open_ledger

    lg = open_ledger(tmp_path_factory.mktemp("p") / "p.partydesk", create=True)
    with lg.session() as s:
        oid = make_branch(s, members=14, months=12)
        for i in range(6):
            _record(s, oid, day=10 + i, content=PUNCT * (i + 1), resolutions=PUNCT[: 20 + 9 * i])
        data = load_book(s, oid, 2026)
    lg.close()
    return data


@pytest.mark.parametrize("a5", [False, True])
def test_no_line_starts_with_closing_punctuation(punct_book, a5):
    buf = io.BytesIO()
    render_book(punct_book, buf, a5=a5, invariant=True)
    assert bad_line_starts(buf.getvalue()) == []


@pytest.mark.parametrize("a5", [False, True])
def test_blank_book_lines_and_continuations(a5):
    buf = io.BytesIO()
    write_book(None, None, None, buf, blank=True, a5=a5, invariant=True)
    assert bad_line_starts(buf.getvalue()) == []
    for page in page_lines(buf.getvalue()):
        text = "\n".join(page)
        if "签名" in text and "签到表" not in text:
            pytest.fail("a sign-in continuation without its title:\n" + text[:300])


def _plain_pages(text: str, a5: bool) -> int:
    g = A5_GEOMETRY if a5 else A4_GEOMETRY
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=g.pagesize,
        leftMargin=g.margin_x,
        rightMargin=g.margin_x,
        topMargin=g.margin_top,
        bottomMargin=g.margin_bottom,
    )
    doc.build([Paragraph(text, Styles(g).cell)])
    return doc.page


@pytest.mark.parametrize("a5", [False, True])
def test_a_5000_character_record_takes_the_pages_its_text_needs(empty_branch, a5):
    ledger, oid = empty_branch
    text = ("会议要求全体党员认真学习，结合岗位抓好落实，做到学思用贯通、知信行统一。" * 150)[:5000]
    with ledger.session() as s:
        _record(s, oid, content=text, topics="长记录")
        data = load_book(s, oid, 2026)
    buf = io.BytesIO()
    render_book(data, buf, a5=a5, invariant=True)
    pages = page_lines(buf.getvalue())
    used = [i for i, p in enumerate(pages) if "认真学习" in "\n".join(p)]
    assert len(used) <= _plain_pages(text, a5) + 1
    # The continuation runs at full width: pages after the first carry the label （续）,
    # and, like a sign-in sheet, the record's title with （续） at the top.
    assert len(used) >= 2
    for i in used[1:]:
        label = "".join(ln.split()[0] for ln in pages[i] if ln.lstrip().startswith(("会议", "（")))
        assert label.startswith("会议内容（续）"), label
        head = [re.sub(r"\s", "", ln) for ln in pages[i] if ln.strip()]
        assert "支部党员大会（第1次）3月3日（续）" in head[:3], head[:3]


def test_sign_in_continuations_carry_the_record_title(ledger):
    with ledger.session() as s:
        oid = make_branch(s, members=90, records=False)
        people = [p for p in s.query(Person).filter_by(org_id=oid).order_by(Person.id)]
        att = [{"person_id": p.id, "status": "present"} for p in people[:-3]]
        att += [{"person_id": p.id, "status": "absent", "reason": "出差"} for p in people[-3:]]
        _record(s, oid, content="短", topics="人多的大会", attendance=att)
        data = load_book(s, oid, 2026)
    for a5 in (False, True):
        buf = io.BytesIO()
        render_book(data, buf, a5=a5, invariant=True)
        pages = ["\n".join(p) for p in page_lines(buf.getvalue())]
        sheets = [p for p in pages if "签名" in p]
        assert len(sheets) >= 2
        for p in sheets[1:]:
            flat = re.sub(r"\s", "", p)
            assert "支部党员大会（第1次）3月3日签到表（续）" in flat
        # Numbered down the page: a page's numbers run as one block, left column first.
        for p in sheets:
            nums = [int(x) for ln in p.splitlines() for x in re.findall(r"^\s*(\d+)\s", ln)]
            if nums:
                assert nums == sorted(nums) and nums == list(range(nums[0], nums[-1] + 1))


def test_a_60_character_name_stays_inside_the_margins(ledger):
    name = "中共" + "某某市某某区某某街道某某社区两新组织联合" * 3
    name = name[:58] + "支部"
    assert len(name) == 60
    with ledger.session() as s:
        oid = make_branch(s, members=4, months=1, name=name)
        for a5 in (False, True):
            buf = io.BytesIO()
            write_book(s, oid, 2026, buf, a5=a5, invariant=True)
            g = A5_GEOMETRY if a5 else A4_GEOMETRY
            reader = PdfReader(buf)
            for page in reader.pages[1:3]:
                xs = []

                def visit(text, cm, tm, font, size, xs=xs):
                    if text.strip():
                        xs.append(tm[4] * cm[0] + cm[4])

                page.extract_text(visitor_text=visit)
                assert xs and min(xs) >= g.margin_x - 1


@pytest.mark.parametrize("a5", [False, True])
def test_plan_and_summary_lines_follow_the_punctuation_rules(empty_branch, a5):
    from partydesk.records.plans import set_text

    ledger, oid = empty_branch
    # Each paragraph one character longer: every comma and stop lands at a line's end once.
    paras = ["全年" + "党" * k + PUNCT for k in range(0, 44, 3)]
    with ledger.session() as s:
        set_text(s, oid, 2026, "plan", "\n".join(paras))
        set_text(s, oid, 2026, "summary", "\n".join(reversed(paras)))
        buf = io.BytesIO()
        write_book(s, oid, 2026, buf, a5=a5, invariant=True)
    pages = ["\n".join(p) for p in page_lines(buf.getvalue())]
    assert any("年度工作计划" in p and "全年党党党" in p for p in pages)
    assert bad_line_starts(buf.getvalue()) == []
