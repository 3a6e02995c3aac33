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
    try:
        ledger = open_ledger(path, create=True)
    except PartyDeskError as e:
        QMessageBox.critical(None, "无法打开账本", str(e))
        return 1
    from ui.main_window import MainWindow

    win = MainWindow(ledger)
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
