"""Register the bundled Chinese UI font with Qt, so the window renders on machines with no
Chinese fonts installed. (The Song and Kai faces are for printing only: PDFs embed them,
so Qt never needs them.)"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from partydesk.resources import font_data, font_file

UI_FONT_FILE = "wqy-microhei.ttc"


def install_app_font(app: QApplication, point_size: int = 10) -> str:
    """Load the bundled WenQuanYi Micro Hei and make it the application font. Returns the family."""
    families: list[str] = []
    try:
        fid = QFontDatabase.addApplicationFont(str(font_file(UI_FONT_FILE)))
    except OSError:
        fid = -1
    if fid < 0:  # no file to be had (a read-only home, a full disk): from its bytes
        from PySide6.QtCore import QByteArray

        fid = QFontDatabase.addApplicationFontFromData(QByteArray(font_data(UI_FONT_FILE)))
    if fid >= 0:
        families = QFontDatabase.applicationFontFamilies(fid)
    family = families[0] if families else app.font().family()
    font = QFont(family, point_size)
    app.setFont(font)
    return family
