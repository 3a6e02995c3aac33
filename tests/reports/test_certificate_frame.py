"""Every page of a batch of certificates shows the red and gold frame with its corner
knots (drawn once in the file and placed on each page), and the holder's name underlined."""

from __future__ import annotations

import subprocess
from datetime import date

from PIL import Image

from partydesk.certs import registry
from partydesk.reports.certificate import H, print_certificates

DPI = 60


def _pages(pdf, folder):
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / "p")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob("p-*.png"))]


def _at(img, x_pt, y_pt):
    """The pixel at a point given in PDF units (origin bottom left)."""
    return img.getpixel((round(x_pt * DPI / 72), round((H - y_pt) * DPI / 72)))


def _red(px):
    r, g, b = px
    return r > 140 and g < 80 and b < 80


def test_every_page_has_its_frame_and_corner_knots(ledger, tmp_path):
    with ledger.session() as s:
        names = ["王芳", "李建国", "欧阳华超"]
        certs = registry.issue(
            s, "instructor", [registry.Holder(n) for n in names], issued_on=date(2026, 11, 4)
        )
        assert print_certificates(s, certs, tmp_path / "c.pdf", invariant=True) == 3
    pages = _pages(tmp_path / "c.pdf", tmp_path)
    assert len(pages) == 3
    width = pages[0].width * 72 / DPI
    for img in pages:
        for x, y in ((38, 38), (width - 38, 38), (38, H - 38), (width - 38, H - 38)):
            assert _red(_at(img, x, y)), (x, y)  # the filled knot in each corner
        assert _red(_at(img, 23, H / 2)) and _red(_at(img, width - 23, H / 2))  # outer frame
        assert _at(img, 60, H / 2) == (255, 255, 255)  # inside the frame: paper
