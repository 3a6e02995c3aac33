"""The program's private temporary folder: `<system temp>/partydesk-<uid>`, mode 0700,
so that what a temporary file holds (a copy of the ledger, a sheet being written) is not
readable by the other accounts of a shared PC. Each use gets a sub-folder named after the
process; at start the sub-folders of processes that no longer run are removed (a crash
leaves nothing behind for long)."""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

from partydesk.ledger.lock import _pid_alive

_cleaned = False


def private_dir() -> Path:
    """The private folder (created 0700; one not owned by this account is never used)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    base = Path(tempfile.gettempdir()) / f"partydesk-{uid}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(base)
        if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != uid):
            raise OSError("not ours")
        if os.name == "posix" and stat.S_IMODE(st.st_mode) != 0o700:
            os.chmod(base, 0o700)
        return base
    except OSError:
        # Someone else made the name first (or it is a link): a fresh folder of our own.
        return Path(tempfile.mkdtemp(prefix="partydesk-"))


def new_dir(tag: str) -> Path:
    """A new sub-folder of the private folder for this process (remove it when done)."""
    d = private_dir() / f"{os.getpid()}-{tag}-{secrets.token_hex(4)}"
    d.mkdir(mode=0o700)
    return d


def clean_at_start() -> None:
    """Remove what processes that no longer run left in the private folder."""
    global _cleaned
    _cleaned = True
    base = private_dir()
    try:
        entries = list(base.iterdir())
    except OSError:
        return
    for p in entries:
        pid = p.name.split("-", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or _pid_alive(int(pid))):
            continue
        try:
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        except OSError:
            pass


def clean_once() -> None:
    """clean_at_start, the first time it is asked for in this process."""
    if not _cleaned:
        clean_at_start()
