"""Typing into an editable grid as a clerk does — keys into the cell editor once it has
opened, into the grid otherwise — waiting for the focus to get there first. Under load
the window's activation and an editor taking the focus come later than the next key:
sent to whatever had focus at that moment, a keystroke landed on the grid and was lost."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication


def focus(qtbot, view) -> None:
    """Give the grid the keyboard focus and wait until its window is active and has it."""
    view.window().activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=10000)


def target(qtbot, view):
    """Where the next keystroke goes: the open editor, once it has the focus, or the grid."""

    def editor_has_focus() -> bool:
        w = QApplication.focusWidget()
        return w is not None and w is not view and view.isAncestorOf(w)

    if view.state() == QAbstractItemView.EditingState:
        qtbot.waitUntil(editor_has_focus, timeout=10000)
    else:
        qtbot.waitUntil(view.hasFocus, timeout=10000)
    return QApplication.focusWidget()


def press(qtbot, view, keys) -> int:
    """Type `keys` (characters or Qt.Key values); returns how many were sent."""
    n = 0
    for k in keys:
        qtbot.keyClick(target(qtbot, view), k)
        QApplication.processEvents()  # Enter commits through a queued call
        n += 1
    return n
