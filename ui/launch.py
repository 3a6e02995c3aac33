"""The `partydesk` program: sub-commands run headless through the core's command line;
with none, the main window opens on the default ledger (or --ledger PATH);
`partydesk PATH` opens that ledger file in the window (what a file manager runs for a
double-clicked `.partydesk` file); `--self-test` smoke-tests the GUI, PDF and Excel output
(used on the frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path

LEDGER_SUFFIX = ".partydesk"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def ledger_argument(argv: list[str]) -> str | None:
    """The ledger path when the only argument names a ledger file rather than a sub-command:
    a name ending in .partydesk, or an existing SQLite file (a ledger renamed by a user)."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return None
    arg = argv[0]
    path = Path(arg)
    if arg.lower().endswith(LEDGER_SUFFIX):
        return arg
    try:
        with path.open("rb") as f:
            return arg if f.read(16) == _SQLITE_MAGIC else None
    except OSError:
        return None


def _gui(ledger: str | None) -> int:
    from ui.app import main as gui_main

    rc = gui_main(["--ledger", ledger] if ledger else [])
    _exit_now(rc)
    return rc  # not reached


def _exit_now(rc: int) -> None:
    """End the process without the interpreter's teardown. Everything is saved and closed
    by then (ui.app.close_down); the teardown only garbage-collects every Qt and SQLAlchemy
    object one by one, which took 2.5 s after the window had gone."""
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no console (the windowed build)
            pass
    os._exit(rc)


def _self_test() -> int:
    from ui.selftest import run_self_test

    return run_self_test()


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # run as the program: the process's crash reports are ours
        from partydesk import logs

        logs.install_crash_handlers()  # the window replaces the reporter with its dialog
    args = sys.argv[1:] if argv is None else argv
    path = ledger_argument(args)
    if path is not None:
        if not Path(path).is_file():
            from PySide6.QtCore import QCoreApplication

            text = QCoreApplication.translate("Launch", "错误：找不到账本文件 %1。")
            print(text.replace("%1", str(path)), file=sys.stderr)
            return 2
        return _gui(path)
    from partydesk.cli import main as cli_main

    return cli_main(argv, gui=_gui, self_test=_self_test)


if __name__ == "__main__":
    sys.exit(main())
