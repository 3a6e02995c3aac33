"""Starting the GUI: `partydesk` with no sub-command, or `partydesk-gui`.

Every ledger the window opens (at start, or from the File menu) goes through
`open_ledger_ui`, which runs the `BEFORE_WINDOW` hooks: a feature that must act before a
ledger is shown (password, lock, read-only choice) appends `hook(ledger, parent) ->
Ledger | None` (None: do not open; the hook closes the ledger or hands back another one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from partydesk.errors import PartyDeskError
from partydesk.ledger import Ledger, default_ledger_path, open_ledger

BEFORE_WINDOW: list[Callable[[Ledger, QWidget | None], Ledger | None]] = []


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("PartyDesk")
    app.setApplicationName("PartyDesk")
    app.setApplicationDisplayName("PartyDesk 党建台账")
    from ui.fonts import install_app_font

    install_app_font(app)
    return app


def open_ledger_ui(path: str | Path, *, create: bool = False, parent: QWidget | None = None) -> Ledger | None:
    """Open a ledger for the window: errors shown in Chinese, BEFORE_WINDOW hooks run."""
    try:
        ledger = open_ledger(path, create=create)
    except PartyDeskError as e:
        QMessageBox.critical(parent, "无法打开账本", str(e))
        return None
    for hook in BEFORE_WINDOW:
        ledger = hook(ledger, parent)
        if ledger is None:
            return None
    return ledger


def startup_ledger_path(arg: str | None) -> Path:
    """--ledger, else the last ledger opened (if it still exists), else the default."""
    if arg:
        return Path(arg)
    last = QSettings().value("ledgers/last")
    if last and Path(str(last)).exists():
        return Path(str(last))
    return default_ledger_path()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="partydesk-gui")
    parser.add_argument("--ledger")
    args, _ = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = make_app()
    ledger = open_ledger_ui(startup_ledger_path(args.ledger), create=True)
    if ledger is None:
        return 1
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
