"""What every page shares: the open ledger, the undo stack, the status bar."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow

from partydesk.ledger import Ledger


@dataclass
class AppContext:
    ledger: Ledger
    window: QMainWindow
    undo_stack: QUndoStack
    pages: dict = field(default_factory=dict)  # module name -> page widget

    def status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)
