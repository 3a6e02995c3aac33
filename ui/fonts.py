"""Register the bundled Chinese UI font with Qt, so the window renders on machines with no
Chinese fonts installed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from partydesk.resources import font_path

UI_FONT_FILE = "wqy-microhei.ttc"


def install_app_font(app: QApplication, point_size: int = 10) -> str:
    """Load the bundled fonts; make WenQuanYi Micro Hei the application font. Returns the family."""
    families: list[str] = []
    for f in (UI_FONT_FILE, "uming.ttc", "ukai.ttc"):
        fid = QFontDatabase.addApplicationFont(str(font_path(f)))
        if fid >= 0 and f == UI_FONT_FILE:
            families = QFontDatabase.applicationFontFamilies(fid)
    family = families[0] if families else app.font().family()
    font = QFont(family, point_size)
    app.setFont(font)
    return family
