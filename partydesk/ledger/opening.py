"""Opening a ledger (账本的打开): the one place that puts the pieces together.

`open_ledger` checks the file, takes the one-writer lock (or opens read-only), runs a
quick integrity check, backs up and migrates an older ledger, installs the audit log and
makes the daily backup. Long because the order of those steps is itself the safety rule
(nothing is migrated or written before the file is checked and locked), read in one
place. It sits above `db` (engine, sessions, guards), `migrate` (Alembic)
and `partydesk.backup` (the backup policy); none of those imports this module.

Long because both kinds of ledger are opened here with the same hooks: a ledger file (its
checks, lock, private copy and upgrade) and a ledger on a PostgreSQL server
(`open_server_ledger`).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from partydesk import audit, backup, tempfiles
from partydesk.backup import leftovers
from partydesk.errors import LedgerError
from partydesk.ledger import cipher, dialect, migrate, paths, server
from partydesk.ledger import lock as locking
from partydesk.ledger.db import Ledger
from partydesk.ledger.engine import make_engine
from partydesk.ledger.errors import LedgerDamagedError, damaged, translate_sqlite_error
from partydesk.ledger.paths import default_ledger_path

# Hooks run after a ledger is opened; each is called with the Ledger. Features append to
# this list at import time.
ON_OPEN: list[Callable[[Ledger], None]] = []


def _damaged(path: Path, detail: str) -> LedgerDamagedError:
    return damaged(path, detail, backup.find_good_backup)


def _writable(p: Path) -> bool:
    folder_ok = os.access(p.parent, os.W_OK | os.X_OK)
    return folder_ok and (not p.exists() or os.access(p, os.W_OK))


def open_ledger(
    path: str | Path | None = None,
    *,
    create: bool = False,
    readonly: bool = False,
    upgrade: bool = True,
    passphrase: str | None = None,
    daily_backup: str = "open",
    file_check: str = "open",
) -> Ledger:
    """Open (or with `create`, create) the ledger at `path`, upgrading its schema to the
    newest revision after writing a backup.

    The day's first backup (made once a day, verified; 7–10 s at 300,000 people) is made
    here with `daily_backup="open"`; with "first_write" just before this process first
    changes the ledger (a command that only reads never waits for it); with "later" the
    caller makes it (`opening.daily_backup`), as the window does in the background.

    The quick integrity check of the file (0.5 s at 300,000 people) runs here with
    `file_check="open"`; with "later" the caller runs `check_file(ledger)` (the window,
    in the background once the rows are shown) and every write waits for its verdict, so
    a damaged file is never written. A ledger that needs upgrading is checked here either
    way, before its schema is touched.

    When another PartyDesk holds the ledger, or the file or folder is read-only, the
    ledger opens read-only (`ledger.readonly`, `ledger.readonly_reason`) instead of
    failing. Raises LedgerError with a Chinese message when the file is missing or not a
    ledger, LedgerDamagedError (with the newest good backup) when it is damaged.
    """
    if path is not None and server.is_server_url(path):
        return open_server_ledger(
            server.parse(path), create=create, readonly=readonly, upgrade=upgrade
        )
    if path is not None and paths.looks_like_url(os.fspath(path)):
        raise LedgerError(
            f"账本路径“{path}”看起来是网址，不是文件路径。PartyDesk 打开本机或共享文件夹中的"
            "账本文件（例如 D:\\台账\\ledger.partydesk 或 /home/用户/台账.partydesk），"
            "或 PostgreSQL 服务器上的账本（postgresql://用户名@服务器:端口/数据库名）。"
        )
    tempfiles.clean_once()
    if passphrase:
        cipher.offer(passphrase)
    p = Path(path) if path is not None else default_ledger_path()
    p = p.expanduser()
    created = not p.exists()
    if created and create and not readonly:
        _refuse_replacing_a_lost_ledger(p)
    if created:
        if not create:
            raise LedgerError(f"账本文件不存在：{p}。请检查路径，或先用 partydesk init 新建账本。")
        if readonly:
            raise LedgerError(f"账本文件不存在：{p}，无法以只读方式新建。")
        try:
            paths.private_folder(p.parent)
        except OSError as e:
            raise LedgerError(f"无法创建账本所在文件夹：{p.parent}（{e.strerror}）。") from e
    elif p.is_dir():
        raise LedgerError(f"{p} 是一个文件夹，不是账本文件。")
    else:
        head = b"" if cipher.is_encrypted(p) else _check_sqlite_header(p)
        if cipher.is_encrypted(p):
            cipher.key_for(p)  # PassphraseError (one line) when locked or wrong
        elif not head or not head.strip(b"\0"):
            # An emptied or zeroed file (a failed copy, a disk fault) must not silently
            # become a new, empty ledger while its backups hold years of work.
            raise _damaged(p, "文件是空的，0 字节" if not head else "文件内容全是 0")

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

    private_copy = None
    if readonly and not folder_writable and _has_wal(p):
        # SQLite cannot read a WAL where it cannot make its index (-shm); immutable mode
        # would ignore the WAL and show stale data. Read a private copy of both instead.
        private_copy = _private_copy(p)
    elif created and not readonly:
        paths.private_file(p)
        if passphrase:
            _create_encrypted(p, passphrase)
    elif not readonly:
        paths.make_private(p)
    checked_at = None
    engine = make_engine(
        private_copy or p,
        readonly=readonly,
        immutable=readonly and not folder_writable and private_copy is None,
    )
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            later = file_check == "later" and not readonly and _is_current(conn)
            if not created and not later:
                _quick_check(conn, p)
                checked_at = time.monotonic()
        insp = inspect(engine)
        if not insp.has_table("alembic_version") and (not create or insp.get_table_names()):
            # Another program's database (or an empty file): never "upgrade" it into a ledger.
            raise LedgerError(f"{p} 不是 PartyDesk 账本（缺少版本信息）。")
        if upgrade and not readonly:
            _upgrade(engine, p)
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
        translated = (
            translate_sqlite_error(e.orig, p, find_backup=backup.find_good_backup)
            if e.orig is not None
            else None
        )
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
    finally:
        if private_copy is not None and not _ok_so_far():
            shutil.rmtree(private_copy.parent, ignore_errors=True)
    ledger = Ledger(
        p, engine, readonly=readonly, lock=lk, readonly_reason=reason, lock_holder=holder
    )
    ledger.quick_checked_at = checked_at
    if not created and checked_at is None:
        ledger.file_checked = threading.Event()  # writes wait for check_file
    if private_copy is not None:
        ledger.on_close.append(lambda: shutil.rmtree(private_copy.parent, ignore_errors=True))
    ledger.find_backup = backup.find_good_backup
    audit.install(ledger)
    if not readonly:
        leftovers.clean(p)
    if not readonly and not created and daily_backup == "open":
        _daily_backup(ledger)
    elif not readonly and not created and daily_backup == "first_write":
        _daily_backup_before_first_write(ledger)
    for hook in ON_OPEN:
        hook(ledger)
    return ledger


def open_server_ledger(
    address: server.ServerAddress,
    *,
    create: bool = False,
    readonly: bool = False,
    upgrade: bool = True,
    exclusive: bool = False,
) -> Ledger:
    """Open the ledger in a PostgreSQL database (with `create`, make the schema in an
    empty one; with `exclusive` too, refuse one that already holds a ledger). Many clerks share a server ledger at once, so there is no one-writer lock:
    the server serializes their transactions. A ledger with content is not backed up on
    opening (a snapshot of a county's ledger is `partydesk backup`'s work, see
    partydesk.backup.server)."""
    from sqlalchemy.exc import DBAPIError

    engine = server.make_engine(address)
    try:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1").scalar()
        except DBAPIError as e:
            if server.needs_password(e.orig):
                raise server.PasswordNeeded(server.explain(address, e.orig), address) from None
            raise LedgerError(server.explain(address, e.orig)) from None
        insp = inspect(engine)
        tables = insp.get_table_names()
        if exclusive and insp.has_table("alembic_version"):
            raise LedgerError(
                f"账本已存在：{address.describe()}。如需打开请直接使用，不会覆盖已有账本。"
            )
        if not insp.has_table("alembic_version"):
            if tables:
                raise LedgerError(f"{address.describe()}不是 PartyDesk 账本（里面已有别的表）。")
            if not create:
                raise LedgerError(
                    f"{address.describe()}还是空的，不是账本。请先用“partydesk init --ledger "
                    f"{address.url}”在其中新建账本。"
                )
            if readonly:
                raise LedgerError(f"{address.describe()}还是空的，无法以只读方式新建账本。")
        cur = migrate.current_revision(engine)
        head = migrate.head_revision()
        if cur is not None and cur != head and not migrate.is_known(cur):
            raise LedgerError(
                f"{address.describe()}是更新版本的 PartyDesk 写的（账本版本 {cur}），"
                f"本程序只认识到 {head}。为免损坏数据，没有打开它。请安装新版本的 PartyDesk。"
            )
        if cur != head:
            if readonly or not upgrade:
                raise LedgerError(
                    f"{address.describe()}的版本与本程序不一致，需要升级，但现在是只读打开。"
                    "请以可写方式打开一次以完成升级。"
                )
            migrate.upgrade(engine, "head")
    except BaseException:
        engine.dispose()
        raise
    ledger = Ledger(address.anchor(), engine, readonly=readonly)
    ledger.server = address
    ledger.find_backup = backup.find_good_backup
    audit.install(ledger)
    for hook in ON_OPEN:
        hook(ledger)
    return ledger


def _quick_check(conn, p: Path) -> None:
    rows = dialect.quick_check(conn)
    if rows != ["ok"]:
        raise _damaged(p, "; ".join(rows))


def _is_current(conn) -> bool:
    """The ledger is at this program's schema (nothing to migrate)."""
    try:
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    except (OperationalError, DatabaseError):
        return False
    return row is not None and row[0] == migrate.head_revision()


