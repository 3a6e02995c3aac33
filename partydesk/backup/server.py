"""Backups of a server ledger (服务器账本的备份): a complete snapshot written as a SQLite
ledger file that any office opens offline, and the restore of such a file into an empty
server database.

The snapshot is read in one REPEATABLE READ READ ONLY transaction, so it is one
consistent moment of the server while other clerks go on writing. The file gets the
schema from the migrations (its search index is filled by the index's own triggers as
the rows go in), every table's rows as they are (ids, UUIDs, the audit log and its chain
unchanged), then the same integrity check, sync and rename as every backup.

A restore copies the rows the other way, in the order the references need; references
that may point forward (an organization's parent, a secretary chosen among the people)
are written after all rows are in. The id sequences then continue after the largest id.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.pool import NullPool

from partydesk.backup.files import BackupCheckError, BackupError, BackupInfo, name_for, table_counts
from partydesk.errors import LedgerError
from partydesk.ledger import dialect, migrate, paths

CHUNK = 5000


def _tables():
    from partydesk.ledger.models import Base

    return list(Base.metadata.sorted_tables)


def _file_engine(path: Path):
    """An engine on a new ledger file with its references unchecked while it is filled
    (the rows come in whatever order; the server had checked every one)."""
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: paths.connect(path), poolclass=NullPool
    )

    @event.listens_for(engine, "connect")
    def _fk_off(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")
        dbapi_conn.execute("PRAGMA journal_mode=DELETE")

    return engine


def snapshot(
    ledger, folder: Path, reason: str = "manual", now: datetime | None = None, progress=None
) -> BackupInfo:
    """Write the server ledger `ledger` as a verified SQLite ledger file in `folder`."""
    now = now or datetime.now()
    paths.private_folder(folder)
    final = name_for(ledger.path, now, reason, folder)
    tmp = final.with_name(f"{final.name}.{os.getpid()}.tmp")
    paths.private_file(tmp)
    dst = _file_engine(tmp)
    try:
        migrate.upgrade(dst, "head")
        with ledger.engine.connect() as src_conn:
            src_conn = src_conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with src_conn.begin(), dst.begin() as out:
                _copy_all(src_conn, out, progress)
        raw = paths.connect(tmp)
        try:
            check = [r[0] for r in raw.execute("PRAGMA integrity_check")]
            counts = table_counts(raw)
        finally:
            raw.close()
        dst.dispose()
        if check != ["ok"]:
            details = "; ".join(check[:3])
            raise BackupCheckError(f"备份校验未通过（{details}），未保存这份备份。", details)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BaseException as e:
        dst.dispose()
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise BackupError(f"备份失败（{folder}）：{e.strerror or e}。账本本身未受影响。") from e
        raise
    return BackupInfo(final, now.replace(microsecond=0), reason, counts, final.stat().st_size)


def _copy_all(src, dst, progress: Callable[[str, float], None] | None = None) -> None:
    """Every table's rows from `src` to `dst` (both Connections in a transaction); what
    the migrations seeded in `dst` is replaced."""
    tables = _tables()
    for t in reversed(tables):
        dst.execute(t.delete())
    for i, t in enumerate(tables):
        result = src.execution_options(yield_per=CHUNK).execute(select(t).order_by(*t.primary_key))
        for part in result.partitions(CHUNK):
            dst.execute(t.insert(), [dict(r._mapping) for r in part])
        if progress:
            progress(t.name, (i + 1) / len(tables))


def check_restorable(backup_file: str | Path) -> Path:
    """The backup file, when it can be loaded into a server: a good ledger file of this
    program's schema (an older one is opened once first, which upgrades it)."""
    from partydesk.backup.finding import verify
    from partydesk.ledger.engine import make_engine

    backup_file = Path(backup_file).expanduser()
    if not backup_file.is_file():
        raise BackupError(f"找不到备份文件：{backup_file}。")
    ok, why = verify(backup_file)
    if not ok:
        raise BackupError(f"备份文件不能用来恢复：{backup_file}（{why}）。服务器账本未改动。")
    engine = make_engine(backup_file, readonly=True)
    try:
        if migrate.current_revision(engine) != migrate.head_revision():
            raise LedgerError(
                f"备份文件 {backup_file} 是旧版本的账本：请先用本程序打开它一次（完成升级），"
                "再恢复到服务器。"
            )
    finally:
        engine.dispose()
    return backup_file


def restore_into_server(backup_file: str | Path, target, progress=None) -> dict[str, int]:
    """Load the ledger file `backup_file` (see `check_restorable`) into `target`, a
    server ledger just made in an empty database (`open_server_ledger(…, create=True,
    exclusive=True)`); {table: rows} written."""
    from partydesk.ledger.engine import make_engine

    src_engine = make_engine(Path(backup_file).expanduser(), readonly=True)
    try:
        with src_engine.connect() as src, target.engine.begin() as dst:
            written = _copy_into_server(src, dst, progress)
            dialect.sync_sequences(dst)
    finally:
        src_engine.dispose()
    return written


def _copy_into_server(src, dst, progress=None) -> dict[str, int]:
    """Rows from a ledger file into a server database whose references are checked at
    once: nullable references are written after every row is in."""
    tables = _tables()
    for t in reversed(tables):
        dst.execute(t.delete())
    later: list[tuple] = []
    written: dict[str, int] = {}
    for i, t in enumerate(tables):
        deferred = [
            c.name
            for c in t.columns
            if c.foreign_keys and c.nullable and not c.primary_key and "id" in t.c
        ]
        n = 0
        result = src.execution_options(yield_per=CHUNK).execute(select(t).order_by(*t.primary_key))
        for part in result.partitions(CHUNK):
            rows = [dict(r._mapping) for r in part]
            if deferred:
                for r in rows:
                    refs = {c: r[c] for c in deferred if r[c] is not None}
                    if refs:
                        for c in refs:
                            r[c] = None
                        if "updated_at" in t.c:  # kept as it was (not "changed now")
                            refs["updated_at"] = r["updated_at"]
                        later.append((t, r["id"], refs))
            dst.execute(t.insert(), rows)
            n += len(rows)
        written[t.name] = n
        if progress:
            progress(t.name, (i + 1) / len(tables))
    by_cols: dict[tuple, list[dict]] = {}
    for t, rid, refs in later:
        by_cols.setdefault((t, tuple(sorted(refs))), []).append({"_id": rid, **refs})
    for (t, cols), rows in by_cols.items():
        from sqlalchemy import bindparam

        stmt = t.update().where(t.c.id == bindparam("_id")).values({c: bindparam(c) for c in cols})
        for k in range(0, len(rows), CHUNK):
            dst.execute(stmt, rows[k : k + CHUNK])
    return written


def server_counts(ledger) -> dict[str, int]:
    """{table: rows} of a server ledger, for comparing with a snapshot's counts."""
    with ledger.engine.connect() as conn:
        return {
            t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar()
            for t in _tables()
        }
