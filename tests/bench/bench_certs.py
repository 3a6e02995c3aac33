"""500 certificates in one PDF: `partydesk print certificates` (query the ledger, compute
check values, lay out the wording, draw) against a plain ReportLab canvas script drawing
the same text with the same fonts.

The floor is a fair one: it draws the same strings (pre-broken into lines before timing),
the same border rectangles, seal circle and QR code (encoded by segno, as ours, drawn as
one path) with the same embedded KAI/SONG subsets. Then both again without the QR code
(`noqr_*`), so the encoder does not hide what the rest costs. What it leaves out is what we add: reading
the ledger, the HMAC check values, the line breaking and fitting of the wording, the
holder-name run, the temp-file-then-rename write and the printed counter."""

from __future__ import annotations

import itertools
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import best_of, summary  # noqa: E402

N = 500
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国秀梅海波丽娟志强文华晓燕红军春兰玉英明亮"


def _names(n: int) -> list[str]:
    return [SURNAMES[i % 20] + GIVEN[(i * 7) % 20] + GIVEN[(i * 3 + 1) % 20] for i in range(n)]


def _setup(tmp: Path):
    from partydesk.certs import registry
    from partydesk.ledger import open_ledger

    lg = open_ledger(tmp / "bench.partydesk", create=True)
    with lg.session() as s:
        registry.issue(
            s, "instructor", [registry.Holder(n) for n in _names(N)], issued_on=date(2026, 1, 5)
        )
    return lg


def ours(lg, out: Path) -> None:
    from partydesk.certs import registry
    from partydesk.reports.certificate import print_certificates

    with lg.session() as s:
        certs = list(s.scalars(registry.query(s, year=2026, status="valid")))
        assert print_certificates(s, certs, out) == N


def _floor_pages(lg):
    """Everything the floor script draws, computed before timing."""
    from partydesk.certs import registry

    pages = []
    with lg.session() as s:
        for c in s.scalars(registry.query(s, year=2026, status="valid")):
            body = c.body
            lines = [body[i : i + 28] for i in range(0, len(body), 28)]
            pages.append(
                (
                    c.serial,
                    registry.qr_text(c.serial, registry.certificate_check(s, c)),
                    c.title.replace("\u3000", ""),
                    lines,
                    c.closing,
                    c.issuer,
                    registry.cn_formal_date(c.issued_on),
                    c.holder_name,
                )
            )
    return pages


def floor(pages, out: Path, qr: bool = True) -> None:
    import segno
    from reportlab.lib.colors import Color
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from partydesk.reports.fonts import KAI, SONG, register_fonts

    register_fonts()
    W, H = landscape(A4)
    red, gold = Color(0.72, 0.09, 0.09), Color(0.72, 0.55, 0.20)
    c = canvas.Canvas(str(out), pagesize=(W, H), initialFontName=SONG)
    for serial, text, title, lines, closing, issuer, when, name in pages:
        c.setStrokeColor(red)
        c.setLineWidth(3.2)
        c.rect(22, 22, W - 44, H - 44)
        c.setLineWidth(0.9)
        c.rect(29, 29, W - 58, H - 58)
        c.setStrokeColor(gold)
        c.setLineWidth(0.6)
        c.rect(38, 38, W - 76, H - 76)
        c.setFillColor(red)
        for x, y in ((38, 38), (W - 38, 38), (38, H - 38), (W - 38, H - 38)):
            c.rect(x - 6, y - 6, 12, 12, stroke=0, fill=1)
            c.rect(x - 10, y - 10, 20, 20, stroke=1, fill=0)
        c.setFont(KAI, 60)
        c.drawCentredString(W / 2, H - 150, title, charSpace=60)
        c.setFillColor(Color(0, 0, 0))
        c.setFont(SONG, 11)
        c.drawRightString(W - 62, H - 66, f"编号：{serial}")
        y = H - 225
        c.setFont(KAI, 32)
        c.drawString(160, y + 46, name)
        c.setFont(KAI, 22)
        for line in lines + [closing]:
            c.drawString(118, y, line)
            y -= 46
        c.setFont(KAI, 20)
        c.drawCentredString(W - 235, 152, issuer)
        c.drawCentredString(W - 235, 118, when)
        c.setDash(3, 3)
        c.circle(W - 235, 142, 59.5)
        c.setDash()
        if qr:
            modules = segno.make(text, error="m", micro=False, boost_error=False).matrix
            n = len(modules)
            box = 64 / n
            p = c.beginPath()
            for r, row in enumerate(modules):
                col = 0
                for dark, run in itertools.groupby(bool(v) for v in row):
                    k = len(list(run))
                    if dark:
                        p.rect(60 + col * box, 54 + 64 - (r + 1) * box, k * box, box)
                    col += k
            c.drawPath(p, stroke=0, fill=1)
        c.setFont(SONG, 8)
        c.drawString(132, 90, f"证书编号 {serial}")
        c.drawString(132, 78, text)
        c.drawString(132, 66, "可在 PartyDesk“证书管理—核验”中扫码或输入编号核验")
        c.showPage()
    c.save()


def main() -> str:
    from partydesk.reports.fonts import register_fonts

    register_fonts()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        lg = _setup(tmp)
        pages = _floor_pages(lg)
        a, b = tmp / "ours.pdf", tmp / "floor.pdf"
        # interleave so that both see the same machine load
        t_ours, t_floor, n_ours, n_floor = [], [], [], []
        from partydesk.reports import certificate

        drawn_qr = certificate._qr
        for _ in range(3):
            t_ours.append(best_of(lambda: ours(lg, a), 1))
            t_floor.append(best_of(lambda: floor(pages, b), 1))
            size_a, size_b = a.stat().st_size, b.stat().st_size
            certificate._qr = lambda *args: None  # both sides printed without the QR code
            try:
                n_ours.append(best_of(lambda: ours(lg, a), 1))
            finally:
                certificate._qr = drawn_qr
            n_floor.append(best_of(lambda: floor(pages, b, qr=False), 1))
        lg.close()
    return summary(
        "certs",
        min(t_ours),
        min(t_floor),
        1.3,
        pages=N,
        ours_kb=size_a // 1024,
        floor_kb=size_b // 1024,
        noqr_ratio=f"{min(n_ours) / min(n_floor):.2f}",
        noqr_ours=f"{min(n_ours):.2f}s",
        noqr_floor=f"{min(n_floor):.2f}s",
    )


if __name__ == "__main__":
    print(main())
