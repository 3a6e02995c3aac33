"""Colours that stay readable in a light and a dark system theme.

A coloured notice (the red refusal bar, the yellow lock notice) sets its text colour with
its background, so a dark theme's white text never lands on a pale bar; a coloured word
(an error under a field) takes a lighter shade when the window itself is dark."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

# kind -> (light theme, dark theme) colours of a word on the window's background
WORDS = {
    "error": ("#b00020", "#ff8a80"),
    "ok": ("#1b6e1b", "#81c784"),
    "warn": ("#8a5a00", "#ffcc80"),
    "muted": ("#555555", "#b0b0b0"),
}
# kind -> (background, border, text) of a notice bar, light and dark theme
BARS = {
    "error": (("#fde2e2", "#e0a0a0", "#5c0b0b"), ("#4a1c1c", "#8a3a3a", "#ffdada")),
    "warn": (("#fff4ce", "#e0c060", "#4d3800"), ("#4a3d12", "#8a7030", "#fff0c0")),
    "ok": (("#e6f7e6", "#99c799", "#0f3d0f"), ("#1c3d1c", "#3a7a3a", "#d8f5d8")),
}


def is_dark() -> bool:
    """Whether the application's window background is dark (a dark system theme)."""
    pal = QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def word(kind: str) -> str:
    """The colour (#rrggbb) of a `kind` word on the window's background."""
    light, dark = WORDS[kind]
    return dark if is_dark() else light


def word_style(kind: str, selector: str = "QLabel") -> str:
    return f"{selector} {{ color: {word(kind)}; }}"


def bar_style(kind: str, selector: str, padding: str = "4px") -> str:
    """A style sheet for a notice bar: background, border and text colour together."""
    bg, border, text = BARS[kind][1 if is_dark() else 0]
    # the text colour again for the labels inside a bar: a style sheet's colour is not
    # inherited by child widgets
    return (
        f"{selector} {{ background: {bg}; border: 1px solid {border}; color: {text}; "
        f"padding: {padding}; }} {selector} QLabel {{ color: {text}; }}"
    )
