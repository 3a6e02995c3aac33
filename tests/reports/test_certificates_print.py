"""Certificates as printed: line breaking, numerals, seal guide, verification line, and
the commands that choose what to print."""

from __future__ import annotations

import re
from datetime import date

from PIL import Image

from partydesk.certs import registry
from partydesk.cli import main
from partydesk.ledger.models.certs import Certificate
from partydesk.reports.certificate import print_certificates
from tests.reports.pdftext import bad_line_starts, page_lines

NAMES = [
    "王芳",
    "李建国",
    "欧阳华超",
    "司马相如君",
    "阿卜杜热合曼",
    "买买提明江·阿卜杜",
    "阿依古丽·买买提明江",
    "爱新觉罗·溥仪之后人",
    "热依拉·阿卜杜热合曼江",
    "诸葛孔明司马仲达欧阳修",
]


def _issue(s, names, on=date(2026, 11, 4), **kw):
    return registry.issue(s, "instructor", [registry.Holder(n) for n in names], issued_on=on, **kw)


def test_no_line_starts_with_closing_punctuation_and_no_lone_last_line(ledger, tmp_path):
    out = tmp_path / "c.pdf"
    with ledger.session() as s:
        certs = []
        # Posts of many lengths move every break point through the sentence.
        for i in range(24):
            post = "两新组织党建指导员" + "暨党建工作联络员" * (i % 4) + "助理" * (i % 3)
            certs += _issue(s, [NAMES[i % len(NAMES)]], post=post)
        assert print_certificates(s, certs, out, invariant=True) == len(certs)
    assert bad_line_starts(out) == []
    pages = page_lines(out)
    assert len([p for p in pages if any(ln.strip() for ln in p)]) == 24
    for page in pages:
        if not any(ln.strip() for ln in page):
            continue
        text = [ln.strip() for ln in page if ln.strip()]
        end = [ln for ln in text if ln.endswith("止。")]
        assert len(end) == 1, text
        # The date ends the term on a line of its own words, never 日止。 or 止。 alone.
        assert len(end[0].replace(" ", "")) >= 8, end[0]
        # … and the date is whole on it: 二〇二七年十一月三日止。
        assert re.search(
            "[〇一二三四五六七八九]{4}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日止。$",
            end[0].replace(" ", ""),
        ), end[0]
        assert "兹聘请" not in [ln.replace(" ", "") for ln in text]


def test_dates_in_chinese_numerals_no_software_name_and_guide_only_on_drafts(ledger, tmp_path):
    with ledger.session() as s:
        c = _issue(s, ["王建国"])[0]
        print_certificates(s, [c], tmp_path / "final.pdf", invariant=True)
        print_certificates(s, [c], tmp_path / "draft.pdf", invariant=True, draft=True)
        printed = s.get(Certificate, c.id).printed_count
    final = "\n".join(page_lines(tmp_path / "final.pdf")[0])
    draft = "\n".join(page_lines(tmp_path / "draft.pdf")[0])
    flat = final.replace(" ", "")
    assert "二〇二六年十一月四日" in flat  # signing date
    assert "聘期自二〇二六年十一月四日起" in flat  # the term in the same numerals
    assert "2026年" not in flat
    assert "PartyDesk" not in final and "PartyDesk" not in draft
    assert "可向发证机关核验" in flat  # the verification line (settings data)
    assert "样稿" in draft and "样稿" not in final
    assert printed == 1  # the draft is not counted as printed


def test_numerals_and_verification_line_are_settings(ledger, tmp_path):
    from partydesk import settings

    with ledger.session() as s:
        c = _issue(s, ["王建国"])[0]
        cfg = settings.get(s, "certs")
        cfg.update(numerals="arabic", verify_line="请登录县委组织部网站核验")
        settings.put(s, "certs", cfg)
        print_certificates(s, [c], tmp_path / "a.pdf", invariant=True)
    flat = "\n".join(page_lines(tmp_path / "a.pdf")[0]).replace(" ", "")
    assert "2026年11月4日" in flat and "二〇二六" not in flat
    assert "请登录县委组织部网站核验" in flat


def test_cert_seal_sets_the_image_and_print_new_and_since(ledger, ledger_path, tmp_path, capsys):
    L = ["--ledger", str(ledger_path)]
    seal = tmp_path / "seal.png"
    Image.new("RGBA", (120, 120), (200, 0, 0, 120)).save(seal)
    assert main(["cert", "seal", str(seal), *L]) == 0  # raised TypeError before
    assert "印章图片" in capsys.readouterr().out
    with ledger.session() as s:
        first = _issue(s, ["王芳", "李建国"], on=date(2026, 3, 1))
        serials = [c.serial for c in first]
    assert main(["print", "certificates", "--new", "-o", str(tmp_path / "n1.pdf"), *L]) == 0
    assert len(page_lines(tmp_path / "n1.pdf")[0]) > 0
    with ledger.session() as s:
        later = _issue(s, ["欧阳华超"], on=date(2026, 6, 1))[0].serial
    capsys.readouterr()
    assert main(["print", "certificates", "--new", "-o", str(tmp_path / "n2.pdf"), *L]) == 0
    assert "已生成1页" in capsys.readouterr().out
    text = "\n".join(ln for p in page_lines(tmp_path / "n2.pdf") for ln in p)
    assert later in text and not any(x in text for x in serials)
    code = main(["print", "certificates", "--new", "-o", str(tmp_path / "n3.pdf"), *L])
    assert code == 1 and "没有尚未打印的有效证书" in capsys.readouterr().err
    assert (
        main(["print", "certificates", "--since", "2026-05-01", "-o", str(tmp_path / "s.pdf"), *L])
        == 0
    )
    assert "已生成1页" in capsys.readouterr().out
    assert main(["cert", "seal", "--none", *L]) == 0


def test_print_a_batch_again_and_list_the_batches(ledger, ledger_path, tmp_path, capsys):
    L = ["--ledger", str(ledger_path)]
    with ledger.session() as s:
        first = [c.serial for c in _issue(s, ["王芳", "李建国", "欧阳华超"], on=date(2026, 3, 1))]
        second = [c.serial for c in _issue(s, ["张伟"], on=date(2026, 3, 1))]
        registry.revoke(s, first[2], "调离", date(2026, 4, 1))
    capsys.readouterr()
    assert main(["cert", "batches", *L]) == 0
    listing = capsys.readouterr().out.splitlines()
    # newest first: batch, date, kind, issued, valid, unprinted, serials
    assert listing[1].split("\t")[:6] == ["2", "2026-03-01", "党建指导员聘书", "1", "1", "1"]
    assert listing[2].split("\t")[:6] == ["1", "2026-03-01", "党建指导员聘书", "3", "2", "2"]
    assert listing[2].split("\t")[6] == f"{first[0]}—{first[2]}"
    for run in (1, 2):  # printed, then reprinted: the same two certificates
        out = tmp_path / f"b{run}.pdf"
        assert main(["print", "certificates", "--batch", "1", "-o", str(out), *L]) == 0
        assert "已生成2页" in capsys.readouterr().out
        text = "\n".join(ln for p in page_lines(out) for ln in p)
        assert first[0] in text and first[1] in text
        assert first[2] not in text and second[0] not in text  # revoked; other batch
    with ledger.session() as s:
        assert [registry.get(s, x).printed_count for x in first] == [2, 2, 0]
    assert main(["print", "certificates", "--batch", "9", "-o", str(tmp_path / "x.pdf"), *L]) == 1
    assert "没有第9批证书" in capsys.readouterr().err
