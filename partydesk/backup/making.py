"""Making backups: a verified copy written under a temporary name, checked, synced and
only then renamed; the daily one, and the ones before imports, bulk changes and upgrades."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from partydesk.backup.files import (
    COUNTED,
    REASONS,
    BackupCheckError,
    BackupError,
    BackupInfo,
    name_for,
    ro_connect,
    scan,
    table_counts,
)
from partydesk.backup.finding import list_backups
from partydesk.backup.policy import backup_folder, config, remember_folder
from partydesk.backup.rotation import rotate_folder
from partydesk.ledger import cipher, paths


def _explain(e: BaseException, where: Path) -> str:
    text = str(e).lower()
    full = isinstance(e, OSError) and e.errno == 28 or "full" in text
    if full:
        return f"备份失败：备份位置的磁盘已满（{where}）。账本本身未受影响；请清理磁盘或换一个备份文件夹。"
    if (
        isinstance(e, PermissionError)
        or "readonly" in text
        or "read-only" in text
        or (isinstance(e, OSError) and e.errno in (13, 30))
    ):
        return (
            f"备份失败：备份文件夹不能写入（{where}）。账本本身未受影响；请检查U盘或换一个文件夹。"
        )
    if isinstance(e, OSError) and e.errno in (2, 5, 19):
        return f"备份失败：找不到备份文件夹或设备（{where}），U盘可能已拔出。账本本身未受影响。"
    return f"备份失败（{where}）：{e}。账本本身未受影响。"


def make_backup(
    source,
    reason: str = "manual",
    folder: str | Path | None = None,
    *,
    rotate: bool = True,
    now: datetime | None = None,
    protect: tuple[Path, ...] = (),
) -> BackupInfo:
    """Back up `source` (an open Ledger or a ledger path) into `folder` (default: the
    configured backup folder) and verify it; then rotate old backups there (never
    deleting `protect`)."""
    is_ledger = hasattr(source, "engine")
    ledger_path = Path(source.path if is_ledger else source)
    cfg = config(source)
    folder = Path(folder).expanduser() if folder else backup_folder(ledger_path, cfg)
    now = now or datetime.now()
    if is_ledger and getattr(source, "is_server", False):
        from partydesk.backup import server

        try:
            info = server.snapshot(source, folder, reason, now)
        except OSError as e:
            raise BackupError(_explain(e, folder)) from e
        remember_folder(ledger_path, folder)
        if rotate:
            try:
                rotate_folder(
                    ledger_path, folder, cfg, now=now, protect=protect, known_good=info.path
                )
            except OSError:
                pass
        return info
    try:
        paths.private_folder(folder)
    except OSError as e:
        raise BackupError(_explain(e, folder)) from e
    final = name_for(ledger_path, now, reason, folder)
    tmp = final.with_name(f"{final.name}.{os.getpid()}.tmp")  # the pid: see leftovers
    raw = None
    try:
        if is_ledger:
            raw = source.engine.raw_connection()
            src = raw.driver_connection
        else:
            src = ro_connect(ledger_path)
        try:
            paths.private_file(tmp)
            dst = paths.connect(tmp, like=ledger_path)  # encrypted like the ledger
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                check = [r[0] for r in dst.execute("PRAGMA integrity_check")]
                counts = table_counts(dst)
            finally:
                dst.close()
        finally:
            if raw is not None:
                raw.close()
            else:
                src.close()
        if check != ["ok"]:
            details = "; ".join(check[:3])
            raise BackupCheckError(
                f"备份校验未通过（{details}），未保存这份备份。账本可能已损坏。", details
            )
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except (OSError, *cipher.db_errors()) as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise BackupError(_explain(e, folder)) from e
    remember_folder(ledger_path, folder)
    info = BackupInfo(final, now.replace(microsecond=0), reason, counts, final.stat().st_size)
    if rotate:
        try:
            rotate_folder(ledger_path, folder, cfg, now=now, protect=protect, known_good=final)
        except OSError:
            pass  # an old backup that cannot be deleted is no reason to fail a new one
    return info


def _changed_since(ledger_path: Path, t: float) -> bool:
    """Has the ledger been written since time `t`? (An empty WAL is made by merely
    opening the ledger: it holds no change.)"""
    for p in (ledger_path, ledger_path.with_name(ledger_path.name + "-wal")):
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        if st.st_mtime > t and (p == ledger_path or st.st_size > 0):
            return True
    return False


def reason_code(reason: str) -> str:
    """The code in a backup's file name for a reason given as a code or in words
    (e.g. "导入党员：名册.xlsx" -> "import")."""
    if reason in REASONS:
        return reason
    return "import" if "导入" in reason or "import" in reason.lower() else "bulk"


def backup_before(ledger, reason: str = "bulk") -> BackupInfo | None:
    """Back up before an import or a bulk change (call it first; it raises BackupError or
    LedgerReadOnlyError so that the change is not started without a backup). `reason` is
    a code ("import", "bulk") or words ("导入党员：名册.xlsx"). Reuses the newest backup
    when the ledger has not changed since it was made; None for a ledger with no records.
    None for a server ledger too: the change runs in one transaction there, and a copy of
    a county's ledger before each clerk's import would cost a minute each time (its
    snapshots are `partydesk backup`'s, its safety the server's own backups)."""
    ledger.check_writable()
    if getattr(ledger, "is_server", False):
        return None
    reason = reason_code(reason)
    latest = list_backups(ledger.path, counts=False)
    if latest:
        newest = latest[0]
        try:
            if not _changed_since(Path(ledger.path), newest.path.stat().st_mtime):
                return newest
        except OSError:
            pass
    if not _has_records(ledger):
        return None
    return make_backup(ledger, reason)


def _has_records(ledger) -> bool:
    with ledger.engine.connect() as conn:
        for t in COUNTED:
            try:
                if conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first():
                    return True
            except Exception:  # noqa: BLE001
                continue
    return False


def auto_on_open(ledger, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup made when a ledger is opened (at most once a day)."""
    cfg = config(ledger)
    if not cfg.get("on_open", True) or ledger.readonly:
        return None
    now = now or datetime.now()
    folder = backup_folder(ledger.path, cfg)
    for b in scan(folder, Path(ledger.path).stem):
        if b.created.date() == now.date():
            return None
    if not _has_records(ledger):
        return None
    return make_backup(ledger, "open", folder, now=now)


