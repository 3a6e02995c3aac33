"""Opening a ledger: engine and session set-up, automatic migration with a backup first.

A ledger is one SQLite file. Nothing here is SQLite-only SQL except the connection pragmas,
so the same models can run on PostgreSQL later.

Safety: opening runs a quick integrity check (a damaged file is never written
to: LedgerDamagedError names the newest good backup); one writer per ledger through a lock
file (`partydesk.ledger.lock`; a second instance, also from another PC, opens read-only);
a read-only file or folder opens read-only; SQLite errors a user can cause (disk full,
read-only, file moved away, I/O error) become LedgerError subclasses with a Chinese message
— SQLite has then rolled the transaction back, so the last good state is kept.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from partydesk.errors import LedgerError
from partydesk.ledger import lock as locking

LEDGER_FILENAME = "ledger.partydesk"
BUSY_TIMEOUT_MS = 5000

# Hooks run after a ledger is opened (e.g. the audit log's session listener); each is
# called with the Ledger. Features append to this list at import time.
ON_OPEN: list[Callable[[Ledger], None]] = []


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


class DiskFullError(LedgerError):
    """The disk is full: the write was rolled back."""


def default_ledger_path() -> Path:
    """The user's data folder (platformdirs), e.g. ~/.local/share/PartyDesk/ledger.partydesk."""
    from platformdirs import user_data_path

    return user_data_path("PartyDesk", appauthor=False) / LEDGER_FILENAME


# File systems on which WAL's shared memory is not coherent between computers.
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "9p",
    "ceph",
    "glusterfs",
    "afs",
    "fuse.glusterfs",
    "davfs",
    "fuse.davfs2",
}


def is_network_path(path: Path, mounts: str | None = None) -> bool:
    """Best effort: is `path` on a network share (UNC / remote drive / nfs, cifs …)?
    `mounts` is the text of /proc/self/mounts (read when None)."""
    s = str(path)
    if os.name == "nt" and mounts is None:  # pragma: no cover - Windows
        if s.startswith("\\\\") or s.startswith("//"):
            return True
        try:
            import ctypes

            root = os.path.splitdrive(os.path.abspath(s))[0] + "\\"
            return ctypes.windll.kernel32.GetDriveTypeW(root) == 4  # DRIVE_REMOTE
        except Exception:  # noqa: BLE001
            return False
    try:
        real = os.path.realpath(s) if mounts is None else s
        best, fstype = "", ""
        if mounts is None:
            with open("/proc/self/mounts", encoding="utf-8") as f:
                mounts = f.read()
        for line in mounts.splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue
            mnt = parts[1].replace("\\040", " ")
            if (real == mnt or real.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                best, fstype = mnt, parts[2]
        return fstype in _NETWORK_FS
    except OSError:
        return False


def _connect_hook(network: bool):
    def _on_connect(dbapi_conn, _record):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            if network:
                # WAL needs shared memory, which does not work across computers: on a
                # share use the rollback journal, whose file locks SMB/NFS do honour.
                cur.execute("PRAGMA journal_mode=DELETE")
                cur.execute("PRAGMA synchronous=FULL")
            else:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.OperationalError:
            pass  # read-only media: the journal mode cannot be changed; reading still works
        cur.close()

    return _on_connect


def _uri(path: Path, **params: str) -> str:
    q = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(path.as_posix())}" + (f"?{q}" if q else "")


def make_engine(path: Path, *, readonly: bool = False, immutable: bool = False) -> Engine:
    if readonly:
        params = {"mode": "ro"}
        if immutable:  # read-only folder: SQLite could not create the WAL index files
            params["immutable"] = "1"
        uri = _uri(path, **params)
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            ),
            poolclass=QueuePool,
        )
    else:
        url = f"sqlite+pysqlite:///{path.as_posix()}"
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _connect_hook(is_network_path(path)))
    return engine


