"""Reading the other ledger of a merge: a private copy of the township's file is opened
(and upgraded, if an older version made it), so the township's own file is never
written, and its records are read once into memory in comparable form."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from partydesk import tempfiles
from partydesk.errors import LedgerError
from partydesk.merge import identity, tables, tombstones
from partydesk.merge.tables import TableInfo


@dataclass
class Snapshot:
    """The other ledger: its UUID, and per table {uuid: content} and deleted UUIDs."""

    ledger_uuid: str
    path: Path
    rows: dict[str, dict[str, dict]] = field(default_factory=dict)
    deleted: dict[str, set[str]] = field(default_factory=dict)


def read_snapshot(conn, path: Path, infos: list[TableInfo]) -> Snapshot:
    uuid_of = tables.id_maps(conn, infos)
    snap = Snapshot(identity.ledger_uuid(conn), path)
    for info in infos:
        snap.rows[info.name] = {
            u: content for u, (_id, content) in tables.read_rows(conn, info, uuid_of).items()
        }
        snap.deleted[info.name] = tombstones.deleted_uuids(conn, info.name)
    return snap


def read_file(path: str | Path, infos: list[TableInfo]) -> Snapshot:
    """Snapshot of the ledger file at `path` (opened from a private copy)."""
    from partydesk.ledger.opening import open_ledger

    p = Path(path).expanduser()
    if not p.is_file():
        raise LedgerError(f"要合并的账本文件不存在：{p}。")
    d = tempfiles.new_dir("merge")
    try:
        copy = d / p.name
        shutil.copy2(p, copy)
        for suffix in ("-wal",):
            side = p.with_name(p.name + suffix)
            if side.exists():
                shutil.copy2(side, copy.with_name(copy.name + suffix))
        with open_ledger(copy, daily_backup="later") as other:
            with other.engine.connect() as conn:
                snap = read_snapshot(conn, p, infos)
                conn.rollback()
        return snap
    except sa.exc.DatabaseError as e:
        raise LedgerError(f"无法读取要合并的账本：{p}（{e.orig}）。") from e
    finally:
        shutil.rmtree(d, ignore_errors=True)
