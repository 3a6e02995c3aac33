"""The ledger's errors a user can cause, and the translation of SQLite's and the OS's
errors into them (one Chinese sentence that says what happened and what to do)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from partydesk.errors import LedgerError
from partydesk.ledger import cipher

__all__ = [
    "ConflictError",
    "DiskFullError",
    "LedgerDamagedError",
    "LedgerError",
    "LedgerReadOnlyError",
    "damaged",
    "disk_full_msg",
    "moved_msg",
    "translate_sqlite_error",
]


class LedgerDamagedError(LedgerError):
    """The ledger file is damaged. `backup` is the newest good backup (a
    partydesk.backup.BackupInfo) or None; the file itself has not been touched."""

    def __init__(self, message: str, path: Path, backup=None):
        super().__init__(message)
        self.path = path
        self.backup = backup


class LedgerReadOnlyError(LedgerError):
    """A write to a ledger that is open read-only (another instance holds it, or the
    file or folder is read-only, or the file was moved away)."""


class ConflictError(LedgerError):
    """已被他人修改: another clerk saved a change to the record (or removed it) since it
    was shown; nothing of this edit was written. `entity` and `id` name the record, so
    the window can reload that row. The message begins with PREFIX."""

    PREFIX = "已被他人修改"

    def __init__(self, label: str = "", entity: str | None = None, rec_id: int | None = None):
        what = f"“{label}”" if label else "这条记录"
        super().__init__(
            f"{self.PREFIX}：{what}在您打开后已被其他人修改并保存，本次修改未保存。"
            "已重新载入最新内容，请核对后再改。"
        )
        self.entity = entity
        self.id = rec_id


class DiskFullError(LedgerError):
    """The disk is full: the write was rolled back."""


def disk_full_msg(path: Path) -> str:
    return (
        f"磁盘空间已满，本次修改未能保存：{path}。已保存的数据不受影响。"
        "请清理磁盘（删除不需要的文件或旧备份）后再试。"
    )


def moved_msg(path: Path) -> str:
    return (
        f"账本文件已被移动、改名或删除：{path}。本次修改未保存。"
        "请关闭 PartyDesk，找回账本文件（或从备份恢复）后再打开。"
    )


# Finds the newest good backup of a ledger path; set by whoever knows the backup policy
# (partydesk.ledger.opening), so that this module needs none of it.
BackupFinder = Callable[[Path], object]


def damaged(path: Path, detail: str, find_backup: BackupFinder | None = None) -> LedgerDamagedError:
    """The error for a damaged ledger, naming its newest good backup when one is found."""
    good = None
    if find_backup is not None:
        try:
            good = find_backup(path)
        except Exception:  # noqa: BLE001 - looking for a backup must not hide the damage
            good = None
    msg = f"账本文件已损坏：{path}（{detail}）。为保护数据，程序不会写入这个文件。"
    if good is not None:
        msg += (
            f"最新的完好备份是 {good.path}（{good.created:%Y-%m-%d %H:%M}）；"
            f"可以用“partydesk restore {good.path}”或在程序中恢复。"
        )
    else:
        msg += "没有找到完好的备份；请把账本文件复制一份交给技术人员。"
    return LedgerDamagedError(msg, path, good)


def translate_sqlite_error(
    exc: BaseException,
    path: Path,
    ledger=None,
    find_backup: BackupFinder | None = None,
) -> LedgerError | None:
    """The LedgerError to show for a DB-API or OS error a user can cause, else None.
    `ledger` (an open Ledger) supplies its read-only reason and its backup finder."""
    if find_backup is None:
        find_backup = getattr(ledger, "find_backup", None)
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        return DiskFullError(disk_full_msg(path))
    if not isinstance(exc, cipher.db_errors()):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code is None:
        return None
    primary = code & 0xFF
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFullError(disk_full_msg(path))
    if primary == sqlite3.SQLITE_READONLY:
        if code == 1032:  # SQLITE_READONLY_DBMOVED
            return LedgerReadOnlyError(moved_msg(path))
        if ledger is not None and ledger.readonly_reason:
            return LedgerReadOnlyError(ledger.readonly_reason)
        return LedgerReadOnlyError(
            f"账本文件或所在文件夹是只读的，不能保存修改：{path}。已保存的数据不受影响；"
            "请把账本复制到可写的位置（或取消文件的只读属性）后再打开。"
        )
    if primary == sqlite3.SQLITE_IOERR:
        return LedgerError(
            f"读写账本文件时出错：{path}（{exc}）。可能是U盘被拔出、网络共享断开或磁盘故障。"
            "本次修改未保存，已保存的数据不受影响；请检查后重新打开账本。"
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        return LedgerError(
            f"无法打开账本文件：{path}。文件或所在文件夹可能已被移走、删除，或没有写入权限。"
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return damaged(path, str(exc), find_backup)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LedgerError(f"账本正忙（另一个程序正在写入）：{path}。请稍后再试；本次修改未保存。")
    return None