class Ledger:
    """An open ledger: its path, engine and a session factory.

    `readonly` is True when opened read-only on request or because the ledger could not
    be opened for writing; `readonly_reason` then says why in Chinese (for the window's
    banner) and `lock_holder` names the other instance when that is the reason."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        readonly: bool = False,
        lock: locking.LedgerLock | None = None,
        readonly_reason: str = "",
        lock_holder: locking.LockInfo | None = None,
    ):
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self.lock = lock
        self.lock_holder = lock_holder
        self.warnings: list[str] = []  # things the user should know (e.g. backup failed)
        self.Session = sessionmaker(engine, expire_on_commit=False, info={"ledger": self})
        self.operator: str | None = None  # named operator for the audit log, else OS user
        self._closed = False
        self._identity = _file_identity(path)
        _install_guards(self)
        from partydesk import audit

        audit.install(self)

    def check_writable(self) -> None:
        """Raise LedgerReadOnlyError when this ledger must not be written."""
        self.check_unmoved()
        if self.readonly:
            raise LedgerReadOnlyError(
                self.readonly_reason or f"账本以只读方式打开，不能修改：{self.path}。"
            )
        if self.lock is not None and self.lock.lost:
            raise LedgerReadOnlyError(
                "账本已被另一个 PartyDesk 接管（本机可能休眠过久）。为避免两处同时修改，"
                "本窗口不再保存修改，请关闭后重新打开。"
            )

    def check_unmoved(self) -> None:
        """The file was deleted, renamed or replaced while open: writing on would put the
        work into a file nobody will find again (SQLite does not notice in WAL mode)."""
        if self._identity is not None and _file_identity(self.path) != self._identity:
            raise LedgerReadOnlyError(_moved_msg(self.path))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on any error."""
        s = self.Session()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None and not self._closed:
            self.lock.release()
        self._closed = True

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else None


def _moved_msg(path: Path) -> str:
    return (
        f"账本文件已被移动、改名或删除：{path}。本次修改未保存。"
        "请关闭 PartyDesk，找回账本文件（或从备份恢复）后再打开。"
    )


def _install_guards(ledger: Ledger) -> None:
    """Refuse ORM writes to a read-only ledger before SQL is sent, and turn SQLite errors
    a user can cause into LedgerError subclasses (Chinese message, no traceback)."""

    @event.listens_for(ledger.Session, "before_flush")
    def _guard(session, _ctx, _instances):
        if session.new or session.dirty or session.deleted:
            ledger.check_writable()

    @event.listens_for(ledger.engine, "commit")
    def _before_commit(conn):
        if ledger.readonly:
            return
        try:
            wrote = conn.connection.driver_connection.in_transaction
        except Exception:  # noqa: BLE001
            wrote = True
        if wrote:  # sqlite3 only opens a transaction for writes
            ledger.check_unmoved()

    @event.listens_for(ledger.engine, "handle_error")
    def _translate(ctx):
        exc = translate_sqlite_error(ctx.original_exception, ledger.path, ledger)
        if exc is not None:
            raise exc from ctx.original_exception


def translate_sqlite_error(
    exc: BaseException, path: Path, ledger: Ledger | None = None
) -> LedgerError | None:
    """The LedgerError to show for a DB-API or OS error a user can cause, else None."""
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        return DiskFullError(_disk_full_msg(path))
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code is None:
        return None
    primary = code & 0xFF
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFullError(_disk_full_msg(path))
    if primary == sqlite3.SQLITE_READONLY:
        if code == 1032:  # SQLITE_READONLY_DBMOVED
            return LedgerReadOnlyError(_moved_msg(path))
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
        return _damaged(path, str(exc))
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LedgerError(f"账本正忙（另一个程序正在写入）：{path}。请稍后再试；本次修改未保存。")
    return None


def _disk_full_msg(path: Path) -> str:
    return (
        f"磁盘空间已满，本次修改未能保存：{path}。已保存的数据不受影响。"
        "请清理磁盘（删除不需要的文件或旧备份）后再试。"
    )


def _damaged(path: Path, detail: str) -> LedgerDamagedError:
    try:
        from partydesk import backup

        good = backup.find_good_backup(path)
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


