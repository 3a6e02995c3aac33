"""Helpers shared by the sub-commands."""

from __future__ import annotations

import sys
from pathlib import Path

from partydesk.ledger import Ledger, default_ledger_path, open_ledger


def ledger_path(args) -> Path:
    return Path(args.ledger).expanduser() if getattr(args, "ledger", None) else default_ledger_path()


def open_for(args, *, readonly: bool = False) -> Ledger:
    """Open the ledger named by --ledger (never creates one)."""
    return open_ledger(ledger_path(args), readonly=readonly)


def out(text: str = "") -> None:
    print(text)


def progress_line(done: int, total: int, label: str = "") -> None:
    """A single updating progress line on stderr when it is a terminal."""
    if sys.stderr.isatty():
        pct = 100 * done // max(total, 1)
        print(f"\r{label} {pct:3d}%", end="" if done < total else "\n", file=sys.stderr, flush=True)
