"""A dark system theme: notice bars and error words stay readable (no white text on a
pale bar, no dark red on a dark window); the window title names the version."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel


def luminance(c: QColor) -> float:
    def ch(v):
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def contrast(widget) -> float:
    """WCAG contrast between the widget's background (its commonest pixel) and its
    text (the pixel furthest from it)."""
    img = widget.grab().toImage()
    pixels = Counter(img.pixel(x, y) for x in range(img.width()) for y in range(img.height()))
    bg = QColor.fromRgb(pixels.most_common(1)[0][0])
    lb = luminance(bg)
    lt = max((luminance(QColor.fromRgb(p)) for p in pixels), key=lambda v: abs(v - lb))
    hi, lo = max(lb, lt), min(lb, lt)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def dark(qapp):
    old = QGuiApplication.palette()
    pal = QPalette()
    for role, colour in (
        (QPalette.Window, "#2b2b2b"),
        (QPalette.WindowText, "#ffffff"),
        (QPalette.Base, "#1e1e1e"),
        (QPalette.Text, "#ffffff"),
        (QPalette.Button, "#353535"),
        (QPalette.ButtonText, "#ffffff"),
    ):
        pal.setColor(role, QColor(colour))
    qapp.setPalette(pal)
    yield
    qapp.setPalette(old)


def test_the_refusal_bar_is_readable_in_a_dark_theme(dark, qtbot):
    from ui.table.page import MessageBar

    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(500, 40)
    bar.show_text("公民身份证号校验位不对（最后一位应为 X）")
    assert contrast(bar.label) >= 4.5
    # what the bar was: a pale background and the theme's white text
    old = QLabel("公民身份证号校验位不对（最后一位应为 X）")
    qtbot.addWidget(old)
    old.setStyleSheet("QLabel { background: #fde2e2; }")
    old.resize(500, 40)
    assert contrast(old) < 2


def test_error_words_take_a_light_red_in_a_dark_theme(dark, qtbot):
    from ui.widgets.colors import word, word_style

    assert word("error") == "#ff8a80"
    label = QLabel("不能先于第2步")
    qtbot.addWidget(label)
    label.setStyleSheet(word_style("error"))
    label.resize(200, 30)
    assert contrast(label) >= 4.5


def test_window_title_names_the_version(main_window, ledger_path):
    from partydesk import __version__

    assert main_window.windowTitle() == f"PartyDesk 党建台账 {__version__} — {ledger_path.name}"
