"""Starting the GUI: `partydesk` with no sub-command, or `partydesk-gui`."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from partydesk.errors import PartyDeskError
from partydesk.ledger import default_ledger_path, open_ledger


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("PartyDesk")
    app.setApplicationName("PartyDesk")
    app.setApplicationDisplayName("PartyDesk 党建台账")
    from ui.fonts import install_app_font

    install_app_font(app)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="partydesk-gui")
    parser.add_argument("--ledger")
    args, _ = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = make_app()
    path = args.ledger or default_ledger_path()
    from ui import safety  # [issue-8 hook] restore offer, start password, read-only notice

    ledger = safety.open_for_gui(path)
    if ledger is None:
        return 1
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    safety.install(win)  # [issue-8 hook] File menu 备份与恢复…, 只读 title and banner
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
