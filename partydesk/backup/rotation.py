"""Rotation: which backups are kept (the newest few, and the newest of each recent day,
week and month) and deleting the rest."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from partydesk.backup.files import scan
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


def rotate_folder(ledger_path: Path, folder: Path, cfg: dict | None = None, now=None) -> list[Path]:
    """Delete the backups of this ledger in `folder` that rotation does not keep."""
    cfg = cfg or config(ledger_path)
    items = scan(folder, Path(ledger_path).stem)
    keep = select_keep(
        [b.created for b in items],
        int(cfg["daily"]),
        int(cfg["weekly"]),
        int(cfg["monthly"]),
        max(1, int(cfg["recent"])),
    )
    deleted = []
    for i, b in enumerate(items):
        if i not in keep:
            b.path.unlink()
            deleted.append(b.path)
    return deleted
