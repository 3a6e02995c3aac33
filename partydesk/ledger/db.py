"""An open ledger: its engine, sessions, one-writer lock and the guards on writing.

Opening (checks, migration, the daily backup) is `partydesk.ledger.opening`, above this
module; nothing here knows the backup policy. Safety here: ORM writes to a read-only
ledger are refused before SQL is sent; SQLite errors a user can cause (disk full,
read-only, file moved away, I/O error) become LedgerError subclasses with a Chinese
message — SQLite has then rolled the transaction back, so the last good state is kept.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from partydesk.ledger import lock as locking
from partydesk.ledger import paths

# Re-exported: callers import these from here.
from partydesk.ledger.engine import make_engine  # noqa: F401
from partydesk.ledger.errors import (  # noqa: F401
    ConflictError,
    DiskFullError,
    LedgerDamagedError,
    LedgerError,
    LedgerReadOnlyError,
    moved_msg,
    translate_sqlite_error,
)
from partydesk.ledger.paths import (  # noqa: F401
    BUSY_TIMEOUT_MS,
    LEDGER_FILENAME,
    default_ledger_path,
    is_network_path,
)

# How long a write waits for the file check that runs after opening (0.5 s at 300,000
# people on an idle machine; far longer only on a very slow disk).
FILE_CHECK_WAIT_S = 120.0


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
        # time.monotonic() of the last quick_check that found the file sound (the opener's)
        self.quick_checked_at: float | None = None
        # Set while the file's quick check runs after opening (opening.check_file):
        # a write waits for it, so nothing is written to a file found damaged.
        self.file_checked: threading.Event | None = None
        self.Session = sessionmaker(engine, expire_on_commit=False, info={"ledger": self})
        self.operator: str | None = None  # named operator for the audit log, else OS user
        self._closed = False
        self._identity = _file_identity(path)
        # Set by the opener: finds the newest good backup when the file turns out damaged.
        self.find_backup = None
        # The server's address when the ledger is on PostgreSQL (then `path` is only a
        # local stand-in: where its backups and key file go).
        self.server = None
        self.on_close: list[Callable[[], None]] = []  # e.g. remove a private copy
        _install_guards(self)

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @property
    def location(self) -> str:
        """What the user calls this ledger: its file path, or its server address."""
        return str(self.server) if self.server is not None else str(self.path)

    def check_writable(self) -> None:
        """Raise LedgerReadOnlyError when this ledger must not be written."""
        if self.file_checked is not None:
            self.file_checked.wait(FILE_CHECK_WAIT_S)
        self.check_unmoved()
        if self.readonly:
            raise LedgerReadOnlyError(
                self.readonly_reason or f"账本以只读方式打开，不能修改：{self.location}。"
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
            raise LedgerReadOnlyError(moved_msg(self.path))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on any error. A record another
        clerk saved between this session's read and its write is ConflictError."""
        s = self.Session()
        try:
            yield s
            s.commit()
        except StaleDataError:
            s.rollback()
            raise ConflictError() from None
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def make_read_only(self, reason: str) -> None:
        """From now on refuse every write (PRAGMA query_only on each connection), e.g.
        when the full integrity check finds the file damaged after it was opened."""
        self.readonly = True
        self.readonly_reason = reason
        self.engine.dispose()  # pooled connections come back with query_only set

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None and not self._closed:
            self.lock.release()
        if not self._closed:
            for done in self.on_close:
                done()
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


def _install_guards(ledger: Ledger) -> None:
    """Refuse ORM writes to a read-only ledger before SQL is sent, and turn SQLite errors
    a user can cause into LedgerError subclasses (Chinese message, no traceback)."""

    @event.listens_for(ledger.Session, "before_flush")
    def _guard(session, _ctx, _instances):
        if session.new or session.dirty or session.deleted:
            ledger.check_writable()

    @event.listens_for(ledger.Session, "do_orm_execute")
    def _current_versions(state):
        # An UPDATE of rows by their keys (a list of values, executemany) is written
        # "WHERE version = …" like every ORM update: rows given without the version they
        # were read at are taken as they are stored now.
        rows = state.parameters
        mapper = state.bind_mapper
        if (
            not state.is_update
            or not isinstance(rows, list)
            or mapper is None
            or mapper.version_id_col is None
        ):
            return
        key = mapper.version_id_col.key
        missing = [r for r in rows if isinstance(r, dict) and key not in r and "id" in r]
        if not missing:
            return
        model = mapper.class_
        ids = [r["id"] for r in missing]
        stored: dict = {}
        for i in range(0, len(ids), 500):
            q = select(model.id, model.version).where(model.id.in_(ids[i : i + 500]))
            stored.update((rid, v) for rid, v in state.session.execute(q))
        for r in missing:
            r[key] = stored.get(r["id"], 1)

    @event.listens_for(ledger.engine, "connect")
    def _query_only(dbapi_conn, _record):
        if ledger.readonly:
            from partydesk.ledger import dialect

            cur = dbapi_conn.cursor()
            cur.execute(dialect.read_only_sql(ledger.engine))
            cur.close()
            if ledger.is_server:
                dbapi_conn.commit()

    @event.listens_for(ledger.engine, "commit")
    def _before_commit(conn):
        if ledger.readonly:
            return
        try:
            wrote = conn.connection.driver_connection.in_transaction
        except Exception:  # noqa: BLE001
            wrote = True
        if wrote and ledger.file_checked is not None:  # a write by SQL, not by a flush
            ledger.file_checked.wait(FILE_CHECK_WAIT_S)
            if ledger.readonly:
                raise LedgerReadOnlyError(ledger.readonly_reason)
        if wrote:  # sqlite3 only opens a transaction for writes
            ledger.check_unmoved()

    @event.listens_for(ledger.engine, "handle_error")
    def _translate(ctx):
        if ledger.is_server:
            from partydesk.ledger import server

            exc = server.translate_error(ctx.original_exception, ledger)
            if exc is not None:
                raise exc from ctx.original_exception
            return
        exc = translate_sqlite_error(ctx.original_exception, ledger.path, ledger)
        if exc is not None:
            raise exc from ctx.original_exception


def backup_copy(src: Path, dest: Path) -> Path:
    """Copy a ledger with SQLite's online backup API (consistent even while open).
    Prefer partydesk.backup.make_backup, which verifies, names and rotates backups."""
    paths.private_folder(dest.parent)
    s = paths.connect(src, mode="ro")
    try:
        paths.private_file(dest)
        d = paths.connect(dest, like=src)
        try:
            s.backup(d)
        finally:
            d.close()
    finally:
        s.close()
    return dest


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
