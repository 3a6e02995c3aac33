"""Colours that stay readable in a light and a dark system theme.

A coloured notice (the red refusal bar, the yellow lock notice) sets its text colour with
its background, so a dark theme's white text never lands on a pale bar; a coloured word
(an error under a field, an overdue row, a revoked certificate, a finished assignment in
grey) is derived from the palette it is drawn on: the theme's shade of its hue, made
lighter or darker until its WCAG contrast against the background (a table's Base and
AlternateBase rows, a label's Window) is at least 4.5:1. A tinted cell (an unpaid month,
a locked points cell, an import row to be added) mixes a little of the hue into Base, no
more than lets the theme's own text keep 4.5:1 on it."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# kind -> (light theme, dark theme) colours of a word on the window's background
WORDS = {
    "error": ("#b00020", "#ff8a80"),
    "ok": ("#1b6e1b", "#81c784"),
    "warn": ("#8a5a00", "#ffcc80"),
    "muted": ("#555555", "#b0b0b0"),
    # a row that no longer counts (a finished assignment, a revoked certificate): as pale
    # as still reads, so it stands back from the live rows
    "grey": ("#808080", "#808080"),
}
# kind -> (background, border, text) of a notice bar, light and dark theme
BARS = {
    "error": (("#fde2e2", "#e0a0a0", "#5c0b0b"), ("#4a1c1c", "#8a3a3a", "#ffdada")),
    "warn": (("#fff4ce", "#e0c060", "#4d3800"), ("#4a3d12", "#8a7030", "#fff0c0")),
    "ok": (("#e6f7e6", "#99c799", "#0f3d0f"), ("#1c3d1c", "#3a7a3a", "#d8f5d8")),
}


READABLE = 4.5  # WCAG AA for normal text


def is_dark() -> bool:
    """Whether the application's window background is dark (a dark system theme)."""
    pal = QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def luminance(c: QColor) -> float:
    """WCAG relative luminance."""

    def ch(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def on(kind: str, *backgrounds: QColor) -> QColor:
    """The `kind` colour ("error", "ok", "warn", "muted") for text on `backgrounds`: the
    theme's shade of it, lightened (dark backgrounds) or darkened (light ones) until it
    reads at 4.5:1 on every one of them."""
    return QColor(_on(kind, tuple(b.rgb() for b in backgrounds)))


@lru_cache(maxsize=256)
def _on(kind: str, backgrounds: tuple[int, ...]) -> int:
    bgs = [QColor.fromRgb(b) for b in backgrounds]
    dark = sum(b.lightness() for b in bgs) < 128 * len(bgs)
    start = QColor(WORDS[kind][1 if dark else 0])
    h, s, light, _a = start.getHslF()
    step = 0.02 if dark else -0.02
    c = start
    while min(contrast(c, b) for b in bgs) < READABLE and 0.0 < light < 1.0:
        light = max(0.0, min(1.0, light + step))
        c = QColor.fromHslF(max(h, 0.0), s, light)
    return c.rgb()


def cell(kind: str, palette: QPalette | None = None) -> QColor:
    """A table cell's `kind` text colour (ForegroundRole), readable on both row colours."""
    pal = palette or QGuiApplication.palette()
    return on(kind, pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.AlternateBase))


def tint(kind: str, palette: QPalette | None = None) -> QColor:
    """A table cell's `kind` background (BackgroundRole): Base with a little of the hue
    mixed in, as much as leaves the theme's text readable on it."""
    pal = palette or QGuiApplication.palette()
    base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
    return QColor(_tint(kind, base.rgb(), text.rgb()))


@lru_cache(maxsize=256)
def _tint(kind: str, base_rgb: int, text_rgb: int) -> int:
    base, text = QColor.fromRgb(base_rgb), QColor.fromRgb(text_rgb)
    dark = base.lightness() < 128
    hue = QColor(WORDS[kind][1 if dark else 0])
    for share in (0.22, 0.18, 0.14, 0.10, 0.06, 0.03):
        c = QColor(
            round(base.red() + (hue.red() - base.red()) * share),
            round(base.green() + (hue.green() - base.green()) * share),
            round(base.blue() + (hue.blue() - base.blue()) * share),
        )
        if contrast(c, text) >= READABLE:
            return c.rgb()
    return base.rgb()


def word(kind: str) -> str:
    """The colour (#rrggbb) of a `kind` word on the window's background."""
    return on(kind, QGuiApplication.palette().color(QPalette.ColorRole.Window)).name()


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