def backup_copy(src: Path, dest: Path) -> Path:
    """Copy a ledger with SQLite's online backup API (consistent even while open).
    Prefer partydesk.backup.make_backup, which verifies, names and rotates backups."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    s = sqlite3.connect(_uri(src, mode="ro"), uri=True)
    try:
        d = sqlite3.connect(dest)
        try:
            s.backup(d)
        finally:
            d.close()
    finally:
        s.close()
    return dest


def _writable(p: Path) -> bool:
    folder_ok = os.access(p.parent, os.W_OK | os.X_OK)
    return folder_ok and (not p.exists() or os.access(p, os.W_OK))


def open_ledger(
    path: str | Path | None = None,
    *,
    create: bool = False,
    readonly: bool = False,
    upgrade: bool = True,
    daily_backup: str = "open",
) -> Ledger:
    """Open (or with `create`, create) the ledger at `path`, upgrading its schema to the
    newest revision after writing a backup.

    The day's first backup (made once a day, verified; 7–10 s at 300,000 people) is made
    here with `daily_backup="open"`; with "first_write" just before this process first
    changes the ledger (a command that only reads never waits for it); with "later" the
    caller makes it (`backup.auto_on_open`), as the window does in the background.

    When another PartyDesk holds the ledger, or the file or folder is read-only, the
    ledger opens read-only (`ledger.readonly`, `ledger.readonly_reason`) instead of
    failing. Raises LedgerError with a Chinese message when the file is missing or not a
    ledger, LedgerDamagedError (with the newest good backup) when it is damaged.
    """
    from partydesk.ledger import migrate

    p = Path(path) if path is not None else default_ledger_path()
    p = p.expanduser()
    created = not p.exists()
    if created:
        if not create:
            raise LedgerError(f"账本文件不存在：{p}。请检查路径，或先用 partydesk init 新建账本。")
        if readonly:
            raise LedgerError(f"账本文件不存在：{p}，无法以只读方式新建。")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LedgerError(f"无法创建账本所在文件夹：{p.parent}（{e.strerror}）。") from e
    elif p.is_dir():
        raise LedgerError(f"{p} 是一个文件夹，不是账本文件。")
    else:
        _check_sqlite_header(p)
        if p.stat().st_size == 0:
            # An emptied file (a failed copy, a disk fault) must not silently become a new,
            # empty ledger while its backups hold years of work.
            dmg = _damaged(p, "文件是空的，0 字节")
            if dmg.backup is not None:
                raise dmg

    reason, holder, lk = "", None, None
    folder_writable = os.access(p.parent, os.W_OK | os.X_OK)
    if not readonly:
        if not _writable(p):
            if created:
                raise LedgerError(f"账本所在文件夹是只读的，无法新建账本：{p.parent}。")
            readonly = True
            reason = (
                f"账本文件或所在文件夹是只读的：{p}。本次以只读方式打开，可以查看和打印，"
                "不能修改。要修改，请把账本复制到可写的位置，或取消只读属性后重新打开。"
            )
        else:
            try:
                lk, holder = locking.acquire(p)
            except OSError as e:
                if created:
                    raise LedgerError(
                        f"无法在账本所在文件夹写入：{p.parent}（{e.strerror}）。"
                    ) from e
                readonly = True
                reason = (
                    f"无法在账本所在文件夹写入（{e.strerror}）：{p.parent}。"
                    "本次以只读方式打开，不能修改。"
                )
            if holder is not None:
                readonly = True
                reason = (
                    f"账本正在被{holder.describe()}使用。为避免两处同时修改造成数据丢失，"
                    "本次以只读方式打开，可以查看和打印，不能修改。"
                    "请在另一处关闭 PartyDesk 后重新打开。"
                )

    engine = make_engine(p, readonly=readonly, immutable=readonly and not folder_writable)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if not created:
                rows = conn.exec_driver_sql("PRAGMA quick_check(5)").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    raise _damaged(p, "; ".join(str(r[0]) for r in rows))
        insp = inspect(engine)
        if not insp.has_table("alembic_version") and (not create or insp.get_table_names()):
            # Another program's database (or an empty file): never "upgrade" it into a ledger.
            raise LedgerError(f"{p} 不是 PartyDesk 账本（缺少版本信息）。")
        if upgrade and not readonly:
            migrate.upgrade_to_head(engine, p)
        elif not inspect(engine).has_table("alembic_version"):
            raise LedgerError(f"{p} 不是 PartyDesk 账本（缺少版本信息）。")
        elif upgrade and readonly and migrate.current_revision(engine) != migrate.head_revision():
            raise LedgerError(
                f"账本 {p} 的版本与本程序不一致，需要升级，但现在只能以只读方式打开"
                f"（{reason or '按要求只读'}）。请在可写入时打开一次以完成升级。"
            )
    except LedgerError:
        engine.dispose()
        if lk is not None:
            lk.release()
        raise
    except (OperationalError, DatabaseError) as e:
        engine.dispose()
        if lk is not None:
            lk.release()
        translated = translate_sqlite_error(e.orig, p) if e.orig is not None else None
        if isinstance(translated, LedgerDamagedError):
            raise translated from e
        if not isinstance(e, OperationalError):
            raise _damaged(p, str(e.orig)) from e
        if translated is not None:
            raise translated from e
        raise LedgerError(_explain_operational(p, e)) from e
    except BaseException:
        engine.dispose()
        if lk is not None:
            lk.release()
        raise
    ledger = Ledger(
        p, engine, readonly=readonly, lock=lk, readonly_reason=reason, lock_holder=holder
    )
    if not readonly and not created and daily_backup == "open":
        _daily_backup(ledger)
    elif not readonly and not created and daily_backup == "first_write":
        _daily_backup_before_first_write(ledger)
    for hook in ON_OPEN:
        hook(ledger)
    return ledger


def _daily_backup(ledger: Ledger) -> None:
    from partydesk import backup

    try:
        backup.auto_on_open(ledger)
    except LedgerError as e:  # a failed daily backup must not keep the user out
        ledger.warnings.append(str(e))


def _daily_backup_before_first_write(ledger: Ledger) -> None:
    """Make the daily backup when a session of `ledger` first writes: at its first flush
    with changes, or its first INSERT/UPDATE/DELETE statement."""
    from sqlalchemy import event

    done = False

    def before_write() -> None:
        nonlocal done
        if not done:
            done = True
            _daily_backup(ledger)

    @event.listens_for(ledger.Session, "before_flush")
    def _flush(session, flush_context, instances) -> None:
        if session.new or session.dirty or session.deleted:
            before_write()

    @event.listens_for(ledger.Session, "do_orm_execute")
    def _execute(state) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            before_write()


def _check_sqlite_header(p: Path) -> None:
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except PermissionError as e:
        raise LedgerError(f"没有权限读取账本文件：{p}。") from e
    except OSError as e:
        raise LedgerError(f"无法读取账本文件：{p}（{e.strerror}）。") from e
    if head and head != b"SQLite format 3\x00":
        raise LedgerError(f"{p} 不是 PartyDesk 账本文件（文件格式不对）。")


def _explain_operational(p: Path, e: OperationalError) -> str:
    msg = str(e.orig).lower()
    if "locked" in msg or "busy" in msg:
        return f"账本正被其他程序使用：{p}。请关闭另一个 PartyDesk 后再试。"
    if "readonly" in msg or "read-only" in msg:
        return f"账本文件或所在文件夹是只读的：{p}。请复制到可写的位置后再打开。"
    if "unable to open" in msg:
        return f"无法打开账本文件：{p}。请检查文件夹是否存在、是否有写入权限。"
    if "disk" in msg and "full" in msg:
        return f"磁盘空间已满，无法写入账本：{p}。请清理磁盘后再试。"
    return f"打开账本时出错：{p}（{e.orig}）。"


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
