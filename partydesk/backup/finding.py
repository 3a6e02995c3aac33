"""Listing and checking backups, and finding the newest good one."""

from __future__ import annotations

from pathlib import Path

from partydesk.backup.files import BackupInfo, read_counts, ro_connect, scan
from partydesk.backup.policy import backup_folder, folders_for
from partydesk.ledger import cipher


def list_backups(
    ledger_path, folder: str | Path | None = None, counts: bool = True
) -> list[BackupInfo]:
    """Backups of the ledger, newest first, with their record counts."""
    ledger_path = Path(getattr(ledger_path, "path", ledger_path))
    folders = [Path(folder)] if folder else [backup_folder(ledger_path)]
    out: list[BackupInfo] = []
    for f in folders:
        out.extend(scan(f, ledger_path.stem))
    for b in out:
        try:
            b.size = b.path.stat().st_size
            if counts:
                b.counts = read_counts(b.path)
        except (OSError, *cipher.db_errors()):
            b.counts = {}
    return out


def verify(path: str | Path, quick: bool = False, live: bool = False) -> tuple[bool, str]:
    """(ok, message): is the file an intact PartyDesk ledger? A backup is read as an
    immutable file; a `live` ledger (maybe with a WAL) through SQLite's normal locking."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00" and not cipher.is_encrypted(path):
                return False, "不是账本文件"
        conn = ro_connect(path, immutable=not live)
        try:
            rows = [
                r[0]
                for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
            ]
            if rows != ["ok"]:
                return False, "文件已损坏：" + "; ".join(rows[:3])
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone():
                return False, "不是 PartyDesk 账本（缺少版本信息）"
        finally:
            conn.close()
    except (OSError, *cipher.db_errors()) as e:
        return False, f"无法读取（{e}）"
    return True, "完好"


def find_good_backup(ledger_path: Path, tries: int = 8) -> BackupInfo | None:
    """The newest backup of the ledger that passes a quick check, from every folder where
    its backups may be."""
    candidates: list[BackupInfo] = []
    for f in folders_for(Path(ledger_path)):
        candidates.extend(scan(f, Path(ledger_path).stem))
    candidates.sort(key=lambda b: b.created, reverse=True)
    for b in candidates[:tries]:
        ok, _ = verify(b.path, quick=True)
        if ok:
            b.size = b.path.stat().st_size
            try:
                b.counts = read_counts(b.path)
            except cipher.db_errors():
                pass
            return b
    return None
