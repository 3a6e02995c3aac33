"""What every page shares: the open ledger, the undo stack, the status bar, and the
`changes` hub through which undo commands tell every table what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from partydesk.ledger import Ledger


class ChangeHub(QObject):
    """`changed(entity, ids, structural)`: records of `entity` (a fields registry key)
    changed; `ids` is a list (or None: any); `structural` when rows were added or removed."""

    changed = Signal(str, object, bool)
    # someone else (another clerk, another program) changed the ledger: re-read what is shown
    elsewhere = Signal()

    def notify(self, entity: str, ids=None, structural: bool = False) -> None:
        self.changed.emit(entity, list(ids) if ids is not None else None, structural)


class AppContext:
    """(A plain class, not a dataclass: importing dataclasses and making the class cost
    1.5 ms of the window's start.)"""

    def __init__(
        self,
        ledger: Ledger,
        window: QMainWindow,
        undo_stack: QUndoStack,
        pages: dict | None = None,  # module name -> page widget
        changes: ChangeHub | None = None,
    ):
        self.ledger = ledger
        self.window = window
        self.undo_stack = undo_stack
        self.pages = {} if pages is None else pages
        self.changes = ChangeHub() if changes is None else changes

    def status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)
