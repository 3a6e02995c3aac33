"""The window's font is the bundled WenQuanYi Micro Hei, on any machine."""

from __future__ import annotations


def test_the_window_uses_the_bundled_chinese_font(qapp):
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QLabel

    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    label = QLabel("党员与发展")
    assert QFontInfo(label.font()).family() == "WenQuanYi Micro Hei"
