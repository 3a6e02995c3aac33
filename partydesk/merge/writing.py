"""Writing merged records into this ledger with SQLAlchemy Core (so a county ledger on a
server works the same as a file): references turned from UUIDs back into this ledger's
ids, each change noted for the audit log, and the agreed digests kept in `merge_base`."""

from __future__ import annotations

import sqlalchemy as sa

from partydesk import audit
from partydesk.ledger.models.base import utcnow
from partydesk.ledger.models.merge import MergeBase
from partydesk.merge import tables
from partydesk.merge.tables import TableInfo


class Writer:
    """Changes to this ledger during one merge or decision, on one connection."""

    def __init__(self, session, infos: list[TableInfo]):
        self.session = session
        self.conn = session.connection()
        self.infos = {i.name: i for i in infos}
        self.uuid_of = tables.id_maps(self.conn, infos)  # {table: {id: uuid}}
        self.id_of = {t: {u: i for i, u in m.items()} for t, m in self.uuid_of.items()}
        self.alias: dict[str, dict[str, int]] = {}  # other ledger's uuid -> our id (same key)
        self.entries: list[dict] = []
        self.fixups: list[tuple[TableInfo, str, str, str]] = []  # (info, uuid, column, ref uuid)

    # references -------------------------------------------------------------
    def resolve(self, table: str, uuid: str | None) -> int | None:
        if uuid is None:
            return None
        found = self.id_of.get(table, {}).get(uuid)
        if found is None:
            found = self.alias.get(table, {}).get(uuid)
        return found

    def db_values(self, info: TableInfo, uuid: str, content: dict, cols) -> tuple[dict, str]:
        """Column values for `cols` of `content`; a reference not (yet) in this ledger is
        left empty and remembered for `apply_fixups`. Returns (values, missing) where
        `missing` names a required reference that cannot be filled."""
        out = {}
        for c in cols:
            v = content.get(c)
            ref = info.refs.get(c)
            if ref is not None and v is not None:
                rid = self.resolve(ref, v)
                if rid is None:
                    if c not in info.nullable_refs:
                        return out, ref
                    self.fixups.append((info, uuid, c, v))
                out[c] = rid
            else:
                out[c] = tables.to_db_value(info, c, v)
        return out, ""

    def apply_fixups(self) -> None:
        """References to records written later in the merge (a parent organization, a
        secretary) once every record is in."""
        for info, uuid, col, ref_uuid in self.fixups:
            rid = self.resolve(info.refs[col], ref_uuid)
            if rid is not None:
                self.conn.execute(
                    sa.update(info.table).where(info.table.c.uuid == uuid).values({col: rid})
                )
        self.fixups.clear()

    # writes -----------------------------------------------------------------
    def insert(self, info: TableInfo, rows: list[tuple[str, dict]]) -> list[str]:
        """Insert records under their own UUIDs; returns the UUIDs that could not be
        (a required reference is missing here)."""
        now = utcnow()
        values, missing = [], []
        for uuid, content in rows:
            vals, lacking = self.db_values(info, uuid, content, info.content)
            if lacking:
                missing.append(uuid)
                continue
            vals.update(uuid=uuid, created_at=now, updated_at=now)
            values.append(vals)
        for k in range(0, len(values), 500):
            self.conn.execute(sa.insert(info.table), values[k : k + 500])
        new = [v["uuid"] for v in values]
        ids = {}
        t = info.table
        for k in range(0, len(new), 500):
            ids.update(
                dict(
                    self.conn.execute(
                        sa.select(t.c.uuid, t.c.id).where(t.c.uuid.in_(new[k : k + 500]))
                    ).all()
                )
            )
        if info.name in self.uuid_of:
            self.id_of[info.name].update(ids)
            self.uuid_of[info.name].update({i: u for u, i in ids.items()})
        contents = dict(rows)
        for u in new:
            self.note("insert", info, ids[u], u, None, contents[u])
        return missing

    def update(self, info: TableInfo, rid: int, uuid: str, theirs: dict, ours: dict) -> dict:
        """Make our record `rid` hold `theirs`; returns the changed columns."""
        changed = [c for c in info.content if theirs.get(c) != ours.get(c)]
        if not changed:
            return {}
        vals, _ = self.db_values(info, uuid, theirs, changed)
        vals["updated_at"] = utcnow()
        t = info.table
        if "version" in t.c:
            vals["version"] = t.c.version + 1
        self.conn.execute(sa.update(t).where(t.c.id == rid).values(vals))
        old = {c: ours.get(c) for c in changed}
        new = {c: theirs.get(c) for c in changed}
        self.note("update", info, rid, uuid, old, new, ours)
        return new

    def delete(self, info: TableInfo, rid: int, uuid: str, ours: dict) -> None:
        self.conn.execute(sa.delete(info.table).where(info.table.c.id == rid))
        self.id_of.get(info.name, {}).pop(uuid, None)
        self.note("delete", info, rid, uuid, ours, None)

    def blocked_delete(self, info: TableInfo, rid: int) -> str:
        """The records of this ledger that keep `rid` from being deleted (RESTRICT)."""
        for child, col in info.restrict_refs:
            t = self.infos[child].table
            n = self.conn.execute(
                sa.select(sa.func.count()).select_from(t).where(t.c[col] == rid)
            ).scalar_one()
            if n:
                return f"本账本中仍有 {n} 条{audit.table_label(child)}记录属于它"
        return ""

    def key_clash(self, info: TableInfo, content: dict, except_id: int | None) -> tuple | None:
        """Our record with the same unique key (e.g. 身份证号, certificate serial) as
        `content`, other than `except_id`: (id, uuid, content) or None."""
        t = info.table
        for key in info.keys:
            conds = []
            for c in key:
                v = content.get(c)
                if v is None:
                    break
                ref = info.refs.get(c)
                if ref is not None:
                    v = self.resolve(ref, v)
                    if v is None:
                        break
                else:
                    v = tables.to_db_value(info, c, v)
                conds.append(t.c[c] == v)
            else:
                q = sa.select(t).where(*conds)
                if except_id is not None:
                    q = q.where(t.c.id != except_id)
                row = self.conn.execute(q.limit(1)).first()
                if row is not None:
                    return row.id, row.uuid, tables.canon_row(info, row, self.uuid_of)
        return None

    def note(self, action, info, rid, uuid, old, new, whole=None) -> None:
        label = tables.label_of(new or old) or tables.label_of(whole)
        self.entries.append(
            {
                "action": action,
                "table": info.name,
                "record_id": rid,
                "uuid": uuid,
                "label": label or f"{audit.table_label(info.name)} #{rid}",
                "old": old,
                "new": new,
            }
        )

    def write_audit(self, summary: str, action: str = "merge") -> None:
        self.entries.append({"action": action, "table": "ledger", "label": summary[:300]})
        audit.log_many(self.session, self.entries)
        self.entries = []


def set_bases(conn, source_uuid: str, table: str, digests: dict[str, str | None]) -> None:
    """Store (or with None drop) the agreed digest of records of `table`."""
    if not digests:
        return
    t = MergeBase.__table__
    keys = list(digests)
    for k in range(0, len(keys), 500):
        conn.execute(
            sa.delete(t).where(
                t.c.source_uuid == source_uuid,
                t.c.table_name == table,
                t.c.record_uuid.in_(keys[k : k + 500]),
            )
        )
    rows = [
        {"source_uuid": source_uuid, "table_name": table, "record_uuid": u, "digest": d}
        for u, d in digests.items()
        if d is not None
    ]
    for k in range(0, len(rows), 500):
        conn.execute(sa.insert(t), rows[k : k + 500])


def bases(conn, source_uuid: str, table: str) -> dict[str, str]:
    t = MergeBase.__table__
    q = sa.select(t.c.record_uuid, t.c.digest).where(
        t.c.source_uuid == source_uuid, t.c.table_name == table
    )
    return dict(conn.execute(q).all())
