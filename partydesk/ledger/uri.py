"""The one quoted `file:` URI every connection to a ledger file goes through, so any legal
path works (a `?`, `#` or `%20` in a folder name is part of the name, never a parameter)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def sqlite_uri(path: str | Path, **params: str) -> str:
    """The `file:` URI of `path` with its query parameters (mode=ro, immutable=1 …)."""
    posix = Path(os.path.abspath(os.fspath(path))).as_posix()
    if not posix.startswith("/"):  # C:/… on Windows
        posix = "/" + posix
    q = "&".join(f"{k}={v}" for k, v in params.items())
    return "file://" + quote(posix, safe="/:") + (f"?{q}" if q else "")
