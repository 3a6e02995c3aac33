"""A PNG of the main window on a demo ledger, offscreen:

    python build_scripts/screenshot.py [--ledger PATH] [--page people] [--out window.png]

Without --ledger a small demo ledger (the demo generator) is built in a temp folder."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="partydesk-shot-"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ledger")
    ap.add_argument("--page", default="people", help="units, orgs, people, …")
    ap.add_argument("--out", default="window.png")
    ap.add_argument("--search", default="")
    args = ap.parse_args(argv)
    from partydesk.demo import build_demo
    from partydesk.ledger import open_ledger
    from ui.app import make_app

    path = args.ledger
    if not path:
        path = Path(tempfile.mkdtemp()) / "demo.partydesk"
        build_demo(path, units=120, members=2000, seed=1, today=date(2026, 11, 1))
    app = make_app()
    from ui.main_window import MainWindow

    win = MainWindow(open_ledger(path))
    win.resize(1400, 860)
    names = list(win.pages())
    win.nav.setCurrentRow(names.index(f"ui.{args.page}.page"))
    win.show()
    page = win.current_page()
    if args.search and hasattr(page, "filterbar"):
        page.filterbar.search.setText(args.search)
        page.apply_filter()
    if hasattr(page, "view"):
        page.model.wait_complete()
        page.view.setCurrentIndex(page.model.index(2, 0))
    for _ in range(5):
        app.processEvents()
    win.grab().save(args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
