"""Leftovers of work a crash interrupted, removed on the next writable open: a restore's
staged copy (`.restoring`), a demo being built (`.demo-tmp` and its WAL), an old ledger
set aside while being replaced (`.replaced`), and backups that were still being written
(`<backup>.<pid>.tmp` whose process is gone, or the older `<backup>.tmp`)."""

from __future__ import annotations

import re
from pathlib import Path

from partydesk.backup.policy import folders_for
from partydesk.ledger.lock import _pid_alive

BESIDE_LEDGER = (
    ".restoring",
    ".demo-tmp",
    ".demo-tmp-wal",
    ".demo-tmp-shm",
    ".demo-tmp-journal",
    ".replaced",
)
_TMP = re.compile(r"^(?P<stem>.+)-\d{8}-\d{6}-[a-z]+(?:-\d+)?\.partydesk(?:\.(?P<pid>\d+))?\.tmp$")


def clean(ledger_path: Path) -> list[Path]:
    """Remove the leftovers of `ledger_path` (call with its lock held). Returns them."""
    ledger_path = Path(ledger_path)
    gone = []
    if ledger_path.exists():  # else `.replaced` may be the only whole copy: keep it
        for suffix in BESIDE_LEDGER:
            p = ledger_path.with_name(ledger_path.name + suffix)
            if _remove(p):
                gone.append(p)
    for folder in folders_for(ledger_path):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            m = _TMP.match(p.name)
            if not m or m["stem"] != ledger_path.stem:
                continue
            if m["pid"] is not None and _pid_alive(int(m["pid"])):
                continue  # a backup being written right now (e.g. `backup --to` elsewhere)
            if _remove(p):
                gone.append(p)
    return gone


def _remove(p: Path) -> bool:
    try:
        p.unlink()
        return True
    except FileNotFoundError:
        return False
    except OSError:
        return False
