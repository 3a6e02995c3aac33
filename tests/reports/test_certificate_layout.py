"""Certificates print faster without a visible change: the wording breaks into the same
lines at the same size as before, the check values are the ones printed before (a printed
certificate must still verify), and a batch counts as printed exactly once."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from partydesk.certs import registry
from partydesk.certs.checkvalue import check_value, check_value_v2
from partydesk.ledger.models.certs import Certificate
from partydesk.reports import certificate, typography
from partydesk.reports.certificate import print_certificates
from tests.reports.pdftext import page_lines

POST = "两新组织党建指导员"
MORE = "暨党建工作联络员"

# (holder, how many times MORE lengthens the post) and the page's lines without spaces, as
# printed before the layout was made faster (main 00fbe9c): from 22 pt down to 14 pt.
BEFORE = [
    (
        ("王芳", 0),
        [
            "兹聘请王芳同志为两新组织党建指导员，负责联系指导辖",
            "区两新组织的党建工作。聘期自二〇二六年十一月四日起至",
            "二〇二七年十一月三日止。",
        ],
    ),
    (
        ("买买提明江·阿卜杜", 1),
        [
            "兹聘请买买提明江·阿卜杜同志为两新组织党建指导",
            "员暨党建工作联络员，负责联系指导辖区两新组织的党建工作。聘期",
            "自二〇二六年十一月四日起至二〇二七年十一月三日止。",
        ],
    ),
    (
        ("诸葛孔明司马仲达欧阳修", 3),
        [
            "兹聘请诸葛孔明司马仲达欧阳修同志为两新组织党建指导员暨",
            "党建工作联络员暨党建工作联络员暨党建工作联络员，负责联系指导辖区两新组",
            "织的党建工作。聘期自二〇二六年十一月四日起至二〇二七年十一月三日止。",
        ],
    ),
    (
        ("李建国", 5),
        [
            "兹聘请李建国同志为两新组织党建指导员暨党建工作联络员暨党建工作联",
            "络员暨党建工作联络员暨党建工作联络员暨党建工作联络员，负责联系指导辖区两新",
            "组织的党建工作。聘期自二〇二六年十一月四日起至二〇二七年十一月三日止。",
        ],
    ),
    (
        ("阿依古丽·买买提明江", 8),
        [
            "兹聘请阿依古丽·买买提明江同志为两新组织党建指导员暨党建工作",
            "联络员暨党建工作联络员暨党建工作联络员暨党建工作联络员暨党建工作联络员暨党",
            "建工作联络员暨党建工作联络员暨党建工作联络员，负责联系指导辖区两新组织的党",
            "建工作。聘期自二〇二六年十一月四日起至二〇二七年十一月三日止。",
        ],
    ),
    (
        # (11: a post of 97 characters, the column holding 100; with 12, 105, these were
        # the lines of today's main, which refuses it now)
        ("欧阳华超", 11),
        [
            "兹聘请欧阳华超同志为两新组织党建指导员暨党建工作联络员暨党建工作联络",
            "员暨党建工作联络员暨党建工作联络员暨党建工作联络员暨党建工作联络员暨党建工作联络",
            "员暨党建工作联络员暨党建工作联络员暨党建工作联络员暨党建工作联络员，负责联系指导",
            "辖区两新组织的党建工作。聘期自二〇二六年十一月四日起至二〇二七年十一月三日止。",
        ],
    ),
]


def _issue(s, name, more):
    return registry.issue(
        s,
        "instructor",
        [registry.Holder(name)],
        issued_on=date(2026, 11, 4),
        post=POST + MORE * more,
    )


def _wording_lines(page):
    """The wording's lines of one page as a reader sees them (spaces dropped): from the
    line under the title to the line before 特发此聘书。"""
    lines = [ln.replace(" ", "").replace("\u3000", "") for ln in page if ln.strip()]
    start = next(k for k, ln in enumerate(lines) if ln.startswith("兹聘请"))
    end = next(k for k, ln in enumerate(lines) if ln.startswith("特发此聘书"))
    return lines[start:end]


def test_long_wordings_break_into_the_same_lines_as_before(ledger, tmp_path):
    with ledger.session() as s:
        certs = [c for (name, more), _ in BEFORE for c in _issue(s, name, more)]
        assert print_certificates(s, certs, tmp_path / "c.pdf", invariant=True) == len(BEFORE)
    pages = [p for p in page_lines(tmp_path / "c.pdf") if any(ln.strip() for ln in p)]
    assert [_wording_lines(p) for p in pages] == [lines for _, lines in BEFORE]
    for page in pages:
        flat = [ln.replace(" ", "") for ln in page]
        assert "特发此聘书。" in flat  # the closing on its own line after the wording
        assert "二〇二六年十一月四日" in flat  # the signing date under the seal


def test_a_post_or_issuer_longer_than_the_ledger_holds_is_refused_in_chinese(ledger):
    """SQLite stored a 105-character 职务 in its 100-character column and PostgreSQL
    refused it with an error of its own; both now refuse it, saying why."""
    from partydesk.errors import ValidationError

    def issue(s, **texts):
        return registry.issue(
            s, "instructor", [registry.Holder("王芳")], issued_on=date(2026, 11, 4), **texts
        )

    with ledger.session() as s:
        with pytest.raises(ValidationError, match="职务最多100个字，现在是101个字"):
            issue(s, post="党" * 101)
        with pytest.raises(ValidationError, match="发证机关最多200个字"):
            issue(s, issuer="中" * 201)
        with pytest.raises(ValidationError, match="职务最多100个字"):
            registry.update_template(s, "instructor", post="党" * 101)
        assert s.query(Certificate).count() == 0
        (c,) = issue(s, post="党" * 100)
        s.commit()
        assert s.get(Certificate, c.id).post == "党" * 100


def test_a_batch_lays_each_wording_out_once_at_the_size_it_is_printed(
    ledger, tmp_path, monkeypatch
):
    """22 and 21 pt cannot hold a three-line wording and its closing; they are passed over
    without breaking the wording into lines (a batch of 500 spent about a seventh of its time
    breaking wordings at sizes it then threw away), and the closing is laid out once."""
    calls = []
    wrap = typography.wrap
    monkeypatch.setattr(typography, "wrap", lambda *a, **k: calls.append(1) or wrap(*a, **k))
    cached = getattr(certificate, "_closing_lines", None)
    if cached is not None:
        cached.cache_clear()  # laid out by an earlier test: lay it out here again
    names = ["王芳", "李建国", "欧阳华超", "张秀梅", "刘海波", "陈志强", "杨文华", "赵晓燕"]
    with ledger.session() as s:
        certs = registry.issue(
            s, "instructor", [registry.Holder(n) for n in names], issued_on=date(2026, 1, 5)
        )
        assert print_certificates(s, certs, tmp_path / "c.pdf") == len(names)
    assert len(calls) == len(names) + 1  # each wording once, the shared closing once
    pages = [p for p in page_lines(tmp_path / "c.pdf") if any(ln.strip() for ln in p)]
    assert all(len(_wording_lines(p)) == 3 for p in pages)


def test_a_batch_counts_as_printed_once_and_the_count_is_read_afresh(ledger, tmp_path):
    with ledger.session() as s:
        certs = registry.issue(
            s,
            "instructor",
            [registry.Holder(n) for n in ("王芳", "李建国")],
            issued_on=date(2026, 11, 4),
        )
        print_certificates(s, certs, tmp_path / "a.pdf")
        assert [c.printed_count for c in certs] == [1, 1]  # the loaded ones see it
        print_certificates(s, certs[:1], tmp_path / "b.pdf")
        print_certificates(s, certs, tmp_path / "d.pdf", draft=True)  # a 样稿 is not counted
        assert [c.printed_count for c in certs] == [2, 1]
        ids = [c.id for c in certs]
    with ledger.session() as s:
        assert [s.get(Certificate, i).printed_count for i in ids] == [2, 1]


def test_check_values_are_the_ones_printed_before():
    """Computed by main 00fbe9c (base64.b32encode over hmac.new): a certificate printed
    before must verify, and a reprint shows the same value."""
    cert = SimpleNamespace(
        serial="2026ZD0042",
        holder_name="买买提明江·阿卜杜",
        kind="instructor",
        issued_on=date(2026, 11, 4),
        valid_until=date(2027, 11, 3),
    )
    assert check_value_v2(bytes(range(32)), cert) == "RFSU-UHKE-ITQB-U2KU"
    cert.valid_until = None
    assert check_value_v2(bytes(range(32)), cert) == "PBNP-NEFA-OTPG-7RCP"
    assert check_value(b"k" * 32, "2026zd0042") == "NXTL-5J6H"