def quick_check(ledger: Ledger) -> None:
    """The quick integrity check of the ledger's file, on a connection of its own;
    LedgerDamagedError (naming the newest good backup) when the file is damaged."""
    with ledger.engine.connect() as conn:
        _quick_check(conn, ledger.path)
    ledger.quick_checked_at = time.monotonic()


def check_file(ledger: Ledger) -> LedgerDamagedError | None:
    """The quick integrity check that `open_ledger(file_check="later")` left out, on a
    connection of its own (callable from a worker thread). A damaged file switches the
    ledger to read-only with the reason (and the newest good backup) for the window's
    banner; writes waiting for the verdict then fail with that reason. Returns the
    damage found (what opening would have raised), None for a sound file."""
    done = ledger.file_checked
    try:
        quick_check(ledger)
    except LedgerDamagedError as e:
        ledger.make_read_only(f"{e}本次以只读方式打开，可以查看和打印，不能修改。")
        return e
    except (OperationalError, DatabaseError) as e:
        ledger.make_read_only(
            f"账本完整性检查未能完成（{e.orig}），文件可能已损坏。为保护数据，本次以只读方式打开。"
        )
    finally:
        if done is not None:
            done.set()
    return None


def _refuse_replacing_a_lost_ledger(p: Path) -> None:
    """A ledger that has backups but whose file is gone was lost (deleted, moved, a USB
    stick not plugged in): offer its backup instead of starting a new, empty one."""
    good = backup.find_good_backup(p)
    if good is not None:
        raise LedgerDamagedError(
            f"账本文件不见了：{p}（可能被删除、移走，或U盘没有插好）。为免用一个空账本顶替它，"
            f"程序没有新建账本。最新的完好备份是 {good.path}（{good.created:%Y-%m-%d %H:%M}）；"
            f"可以用“partydesk restore {good.path}”或在程序中恢复；"
            "找回了原文件，放回原处后重新打开即可。",
            p,
            good,
        )


