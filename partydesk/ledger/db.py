"""Opening a ledger: engine and session set-up, automatic migration with a backup first.

A ledger is one SQLite file. Nothing here is SQLite-only SQL except the connection pragmas,
so the same models can run on PostgreSQL later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from partydesk.errors import LedgerError

LEDGER_FILENAME = "ledger.partydesk"
BUSY_TIMEOUT_MS = 5000

# Hooks run after a ledger is opened (e.g. the audit log's session listener); each is
# called with the Ledger. Features append to this list at import time.
ON_OPEN: list[Callable[[Ledger], None]] = []


def default_ledger_path() -> Path:
    """The user's data folder (platformdirs), e.g. ~/.local/share/PartyDesk/ledger.partydesk."""
    from platformdirs import user_data_path

    return user_data_path("PartyDesk", appauthor=False) / LEDGER_FILENAME


def _on_connect(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        pass  # read-only media: WAL cannot be set up; rollback journal still works
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    if readonly:
        url = f"sqlite+pysqlite:///file:{path.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite+pysqlite:///{path.as_posix()}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    return engine


class Ledger:
    """An open ledger: its path, engine and a session factory."""

    def __init__(self, path: Path, engine: Engine, *, readonly: bool = False):
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self.operator: str | None = None  # named operator for the audit log, else OS user

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

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def backup_copy(src: Path, dest: Path) -> Path:
    """Copy a ledger with SQLite's online backup API (consistent even while open)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    s = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        d = sqlite3.connect(dest)
        try:
            s.backup(d)
        finally:
            d.close()
    finally:
        s.close()
    return dest


def open_ledger(
    path: str | Path | None = None,
    *,
    create: bool = False,
    readonly: bool = False,
    upgrade: bool = True,
) -> Ledger:
    """Open (or with `create`, create) the ledger at `path`, upgrading its schema to the
    newest revision after writing a backup copy beside it.

    Raises LedgerError with a Chinese message when the file is missing, not a ledger,
    or damaged.
    """
    from partydesk.ledger import migrate

    p = Path(path) if path is not None else default_ledger_path()
    p = p.expanduser()
    if not p.exists():
        if not create:
            raise LedgerError(f"账本文件不存在：{p}。请检查路径，或先用 partydesk init 新建账本。")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LedgerError(f"无法创建账本所在文件夹：{p.parent}（{e.strerror}）。") from e
    elif p.is_dir():
        raise LedgerError(f"{p} 是一个文件夹，不是账本文件。")
    else:
        _check_sqlite_header(p)

    engine = make_engine(p, readonly=readonly)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        insp = inspect(engine)
        if not insp.has_table("alembic_version") and (not create or insp.get_table_names()):
            # Another program's database (or an empty file): never "upgrade" it into a ledger.
            raise LedgerError(f"{p} 不是 PartyDesk 账本（缺少版本信息）。")
        if upgrade and not readonly:
            migrate.upgrade_to_head(engine, p)
        elif not inspect(engine).has_table("alembic_version"):
            raise LedgerError(f"{p} 不是 PartyDesk 账本（缺少版本信息）。")
    except LedgerError:
        engine.dispose()
        raise
    except OperationalError as e:
        engine.dispose()
        raise LedgerError(_explain_operational(p, e)) from e
    except DatabaseError as e:
        engine.dispose()
        raise LedgerError(f"账本文件已损坏或不是账本：{p}（{e.orig}）。请从备份恢复。") from e
    ledger = Ledger(p, engine, readonly=readonly)
    for hook in ON_OPEN:
        hook(ledger)
    return ledger


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
