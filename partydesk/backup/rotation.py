"""Rotation: which backups are kept (the newest few, and the newest of each recent day,
week and month) and deleting the rest."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from partydesk.backup.files import scan
from partydesk.backup.finding import verify
from partydesk.backup.policy import config


def select_keep(
    created: list[datetime], daily: int, weekly: int, monthly: int, recent: int
) -> set[int]:
    """Indexes (into `created`) of the backups rotation keeps: the newest `recent`, and
    the newest backup of each of the newest `daily` days / `weekly` ISO weeks / `monthly`
    months that have backups."""
    order = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    keep = set(order[:recent])
    for count, bucket in (
        (daily, lambda d: d.date()),
        (weekly, lambda d: tuple(d.isocalendar())[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ):
        seen: set = set()
        for i in order:
            k = bucket(created[i])
            if k in seen:
                continue
            seen.add(k)
            if len(seen) > count:
                break
            keep.add(i)
    return keep


def rotate_folder(
    ledger_path: Path,
    folder: Path,
    cfg: dict | None = None,
    now=None,
    *,
    protect: tuple[Path, ...] = (),
    known_good: Path | None = None,
) -> list[Path]:
    """Delete the backups of this ledger in `folder` that rotation does not keep.

    Whatever the settings, three are never deleted: the newest backup that passes its
    check (when every newer one is damaged, it is the last good copy), the newest
    pre-upgrade backup (its upgrade may not have succeeded yet), and `protect` (e.g. the
    backup being restored). `known_good` is a backup just verified (saves a check)."""
    cfg = cfg or config(ledger_path)
    items = scan(folder, Path(ledger_path).stem)
    keep = select_keep(
        [b.created for b in items],
        int(cfg["daily"]),
        int(cfg["weekly"]),
        int(cfg["monthly"]),
        max(1, int(cfg["recent"])),
    )
    if len(keep) == len(items):
        return []
    kept = {_key(p) for p in protect}
    migrate = next((b for b in items if b.reason == "migrate"), None)
    if migrate is not None:
        kept.add(_key(migrate.path))
    for b in items:  # newest first
        if known_good is not None and _key(b.path) == _key(known_good):
            kept.add(_key(b.path))
            break
        if verify(b.path, quick=True)[0]:
            kept.add(_key(b.path))
            break
    deleted = []
    for i, b in enumerate(items):
        if i not in keep and _key(b.path) not in kept:
            b.path.unlink()
            deleted.append(b.path)
    return deleted


def _key(p: Path) -> str:
    return os.path.normcase(os.path.abspath(p))