def save_copy(ledger, dest: Path) -> Path:
    """另存副本: the open ledger copied to the ledger file `dest`. A file ledger with
    SQLite's backup API; a server ledger as the verified SQLite ledger file of one
    consistent moment that `partydesk backup` makes of it (a county's ledger to take
    along, which opens as a ledger of its own)."""
    dest = Path(dest)
    if getattr(ledger, "is_server", False):
        from partydesk.backup import server

        info = server.snapshot(ledger, dest.parent, reason="copy")  # (makes the folder)
        try:
            os.replace(info.path, dest)
        except OSError as e:
            info.path.unlink(missing_ok=True)
            raise BackupError(
                f"副本未能保存为 {dest}：{e.strerror or e}。账本本身未受影响。"
            ) from e
        return dest
    from partydesk.ledger.db import backup_copy

    return backup_copy(Path(ledger.path), dest)


def backup_before_migration(path: Path, from_rev: str | None, to_rev: str) -> BackupInfo:
    """The backup taken before a schema upgrade (called by partydesk.ledger.opening). An
    upgrade that failed and is tried again reuses its backup while the ledger is unchanged
    (each failed try used to write one more, until rotation had deleted older copies)."""
    path = Path(path)
    for b in list_backups(path, counts=False):
        if b.reason != "migrate":
            continue
        try:
            if not _changed_since(path, b.path.stat().st_mtime) and _revision(b.path) == from_rev:
                return b
        except (OSError, *cipher.db_errors()):
            pass
        break  # only the newest pre-upgrade backup can be the one of this upgrade
    return make_backup(path, "migrate")


def _revision(path: Path) -> str | None:
    conn = ro_connect(path, immutable=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()
