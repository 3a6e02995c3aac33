"""Replacing a ledger file with another, complete one (the demo's `--force`): the lock is
held throughout, the old content is backed up first, and the swap is two renames, so a
crash at any moment leaves either the old ledger, or the new one, or a missing file
whose backup the next start offers — never half of either."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from partydesk.backup.files import BackupError
from partydesk.backup.finding import verify
from partydesk.backup.making import make_backup
from partydesk.ledger import lock as locking
from partydesk.ledger import paths

SIDE_FILES = ("-wal", "-shm", "-journal")


@contextmanager
def replacing(path: Path) -> Iterator:
    """`with replacing(path) as swap: … swap(new_file)`. Refuses (BackupError) when
    another PartyDesk holds `path`; backs up a good existing ledger before yielding."""
    path = Path(path)
    lk, holder = locking.acquire(path)
    if holder is not None:
        raise BackupError(
            f"账本正在被{holder.describe()}使用，不能替换。请先关闭另一处的 PartyDesk。"
        )
    try:
        if path.exists() and path.stat().st_size > 0 and verify(path, quick=True, live=True)[0]:
            make_backup(path, "replace")
            conn = paths.connect(path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        yield lambda new_file: _swap(path, Path(new_file))
    finally:
        if lk is not None:
            lk.release()


def _swap(path: Path, new_file: Path) -> None:
    aside = path.with_name(path.name + ".replaced")
    if path.exists():
        os.replace(path, aside)  # the old file stays whole under another name …
    for suffix in SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(new_file, path)  # … until the new one is in place
    aside.unlink(missing_ok=True)
