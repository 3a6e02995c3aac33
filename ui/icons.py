"""The application icon, from the PNG sizes in resources/icons (made from the SVG by
build_scripts/make_icons.py; PNG needs no image plug-in, so the frozen build can drop Qt's SVG
support)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from partydesk.resources import resources_dir

SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for n in SIZES:
        png = folder / f"partydesk-{n}.png"
        if png.exists():
            icon.addFile(str(png), QSize(n, n))  # sized: no file read before it is drawn
    return icon
