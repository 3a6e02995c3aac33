from __future__ import annotations

import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from partydesk.certs import registry
from partydesk.cli import main
from partydesk.reports.certificate import print_certificates

TODAY = date(2026, 11, 20)


def run(capsys, *argv):
    code = main(list(argv))
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _fonts(pdf_path):
    """(name, embedded) of every font in the PDF, from pdffonts."""
    lines = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(ln.split()[0], ln.split()[-5]) for ln in lines if ln.strip()]


def test_cli_issue_batch_revoke_reissue_verify_list(ledger, ledger_path, staffed, capsys):
    L = ["--ledger", str(ledger_path)]
    code, text, _ = run(capsys, "cert", "issue", "--all", "--date", "2026-01-05", *L)
    assert code == 0 and "2026ZD0001\t王建国" in text and "2026ZD0002\t李秀梅" in text
    assert "已颁发2张" in text
    # again: nobody left without a certificate this year
    code, text, _ = run(capsys, "cert", "issue", "--all", "--date", "2026-02-01", *L)
    assert "没有需要颁发" in text

    code, text, _ = run(
        capsys, "cert", "revoke", "2026ZD0002", "--reason", "调离党建指导员岗位", *L
    )
    assert code == 0 and "已撤销" in text
    code, text, _ = run(capsys, "cert", "verify", "2026ZD0002", *L)
    assert code == 1 and "调离党建指导员岗位" in text
    code, _, err = run(capsys, "cert", "revoke", "2026ZD0002", "--reason", "x", *L)
    assert code == 1 and err.startswith("错误：")

    code, text, _ = run(capsys, "cert", "reissue", "2026ZD0001", "--reason", "遗失", *L)
    assert "2026ZD0001 → 2026ZD0003" in text
    code, text, _ = run(capsys, "cert", "verify", "2026ZD0001", *L)
    assert code == 1 and "2026ZD0003" in text

    with ledger.session() as s:
        check = registry.certificate_check(s, registry.get(s, "2026ZD0003"))
    code, text, _ = run(capsys, "cert", "verify", "--qr", f"PDCERT|2026ZD0003|{check}", *L)
    assert code == 0 and "有效" in text and "王建国" in text
    code, text, _ = run(capsys, "cert", "verify", "2026ZD0003", "--check", "ZZZZ-ZZZZ", *L)
    assert code == 1 and "校验码不符" in text

    code, text, _ = run(capsys, "cert", "list", "--status", "有效", *L)
    assert "2026ZD0003\t王建国" in text and "共1张" in text
    code, text, _ = run(capsys, "cert", "list", *L)
    assert "已撤销（调离党建指导员岗位）" in text and "已换发（→2026ZD0003）" in text


def test_cli_errors_are_one_chinese_line(ledger_path, ledger, capsys):
    L = ["--ledger", str(ledger_path)]
    code, _, err = run(capsys, "cert", "issue", "--kind", "diploma", "--holder", "张三", *L)
    assert code == 1 and "未知的证书种类" in err and "Traceback" not in err
    code, _, err = run(capsys, "cert", "revoke", "2026ZD0404", "--reason", "x", *L)
    assert code == 1 and "找不到编号" in err
    code, _, err = run(capsys, "cert", "template", "--set", "body=兹聘请{nam}", *L)
    assert code == 1 and "占位符" in err


def test_cli_qualifications_and_instructors(ledger_path, staffed, capsys):
    L = ["--ledger", str(ledger_path)]
    code, text, _ = run(
        capsys,
        "qual",
        "award",
        "--person",
        str(staffed["person"]),
        "--level",
        "初级",
        "--date",
        "2024-02-29",
        *L,
    )
    assert code == 0 and "复核期限2026-02-28" in text
    code, text, _ = run(
        capsys, "qual", "review", "1", "--level", "中级", "--date", "2026-02-01", *L
    )
    assert code == 1  # promotion needs a reason
    code, text, _ = run(
        capsys,
        "qual",
        "review",
        "1",
        "--level",
        "中级",
        "--reason",
        "考核优秀",
        "--date",
        "2026-02-01",
        *L,
    )
    assert code == 0 and "晋级" in text and "2028-02-01" in text
    code, text, _ = run(
        capsys,
        "cert",
        "issue",
        "--kind",
        "红领党务",
        "--qualification",
        "1",
        "--date",
        "2026-02-01",
        *L,
    )
    assert code == 0 and "2026HL0001\t孙丽" in text

    code, text, _ = run(capsys, "instructors", "uncovered", "--date", "2026-11-20", *L)
    assert "众诚家政服务中心" in text and "新未来培训学校" in text and "北辰律师事务所" not in text
    assert "2个" in text
    code, text, _ = run(
        capsys, "instructors", "assess", "王建国", "--year", "2025", "--grade", "优秀", *L
    )
    assert code == 0 and "优秀" in text
    code, _, err = run(
        capsys, "instructors", "assess", "王建国", "--year", "2025", "--grade", "良好", *L
    )
    assert code == 1 and "称职" in err
    code, text, _ = run(capsys, "instructors", "list", "--date", "2026-11-20", *L)
    assert "王建国\t区发改局\t3\t" in text


