"""Opening a ledger for the window (at start, or from the File menu).

Every ledger the window opens goes through `after_open`, which runs the `BEFORE_WINDOW`
hooks on the UI thread: a feature that must act before a ledger is shown (password, lock,
read-only choice) appends `hook(ledger, parent) -> Ledger | None` (None: do not show it; the
hook closes the ledger or hands back another one). Kept apart from ui.app (start-up), which
builds the window, so the window can open ledgers without importing its own start-up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from partydesk.ledger import Ledger

BEFORE_WINDOW: list[Callable[[Ledger, QWidget | None], Ledger | None]] = []


def _safety_before_window(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """Start password, read-only notice, open-time warnings. Imported lazily so
    the window can appear before SQLAlchemy is loaded."""
    from ui.safety import opening

    return opening.before_window(ledger, parent)


BEFORE_WINDOW.append(_safety_before_window)


def after_open(ledger: Ledger, parent: QWidget | None = None) -> Ledger | None:
    """Run the BEFORE_WINDOW hooks on a freshly opened ledger."""
    for hook in BEFORE_WINDOW:
        ledger = hook(ledger, parent)
        if ledger is None:
            return None
    return ledger


def open_ledger_ui(
    path: str | Path, *, create: bool = False, parent: QWidget | None = None
) -> Ledger | None:
    """Open a ledger for the window: errors shown in Chinese, BEFORE_WINDOW hooks run."""
    from partydesk.errors import PartyDeskError
    from partydesk.ledger import cipher, open_ledger
    from partydesk.ledger.db import LedgerDamagedError

    for _attempt in range(5):
        try:
            ledger = open_ledger(path, create=create)
        except LedgerDamagedError as e:
            from ui.safety import opening

            if opening.offer_restore(parent, e):
                continue  # restored: open it again
            return None
        except cipher.PassphraseError as e:
            from ui.safety import opening

            if opening.ask_passphrase(parent, e):
                continue  # asked at start: try again with it
            return None
        except PartyDeskError as e:
            QMessageBox.critical(
                parent, QCoreApplication.translate("ledger", "无法打开账本"), str(e)
            )
            return None
        return after_open(ledger, parent)
    return None
