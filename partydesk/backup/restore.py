"""Restoring a backup (恢复): the ledger's content replaced by a backup's, the current
state backed up first."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from partydesk import audit
from partydesk.backup.files import BackupError, BackupInfo, ro_connect
from partydesk.backup.finding import verify
from partydesk.backup.making import make_backup
from partydesk.backup.policy import backup_folder
from partydesk.ledger import cipher, migrate, paths
from partydesk.ledger import lock as locking
from partydesk.ledger.engine import make_engine
from partydesk.ledger.errors import translate_sqlite_error


def restore(target, backup_file: str | Path) -> BackupInfo | None:
    """Replace the ledger's content with `backup_file`. The current state is backed up
    first (reason "restore"); a damaged ledger is copied aside instead. `target` is an open
    writable Ledger (restored in place, sessions see the new content) or a ledger path
    (must not be open elsewhere). Returns the safety backup of the old state.

    The chosen backup is copied beside the ledger before anything else is written: the
    safety backup's rotation may then delete old backups — even the chosen one, when it is
    the oldest of many made the same day — without touching what is being restored."""
    if getattr(target, "is_server", False):
        raise BackupError(
            "服务器账本不能在原处恢复：其他人可能正在使用它，恢复会替换所有人的数据。"
            "请在服务器上新建一个空数据库，运行“partydesk restore --ledger 新数据库的地址 "
            f"{backup_file}”，把备份恢复到那里，再改用新的数据库。账本未改动。"
        )
    backup_file = Path(backup_file).expanduser()
    if not backup_file.is_file():
        raise BackupError(f"找不到备份文件：{backup_file}。")
    ok, why = verify(backup_file)
    if not ok:
        raise BackupError(f"备份文件不能用来恢复：{backup_file}（{why}）。账本未改动。")

    if hasattr(target, "engine"):
        ledger = target
        ledger.check_writable()
        staged = _stage(backup_file, Path(ledger.path))
        try:
            safety = make_backup(ledger, "restore", protect=(backup_file,))
            src = ro_connect(staged)
            raw = ledger.engine.raw_connection()
            try:
                src.backup(raw.driver_connection)
            except cipher.db_errors() as e:
                raise (translate_sqlite_error(e, ledger.path, ledger) or BackupError(str(e))) from e
            finally:
                raw.close()
                src.close()
        finally:
            staged.unlink(missing_ok=True)
        ledger.engine.dispose()  # pooled connections may cache the old schema
        migrate.upgrade_to_head(ledger.engine)
        with ledger.session() as s:
            audit.log(
                s,
                "restore",
                "ledger",
                label=f"从备份恢复：{backup_file.name}",
                new={"备份": str(backup_file), "恢复前备份": str(safety.path)},
            )
        return safety

    path = Path(target).expanduser()
    lk, holder = locking.acquire(path)
    if holder is not None:
        raise BackupError(
            f"账本正在被{holder.describe()}使用，不能恢复。请先关闭另一处的 PartyDesk。"
        )
    safety = None
    tmp = path.with_name(path.name + ".restoring")
    try:
        _stage(backup_file, path)
        good = path.exists() and verify(path, quick=True, live=True)[0]
        if good:
            safety = make_backup(path, "restore", protect=(backup_file,))
            conn = paths.connect(path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        elif path.exists():
            folder = backup_folder(path)
            paths.private_folder(folder)
            aside = folder / f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S}-damaged.partydesk.damaged"
            shutil.copy2(path, aside)
        # A stale WAL would be replayed onto the restored file: remove it first (its
        # content is in the safety backup, or it belongs to the damaged file).
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                if not good:
                    shutil.copy2(side, backup_folder(path) / (side.name + ".damaged"))
                side.unlink()
        os.replace(tmp, path)
        _log_restored(path, backup_file, safety)
    except (OSError, *cipher.db_errors()) as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"恢复失败：{_reason(e)}。账本未改动，备份文件也还在。") from e
    finally:
        if lk is not None:
            lk.release()
    return safety


def _stage(backup_file: Path, ledger_path: Path) -> Path:
    """Copy the backup to `<ledger>.restoring` (same folder: the final rename is atomic),
    as one self-contained, synced file."""
    tmp = ledger_path.with_name(ledger_path.name + ".restoring")
    tmp.unlink(missing_ok=True)
    src = ro_connect(backup_file, immutable=True)
    try:
        paths.private_file(tmp)
        dst = paths.connect(tmp, like=backup_file)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    return tmp


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.errno == 28 or "full" in str(e).lower():
        return "磁盘空间已满"
    return str(e)


def _log_restored(path: Path, backup_file: Path, safety: BackupInfo | None) -> None:
    """Bring the restored file to the current schema and log the restore in it, while the
    lock is still held (a backup made by an older version is upgraded here; the backup
    file itself is its pre-upgrade copy)."""
    engine = make_engine(path)
    try:
        migrate.upgrade_to_head(engine)
        with Session(engine) as s, s.begin():
            audit.log(
                s,
                "restore",
                "ledger",
                label=f"从备份恢复：{backup_file.name}",
                new={
                    "备份": str(backup_file),
                    "恢复前备份": str(safety.path) if safety else "（原账本已损坏）",
                },
            )
    finally:
        engine.dispose()