def _check_sqlite_header(p: Path) -> bytes:
    """The file's first 16 bytes (b"" for an empty file, zeros for a zeroed one); raises
    LedgerError for another kind of file."""
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except PermissionError as e:
        raise LedgerError(f"没有权限读取账本文件：{p}。") from e
    except OSError as e:
        raise LedgerError(f"无法读取账本文件：{p}（{e.strerror}）。") from e
    if head and head.strip(b"\0") and head != b"SQLite format 3\x00":
        raise LedgerError(f"{p} 不是 PartyDesk 账本文件（文件格式不对）。")
    return head


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


class LedgerUpgradeError(LedgerDamagedError):
    """The schema upgrade failed. Every step ran in one transaction, so the ledger is as it
    was; `backup` is the pre-upgrade backup, which the window offers to restore."""


def _upgrade(engine, path: Path) -> bool:
    """Upgrade to the newest schema; a ledger with content is backed up first (reason
    "migrate": verified, in the backup folder). True when anything was migrated."""
    cur = migrate.current_revision(engine)
    head = migrate.head_revision()
    if cur == head:
        return False
    if cur is not None and not migrate.is_known(cur):
        raise LedgerError(
            f"账本 {path} 是更新版本的 PartyDesk 写的（账本版本 {cur}），本程序只认识到 {head}。"
            "为免损坏数据，没有打开它。请安装新版本的 PartyDesk 后再打开。"
        )
    pre = None
    if cur is not None and path.exists() and path.stat().st_size > 0:
        pre = backup.backup_before_migration(path, cur, head)
    try:
        migrate.upgrade(engine, "head")
    except Exception as e:  # noqa: BLE001 - any failure: the transaction was rolled back
        engine.dispose()
        raise _upgrade_failed(path, e, pre) from e
    return True


