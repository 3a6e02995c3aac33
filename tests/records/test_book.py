from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from pypdf import PdfReader

from partydesk.records import service as svc
from partydesk.reports.book import load_book, render_book, write_book


def _pdf(ledger, oid, **kw) -> bytes:
    buf = io.BytesIO()
    with ledger.session() as s:
        write_book(s, oid, 2026, buf, invariant=True, **kw)
    return buf.getvalue()


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def _fonts(reader: PdfReader):
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            yield font


def all_fonts_embedded(data: bytes) -> tuple[bool, set[str]]:
    names, ok = set(), True
    for font in _fonts(PdfReader(io.BytesIO(data))):
        names.add(font["/BaseFont"])
        desc = font.get("/FontDescriptor")
        if font["/Subtype"] == "/Type0":
            desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        desc = desc.get_object() if desc is not None else None
        if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            ok = False
    return ok, names


@pytest.fixture(scope="module")
def book_ledger(tmp_path_factory):
    """One ledger for the module: a 10-member branch with a full year of records."""
    from partydesk.ledger import open_ledger
    from tests.records.factory import make_branch

    lg = open_ledger(tmp_path_factory.mktemp("book") / "b.partydesk", create=True)
    with lg.session() as s:
        oid = make_branch(s, members=10, year=2026)
    yield lg, oid
    lg.close()


@pytest.fixture(scope="module")
def book(book_ledger):
    ledger, oid = book_ledger
    data = _pdf(ledger, oid)
    return ledger, oid, data, _pages(data)


@pytest.fixture
def small(ledger):
    """A 5-member branch with three months of records."""
    from tests.records.factory import make_branch

    with ledger.session() as s:
        oid = make_branch(s, members=5, months=3)
    return ledger, oid


def numbered(title: str) -> str:
    """The heading as printed: its place among the book's sections, then the title (other
    features plug sections in, so the numeral follows the list)."""
    from partydesk.reports.book.render import _numeral
    from partydesk.reports.book.sections import SECTIONS

    i = next(i for i, s in enumerate(SECTIONS, 1) if s.title == title)
    return f"{_numeral(i)}、{title}"


def test_book_text_headings_topics_names_and_page_line(book):
    ledger, oid, data, pages = book
    text = "\n".join(pages)
    assert "党支部工作纪实手册" in pages[0]
    assert "中共星河科技有限公司支部委员会" in pages[0]
    for heading in (
        "目",
        numbered("基本情况"),
        numbered("组织机构"),
        numbered("党员名册"),
        numbered("“三会一课”记录"),
        numbered("主题党日活动记录"),
        numbered("组织生活会和民主评议党员"),
        "签到表",
        numbered("年度工作总结"),
    ):
        assert heading in text, heading
    with ledger.session() as s:
        rec = svc.list_records(s, oid, 2026, "member_meeting")[1]
        topic = rec.topics
        members = svc.members_of(s, oid)
        absent = [
            a for r in svc.list_records(s, oid, 2026) for a in r.attendance if a.status == "absent"
        ]
        absent_name = s.get(type(members[0]), absent[0].person_id).name
    assert topic in text.replace("\n", "")
    for p in members:
        assert p.name in text
    assert f"{absent_name}" in text and "缺席（" in text
    total = len(pages)
    assert "第 1 页 共" not in pages[0]  # the cover carries no number
    assert f"第 1 页 共 {total - 1} 页" in pages[1]
    assert f"第 {total - 1} 页 共 {total - 1} 页" in pages[-1]


def test_contents_page_numbers_point_at_the_headings(book):
    *_, pages = book
    contents = pages[1] + pages[2]
    found = 0
    for title in map(
        numbered, ("“三会一课”记录", "组织生活会和民主评议党员", "党建指导员工作日志")
    ):
        m = re.search(re.escape(title) + r"[·\s]*(\d+)", contents)
        assert m, title
        printed = int(m.group(1))
        assert title in pages[printed]  # printed number N is physical page N + 1
        found += 1
    assert found == 3


def test_every_font_embedded_and_no_builtin_fonts(book):
    _ledger, _oid, data, _pages_ = book
    ok, names = all_fonts_embedded(data)
    assert ok, names
    assert not any("Helvetica" in n or "STSong" in n for n in names)
    assert any("UMing" in n for n in names) and any("MicroHei" in n for n in names)


def test_deterministic_with_invariant(small):
    ledger, oid = small
    assert _pdf(ledger, oid) == _pdf(ledger, oid)


def test_a5_page_size_and_outline(small):
    ledger, oid = small
    reader = PdfReader(io.BytesIO(_pdf(ledger, oid, a5=True)))
    box = reader.pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "目录" in titles and "一、基本情况" in titles


def test_blank_book_is_an_empty_template():
    buf = io.BytesIO()
    n = write_book(None, None, None, buf, blank=True, invariant=True)
    reader = PdfReader(buf)
    at = {
        o.title: reader.get_destination_page_number(o)
        for o in reader.outline
        if not isinstance(o, list)
    }
    life = at["七、组织生活会和民主评议党员"]
    three = at["五、“三会一课”记录"]
    talk = at["八、谈心谈话记录"]
    pages = [reader.pages[i].extract_text() for i in (0, 1, three, *range(life, talk), n - 1)]
    text = "\n".join(pages)
    assert "党支部工作纪实手册" in pages[0] and "年度" in pages[0]
    assert "支部党员大会记录（第" in text and "签到表" in text and "评议结果" in text
    assert "陈" not in text.replace("陈述", "")  # no names of anyone
    assert f"第 {n - 1} 页 共 {n - 1} 页" in pages[-1]
    assert all_fonts_embedded(buf.getvalue())[0]


def test_long_texts_split_across_pages(empty_branch):
    ledger, oid = empty_branch
    long_text = "\n".join(
        f"第{i}段：会议要求全体党员认真学习，结合岗位抓好落实，" * 3 for i in range(60)
    )
    with ledger.session() as s:
        svc.create_record(
            s,
            "支部党员大会",
            org_id=oid,
            held_at=datetime(2026, 3, 3, 14),
            topics="很长的会议",
            content=long_text,
        )
        data = load_book(s, oid, 2026)
    buf = io.BytesIO()
    n = render_book(data, buf, invariant=True)
    pages = _pages(buf.getvalue())
    assert n > 4
    start = [i for i, t in enumerate(pages) if "第0段" in t]
    end = [i for i, t in enumerate(pages) if "第59段" in t]
    assert start and end and end[0] > start[0]  # one record's content ran over pages


def test_progress_reaches_the_end(small):
    ledger, oid = small
    seen = []
    with ledger.session() as s:
        write_book(s, oid, 2026, io.BytesIO(), progress=lambda f, t: seen.append(f))
    assert seen and seen == sorted(seen) and seen[-1] == 1.0 and len(seen) < 300


def test_progress_may_cancel(small):
    ledger, oid = small

    class Stop(Exception):
        pass

    def cancel(f, _t):
        if f > 0.2:
            raise Stop

    with ledger.session() as s, pytest.raises(Stop):
        write_book(s, oid, 2026, io.BytesIO(), progress=cancel)
