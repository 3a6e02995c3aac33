"""Sizes that fit the screen a window opens on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """`width` × `height`, made smaller to fit the screen's free area (a 1366×768 laptop
    with its task bar) with a margin for the window frame."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width() - 16), min(height, free.height() - 48))