def _upgrade_failed(path: Path, e: Exception, pre) -> LedgerUpgradeError:
    orig = getattr(e, "orig", None) or e
    translated = translate_sqlite_error(orig, path)
    why = str(translated) if translated is not None else str(orig)
    if translated is not None and "磁盘空间已满" in why:
        why = "磁盘空间已满"
    msg = f"账本升级到新版本时出错（{why}）：{path}。升级没有完成，账本保持升级前的样子，没有改动。"
    if pre is not None:
        msg += (
            f"升级前的备份是 {pre.path}；清理磁盘等原因排除后重新打开即可再试，"
            f"也可以用“partydesk restore {pre.path}”恢复这份备份。"
        )
    return LedgerUpgradeError(msg, path, pre)


def daily_backup(ledger: Ledger) -> None:
    """The daily backup (at most once a day), callable from a worker thread. Its full
    integrity check is the one that finds damage the quick check on opening misses: the
    ledger is then switched to read-only, with the reason for the window's banner. Any
    other failure only becomes a warning (it must not keep the user out). A server
    ledger is not backed up on opening: its snapshots are `partydesk backup`'s."""
    if ledger.is_server:
        return
    try:
        backup.auto_on_open(ledger)
    except backup.BackupCheckError as e:
        good = backup.find_good_backup(ledger.path)
        where = (
            f"最新的完好备份是 {good.path}（{good.created:%Y-%m-%d %H:%M}），"
            "可在“备份与恢复”中恢复。"
            if good is not None
            else "请把账本文件复制一份交给技术人员。"
        )
        ledger.make_read_only(
            f"账本完整性检查未通过（{e.details}），文件可能已损坏。为保护数据，本次以只读方式打开，"
            "可以查看和打印，"
            f"不能修改。{where}"
        )
    except LedgerError as e:
        ledger.warnings.append(str(e))


_daily_backup = daily_backup  # open_ledger's parameter of that name hides it there


def _daily_backup_before_first_write(ledger: Ledger) -> None:
    """Make the daily backup when a session of `ledger` first writes: at its first flush
    with changes, or its first INSERT/UPDATE/DELETE statement."""
    from sqlalchemy import event

    done = False

    def before_write() -> None:
        nonlocal done
        if not done:
            done = True
            daily_backup(ledger)

    @event.listens_for(ledger.Session, "before_flush")
    def _flush(session, flush_context, instances) -> None:
        if session.new or session.dirty or session.deleted:
            before_write()

    @event.listens_for(ledger.Session, "do_orm_execute")
    def _execute(state) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            before_write()


def _has_wal(p: Path) -> bool:
    try:
        return p.with_name(p.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _private_copy(p: Path) -> Path:
    """Copy the ledger and its WAL into a private temporary folder (0700)."""
    d = tempfiles.new_dir("readonly")
    copy = d / p.name
    try:
        shutil.copyfile(p, copy)
        shutil.copyfile(p.with_name(p.name + "-wal"), d / (p.name + "-wal"))
        os.chmod(copy, 0o600)
    except OSError as e:
        shutil.rmtree(d, ignore_errors=True)
        raise LedgerError(f"无法读取账本文件：{p}（{e.strerror}）。") from e
    return copy


def _ok_so_far() -> bool:
    """True while no exception is propagating (for the `finally` above)."""
    return sys.exc_info()[0] is None


def _create_encrypted(p: Path, passphrase: str) -> None:
    """Write the empty new file's SQLCipher header (its salt), so that every connection
    after this finds it encrypted with the key derived from `passphrase`."""
    key, salt = cipher.new_key(passphrase)
    conn = cipher.connect_raw(p, key, salt)
    try:
        conn.execute("CREATE TABLE partydesk_init (x)")
        conn.execute("DROP TABLE partydesk_init")
        conn.commit()
    finally:
        conn.close()
