"""Which tables take part in merging and extracting, and a record's content in a form two
ledgers can compare: every column but the local key and the timestamps, with each
reference written as the referenced record's UUID (the integer ids differ between
ledgers), and a digest of it.

Why digests and not change stamps: a ledger's clock may be wrong, bulk edits do not all
touch `updated_at`, and a change typed and then typed back is no change. The digest of a
record as both ledgers last agreed on it (`merge_base`) tells, for each side, whether it
changed the record since — with nothing to trust but the content itself."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from partydesk.ledger.models import Base

# Not merged: the audit log (each ledger keeps its own chain; a merge writes its own
# entries), settings (the county's rules, and secrets of this ledger such as the
# certificate check key and the start password) and merging's own bookkeeping.
NOT_MERGED = {
    "audit_log",
    "setting",
    "merge_run",
    "merge_conflict",
    "merge_base",
    "deleted_record",
    "ledger_identity",
}
# Columns that are local to one ledger file: never compared, never copied over.
LOCAL_COLUMNS = {"id", "uuid", "created_at", "updated_at", "version"}
# Counters merge by taking the larger value (a number once given is never given again).
COUNTERS = {"serial_counter": "last"}


@dataclass
class TableInfo:
    name: str
    table: sa.Table
    content: list[str]  # compared and copied columns
    refs: dict[str, str]  # column -> referenced table
    nullable_refs: set[str]
    cascade_refs: set[str] = field(default_factory=set)  # deleted with the referenced record
    restrict_refs: list[tuple[str, str]] = field(default_factory=list)  # (table, column)
    keys: list[tuple[str, ...]] = field(default_factory=list)  # unique keys but the uuid


def merged_tables() -> list[TableInfo]:
    """Every merged table, parents before children (SQLAlchemy's dependency order)."""
    out: list[TableInfo] = []
    for t in Base.metadata.sorted_tables:
        if t.name in NOT_MERGED or "uuid" not in t.c:
            continue
        refs = {}
        nullable = set()
        cascade = set()
        for c in t.c:
            for fk in c.foreign_keys:
                refs[c.name] = fk.column.table.name
                if c.nullable:
                    nullable.add(c.name)
                if (fk.ondelete or "").upper() == "CASCADE":
                    cascade.add(c.name)
        keys: list[tuple[str, ...]] = []
        for c in t.c:
            if c.unique and c.name != "uuid":
                keys.append((c.name,))
        for ix in t.indexes:
            if ix.unique:
                cols = tuple(c.name for c in ix.columns)
                if cols != ("uuid",) and cols not in keys:
                    keys.append(cols)
        for con in t.constraints:
            if isinstance(con, sa.UniqueConstraint):
                cols = tuple(c.name for c in con.columns)
                if cols != ("uuid",) and cols not in keys:
                    keys.append(cols)
        content = [c.name for c in t.c if c.name not in LOCAL_COLUMNS]
        out.append(TableInfo(t.name, t, content, refs, nullable, cascade, keys=keys))
    by_name = {i.name: i for i in out}
    for i in out:
        for c in i.table.c:
            for fk in c.foreign_keys:
                parent = by_name.get(fk.column.table.name)
                if parent is not None and (fk.ondelete or "").upper() == "RESTRICT":
                    parent.restrict_refs.append((i.name, c.name))
    return out


def canon_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    return str(v)


def digest(content: dict) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def id_maps(conn, infos: list[TableInfo]) -> dict[str, dict[int, str]]:
    """{table: {id: uuid}} of every table some merged table refers to."""
    wanted = {ref for i in infos for ref in i.refs.values()}
    out: dict[str, dict[int, str]] = {}
    for i in infos:
        if i.name in wanted:
            t = i.table
            out[i.name] = dict(conn.execute(sa.select(t.c.id, t.c.uuid)).all())
    return out


def canon_row(info: TableInfo, row, uuid_of: dict[str, dict[int, str]]) -> dict:
    """A row's content with references as UUIDs (None where the reference is empty)."""
    m = row._mapping
    out = {}
    for c in info.content:
        v = m[c]
        ref = info.refs.get(c)
        if ref is not None and v is not None:
            v = uuid_of.get(ref, {}).get(v)
        out[c] = canon_value(v)
    return out


def read_rows(conn, info: TableInfo, uuid_of, where=None) -> dict[str, tuple[int, dict]]:
    """{uuid: (id, content)} of a table's rows (all, or those matching `where`)."""
    q = sa.select(info.table)
    if where is not None:
        q = q.where(where)
    out = {}
    for row in conn.execute(q):
        out[row.uuid] = (row.id, canon_row(info, row, uuid_of))
    return out


def read_by_uuid(conn, info: TableInfo, uuids, uuid_of) -> dict[str, tuple[int, dict]]:
    uuids = list(uuids)
    out: dict[str, tuple[int, dict]] = {}
    for k in range(0, len(uuids), 500):
        out.update(read_rows(conn, info, uuid_of, info.table.c.uuid.in_(uuids[k : k + 500])))
    return out


def to_db_value(info: TableInfo, col: str, v: Any) -> Any:
    """A canonical value back into the column's Python type (dates, datetimes, bools)."""
    if v is None:
        return None
    typ = info.table.c[col].type
    if isinstance(typ, sa.DateTime) and isinstance(v, str):
        return datetime.fromisoformat(v)
    if isinstance(typ, sa.Date) and isinstance(v, str):
        return date.fromisoformat(v)
    if isinstance(typ, sa.Boolean):
        return bool(v)
    if isinstance(typ, sa.Float):
        return float(v)
    return v


LABEL_COLUMNS = (
    "name",
    "holder_name",
    "title",
    "serial",
    "key",
    "code",
    "text",
    "lesson_title",
    "kind",
    "item",
)


def label_of(content: dict | None) -> str:
    if not content:
        return ""
    for c in LABEL_COLUMNS:
        v = content.get(c)
        if v:
            return str(v)[:300]
    return ""
