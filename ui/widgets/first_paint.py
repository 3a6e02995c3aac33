"""Run something once a widget has been painted for the first time: the window's start
lets its first rows reach the screen before the work that can wait (the opening worker,
a big table's detail form)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], object]):
        super().__init__(widget)  # (gone with the widget)
        self._fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Paint:
            obj.removeEventFilter(self)  # (once: every event of the widget came here)
            QTimer.singleShot(0, self._fire)  # after this paint is done
        return False

    def _fire(self) -> None:
        self._fn()
        self.deleteLater()


def after_first_paint(widget: QWidget, fn: Callable[[], object]) -> None:
    """Call `fn` once, on the event loop's next turn after `widget`'s first paint (never,
    if it is never painted)."""
    _FirstPaint(widget, fn)
