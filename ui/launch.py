"""The `partydesk` program: sub-commands run headless through the core's command line;
with none, the main window opens on the default ledger (or --ledger PATH);
`--self-test` smoke-tests the GUI, PDF and Excel output (used on the frozen build)."""

from __future__ import annotations

import sys


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
    from partydesk import logs
    from partydesk.cli import main as cli_main

    logs.install_crash_handlers()  # the window replaces the reporter with its dialog

    return cli_main(argv, gui=_gui, self_test=_self_test)


if __name__ == "__main__":
    sys.exit(main())