def test_print_pdf_holds_name_and_serial_and_embeds_every_font(
    ledger, ledger_path, staffed, tmp_path, capsys
):
    with ledger.session() as s:
        hs = registry.holders_missing(s, "instructor", 2026) + [registry.Holder("欧阳晓梅")]
        registry.issue(s, "instructor", hs, issued_on=date(2026, 1, 5))
    pdf = tmp_path / "certs.pdf"
    code, text, _ = run(
        capsys,
        "print",
        "certificates",
        "--year",
        "2026",
        "-o",
        str(pdf),
        "--ledger",
        str(ledger_path),
    )
    assert code == 0 and "3页" in text
    reader = PdfReader(pdf)
    assert len(reader.pages) == 3
    page1 = reader.pages[0].extract_text()
    assert "王建国" in page1 and "2026ZD0001" in page1 and "聘" in page1
    assert "欧阳晓梅" in reader.pages[2].extract_text()
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    fonts = _fonts(pdf)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)


def test_reprint_is_identical_and_revoked_reprint_is_marked(ledger, tmp_path):
    with ledger.session() as s:
        c = registry.issue(
            s, "instructor", [registry.Holder("王建国")], issued_on=date(2026, 1, 5)
        )[0]
        print_certificates(s, [c], tmp_path / "a.pdf", invariant=True)
        registry.update_template(
            s, "instructor", body="兹聘请 {name} 同志为党建指导员。", issuer="别的机关"
        )
        print_certificates(s, [registry.get(s, c.serial)], tmp_path / "b.pdf", invariant=True)
        assert registry.get(s, c.serial).printed_count == 2
        registry.revoke(s, c.serial, "调离", TODAY)
        print_certificates(s, [registry.get(s, c.serial)], tmp_path / "c.pdf", invariant=True)
    a, b = (tmp_path / "a.pdf").read_bytes(), (tmp_path / "b.pdf").read_bytes()
    assert a == b
    assert "已撤销" in PdfReader(tmp_path / "c.pdf").pages[0].extract_text()


def test_seal_image_is_printed_and_missing_seal_is_a_clear_error(ledger, tmp_path):
    from PIL import Image

    from partydesk import settings
    from partydesk.errors import ValidationError

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (200, 200), (200, 0, 0, 120)).save(seal)
    with ledger.session() as s:
        c = registry.issue(
            s, "instructor", [registry.Holder("王建国")], issued_on=date(2026, 1, 5)
        )[0]
        cfg = settings.get(s, "certs")
        cfg["seal_image"] = str(seal)
        settings.put(s, "certs", cfg)
        print_certificates(s, [c], tmp_path / "s.pdf")
        page = PdfReader(tmp_path / "s.pdf").pages[0]
        images = page.images
        assert len(images) == 1
        cfg["seal_image"] = str(tmp_path / "missing.png")
        settings.put(s, "certs", cfg)
        with pytest.raises(ValidationError, match="印章图片不存在"):
            print_certificates(s, [c], tmp_path / "t.pdf")
    assert not (tmp_path / "t.pdf").exists()


def test_qr_on_the_page_encodes_serial_and_check_value(ledger, tmp_path):
    """Rebuild the module matrix from the rectangles in the page's content stream and
    compare it with the QR of "PDCERT|serial|check" — which verifies as valid."""
    import re

    import segno

    from partydesk.reports import certificate as pdf

    with ledger.session() as s:
        c = registry.issue(
            s, "instructor", [registry.Holder("王建国")], issued_on=date(2026, 1, 5)
        )[0]
        check = registry.certificate_check(s, c)
        text = registry.qr_text(c.serial, check)
        assert registry.verify(s, text, today=TODAY).ok
        print_certificates(s, [c], tmp_path / "q.pdf")
    matrix = segno.make(text, error="m", micro=False, boost_error=False).matrix
    want = {(r, col) for r, row in enumerate(matrix) for col, v in enumerate(row) if v}
    n = len(matrix)
    x0, y0, size = pdf.QR_X, pdf.QR_Y, pdf.QR_SIZE
    box = size / n
    stream = PdfReader(tmp_path / "q.pdf").pages[0].get_contents().get_data().decode("latin-1")
    got = set()
    for m in re.finditer(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", stream):
        x, y, wd, ht = map(float, m.groups())
        if not (x0 - 0.01 <= x < x0 + size and y0 - 0.5 <= y < y0 + size and ht < 2 * box):
            continue
        r = round((y0 + size - y) / box - 1.02)
        col = round((x - x0) / box)
        for k in range(round(wd / box)):
            got.add((r, col + k))
    assert got == want


def test_cli_batch_file_and_duties(ledger_path, staffed, tmp_path, capsys):
    L = ["--ledger", str(ledger_path)]
    f = tmp_path / "holders.txt"
    f.write_text("# 本批聘书\n指导员:王建国\n指导员：2\n张三\n\n", encoding="utf-8")
    code, text, _ = run(
        capsys, "cert", "issue", "--batch", str(f), "--date", "2026-03-01", "--dry-run", *L
    )
    assert code == 0 and text.splitlines()[:3] == ["王建国", "李秀梅", "张三"] and "未颁发" in text
    code, text, _ = run(capsys, "cert", "issue", "--batch", str(f), "--date", "2026-03-01", *L)
    assert code == 0 and "2026ZD0001\t王建国" in text and "2026ZD0003\t张三" in text
    f.write_text("指导员:不存在的人\n", encoding="utf-8")
    code, _, err = run(capsys, "cert", "issue", "--batch", str(f), *L)
    assert code == 1 and "第1行" in err
    code, text, _ = run(capsys, "instructors", "duties", "--year", "2026", *L)
    assert code == 0 and "王建国" in text and "年度续聘" in text
