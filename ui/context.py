"""What every page shares: the open ledger, the undo stack, the status bar, and the
`changes` hub through which undo commands tell every table what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class AppContext:
    ledger: Ledger
    window: QMainWindow
    undo_stack: QUndoStack
    pages: dict = field(default_factory=dict)  # module name -> page widget
    changes: ChangeHub = field(default_factory=ChangeHub)

    def status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)
