"""Render resources/icons/partydesk.svg to the PNG sizes desktops and Windows want.

Run after changing the SVG: python build_scripts/make_icons.py (writes
resources/icons/partydesk-<N>.png and, on request, partydesk.ico)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (a QGuiApplication must exist)
    svg = ROOT / "resources" / "icons" / "partydesk.svg"
    renderer = QSvgRenderer(str(svg))
    for n in SIZES:
        img = QImage(n, n, QImage.Format_ARGB32)
        img.fill(Qt.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        renderer.render(p)
        p.end()
        out = svg.with_name(f"partydesk-{n}.png")
        img.save(str(out))
        print(out.relative_to(ROOT))
    if "--ico" in sys.argv:
        # Windows icon with several sizes, via Pillow (pulled in by ReportLab)
        from PIL import Image

        big = Image.open(svg.with_name("partydesk-256.png"))
        big.save(svg.with_name("partydesk.ico"), sizes=[(n, n) for n in SIZES])
        print("resources/icons/partydesk.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
