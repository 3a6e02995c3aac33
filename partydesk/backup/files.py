"""Backup files: their names, what a backup is (BackupInfo), scanning a folder for a ledger's
backups and counting their records."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from partydesk.errors import LedgerError
from partydesk.ledger import paths

DEFAULT_FOLDER_NAME = "账本备份"
SUFFIX = ".partydesk"
REASONS = {
    "open": "每日自动",
    "migrate": "升级前",
    "import": "导入前",
    "bulk": "批量修改前",
    "manual": "手动",
    "restore": "恢复前",
    "replace": "替换前",
}
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6})-(?P<reason>[a-z]+)(?:-(?P<n>\d+))?\.partydesk$"
)

# Tables whose rows are counted as "records" in the list of backups, with their labels.
COUNTED = {"person": "人员", "organization": "党组织", "unit": "两新组织"}
# Not the clerk's records: bookkeeping, the log, and configuration (settings, the points
# schemes a new ledger starts with, certificate wording and serial counters).
_NOT_RECORDS = {
    "alembic_version",
    "audit_log",
    "setting",
    "points_scheme",
    "points_item",
    "points_band",
    "certificate_template",
    "serial_counter",
    "certificate_serial",
    # merging's bookkeeping (partydesk.merge), not the clerk's records
    "ledger_identity",
    "deleted_record",
    "merge_run",
    "merge_base",
    "merge_conflict",
}


class BackupError(LedgerError):
    """A backup or restore could not be made; the ledger itself is unchanged."""


class BackupCheckError(BackupError):
    """The copy just made failed PRAGMA integrity_check: the ledger itself is damaged
    (in a way its quick check on opening does not see). `details`: SQLite's words."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


@dataclass
class BackupInfo:
    path: Path
    created: datetime  # local time, from the name
    reason: str
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows
    size: int = 0

    def __fspath__(self) -> str:  # usable wherever a path is expected
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def total(self) -> int:
        return sum(n for t, n in self.counts.items() if t not in _NOT_RECORDS)

    def summary(self) -> str:
        parts = [f"{COUNTED[t]} {self.counts.get(t, 0)}" for t in COUNTED]
        return "，".join(parts) + f"，记录共 {self.total}"


def ro_connect(path: Path, immutable: bool = False) -> sqlite3.Connection:
    params = {"mode": "ro", "immutable": "1"} if immutable else {"mode": "ro"}
    return paths.connect(path, timeout=5, **params)


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [
        r[0]
        for r in conn.execute(
            # records only: the search index (FTS tables and their shadow tables) is left out
            "SELECT name FROM sqlite_master m WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' AND NOT EXISTS ("
            "SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' "
            "AND m.name LIKE v.name || '\\_%' ESCAPE '\\')"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def name_for(ledger_path: Path, when: datetime, reason: str, folder: Path) -> Path:
    stem = Path(ledger_path).stem
    base = f"{stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    p = folder / f"{base}{SUFFIX}"
    n = 2
    while p.exists():
        p = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return p


def scan(folder: Path, stem: str) -> list[BackupInfo]:
    out = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return out
    for p in entries:
        m = _NAME.match(p.name)
        if not m or m["stem"] != stem or not p.is_file():
            continue
        try:
            created = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        out.append(BackupInfo(p, created, m["reason"]))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def read_counts(path: Path) -> dict[str, int]:
    conn = ro_connect(path, immutable=True)
    try:
        return table_counts(conn)
    finally:
        conn.close()
