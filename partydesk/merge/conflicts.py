"""Merge conflicts waiting for the clerk, and deciding them: keep this ledger's version
or take the other ledger's (the whole record, or only some fields).

Deciding records what both ledgers now agree on, so the next merge of the same file does
not ask again; only a new change on the other side brings the record back."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from partydesk import audit
from partydesk.errors import ValidationError
from partydesk.ledger.models.base import new_uuid, utcnow
from partydesk.ledger.models.merge import MergeConflict
from partydesk.merge import tables
from partydesk.merge.writing import Writer, set_bases

KIND_LABELS = {
    "both": "两边都改过",
    "deleted_here": "本账本已删除，对方改过",
    "deleted_there": "对方已删除，本账本改过",
    "same_key": "唯一编号相同而内容不同（身份证号、信用代码、证书编号等）",
}
STATE_LABELS = {"open": "待决定", "kept": "保留本账本", "taken": "采用对方"}
T = MergeConflict.__table__


def record(conn, **kw) -> bool:
    """Store an open conflict; one already open for the same record is refreshed in
    place (True only when it is new, so merging again adds nothing)."""
    ours = _dumps(kw["ours"])
    theirs = _dumps(kw["theirs"])
    row = conn.execute(
        sa.select(T.c.id, T.c.ours, T.c.theirs).where(
            T.c.state == "open",
            T.c.source_uuid == kw["source_uuid"],
            T.c.table_name == kw["table"],
            T.c.record_uuid == kw["record_uuid"],
        )
    ).first()
    values = {
        "run_id": kw["run_id"],
        "source_path": kw["source_path"],
        "target_uuid": kw["target_uuid"],
        "kind": kw["kind"],
        "label": (kw["label"] or "")[:300],
        "ours": ours,
        "theirs": theirs,
        "theirs_digest": kw["theirs_digest"],
    }
    if row is not None:
        if row.ours != ours or row.theirs != theirs:
            values["updated_at"] = utcnow()
            conn.execute(sa.update(T).where(T.c.id == row.id).values(values))
        return False
    now = utcnow()
    conn.execute(
        sa.insert(T).values(
            uuid=new_uuid(),
            created_at=now,
            updated_at=now,
            source_uuid=kw["source_uuid"],
            table_name=kw["table"],
            record_uuid=kw["record_uuid"],
            state="open",
            **values,
        )
    )
    return True


def _dumps(d: dict | None) -> str | None:
    return None if d is None else json.dumps(d, ensure_ascii=False, sort_keys=True)


@dataclass
class Difference:
    field: str
    label: str
    ours: str
    theirs: str


@dataclass
class Conflict:
    id: int
    table: str
    table_label: str
    kind: str
    label: str
    state: str
    source_path: str
    differences: list[Difference]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


def listing(session, *, state: str | None = "open") -> list[Conflict]:
    """Conflicts (open ones by default), each with the differing fields side by side in
    the words a clerk reads (labels of coded values, names of referenced records)."""
    conn = session.connection()
    q = sa.select(T).order_by(T.c.id)
    if state:
        q = q.where(T.c.state == state)
    infos = {i.name: i for i in tables.merged_tables()}
    names = _Names(conn, infos)
    out = []
    for row in conn.execute(q):
        info = infos.get(row.table_name)
        ours = json.loads(row.ours) if row.ours else None
        theirs = json.loads(row.theirs) if row.theirs else None
        diffs = []
        if info is not None:
            for c in info.content:
                a = None if ours is None else ours.get(c)
                b = None if theirs is None else theirs.get(c)
                if ours is not None and theirs is not None and a == b:
                    continue
                if ours is None and b is None or theirs is None and a is None:
                    continue
                diffs.append(
                    Difference(
                        c,
                        audit.field_label(row.table_name, c),
                        "（已删除）" if ours is None else names.show(info, c, a),
                        "（已删除）" if theirs is None else names.show(info, c, b),
                    )
                )
        out.append(
            Conflict(
                row.id,
                row.table_name,
                audit.table_label(row.table_name),
                row.kind,
                row.label,
                row.state,
                row.source_path or "",
                diffs,
            )
        )
    return out


class _Names:
    """Readable values: a referenced record's name instead of its UUID, coded values by
    their Chinese labels."""

    def __init__(self, conn, infos):
        self.conn = conn
        self.infos = infos
        self.cache: dict[tuple[str, str], str] = {}

    def show(self, info, col, v) -> str:
        if v is None or v == "":
            return "（空）"
        ref = info.refs.get(col)
        if ref is not None:
            key = (ref, v)
            if key not in self.cache:
                t = self.infos[ref].table
                row = self.conn.execute(sa.select(t).where(t.c.uuid == v)).first()
                self.cache[key] = (
                    tables.label_of(dict(row._mapping)) or f"#{row.id}" if row else "（本账本没有）"
                )
            return self.cache[key]
        if isinstance(v, bool):
            return "是" if v else "否"
        return str(audit.value_label(info.name, col, v))


def decide(ledger, conflict_id: int, choice: str, fields: list[str] | None = None) -> str:
    """Decide one open conflict: `choice` "keep" (this ledger's version stays) or "take"
    (the other ledger's version is written here; with `fields`, only those fields).
    Returns a Chinese sentence saying what was done."""
    if choice not in ("keep", "take"):
        raise ValueError(choice)
    infos = tables.merged_tables()
    by_name = {i.name: i for i in infos}
    with ledger.session() as s:
        s.info["audit"] = False
        conn = s.connection()
        row = conn.execute(sa.select(T).where(T.c.id == conflict_id)).first()
        if row is None:
            raise ValidationError(f"没有编号为 {conflict_id} 的合并冲突。")
        if row.state != "open":
            raise ValidationError(f"冲突 {conflict_id} 已经决定过（{STATE_LABELS[row.state]}）。")
        info = by_name[row.table_name]
        w = Writer(s, infos)
        theirs = json.loads(row.theirs) if row.theirs else None
        what = "保留了本账本的版本"
        if choice == "take":
            what = _take(w, info, row, theirs, fields)
        # What both ledgers now agree on: the other side's version as it was shown, so
        # the next merge asks again only when the other side changes it again (None when
        # it was deleted there: our record stays and the deletion is not asked again).
        set_bases(conn, row.source_uuid, row.table_name, {row.record_uuid: row.theirs_digest})
        conn.execute(
            sa.update(T)
            .where(T.c.id == conflict_id)
            .values(
                state="taken" if choice == "take" else "kept",
                decided_at=utcnow(),
                decided_by=audit.who_for(s)[:100],
                updated_at=utcnow(),
            )
        )
        w.write_audit(f"合并冲突 {conflict_id}（{row.label}）：{what}")
    return f"冲突 {conflict_id}（{audit.table_label(row.table_name)} {row.label}）：{what}。"


def _take(w: Writer, info, row, theirs: dict | None, fields: list[str] | None) -> str:
    t = info.table
    target = row.target_uuid
    ours_row = w.conn.execute(sa.select(t).where(t.c.uuid == target)).first() if target else None
    if theirs is None:  # deleted there
        if ours_row is not None:
            blocked = w.blocked_delete(info, ours_row.id)
            if blocked:
                raise ValidationError(f"不能删除：{blocked}。请先处理这些记录。")
            w.delete(info, ours_row.id, target, tables.canon_row(info, ours_row, w.uuid_of))
        return "按对方删除了这条记录"
    if ours_row is None:  # deleted here: bring it back under the other ledger's UUID
        missing = w.insert(info, [(row.record_uuid, theirs)])
        if missing:
            raise ValidationError("不能恢复：它所属的记录在本账本中已不存在。")
        w.apply_fixups()
        return "按对方恢复了这条记录"
    ours = tables.canon_row(info, ours_row, w.uuid_of)
    wanted = dict(ours)
    if fields:
        unknown = [f for f in fields if f not in info.content]
        if unknown:
            labels = "、".join(audit.field_label(info.name, c) for c in info.content)
            raise ValidationError(f"没有字段：{'、'.join(unknown)}。可选：{labels}。")
        for f in fields:
            wanted[f] = theirs.get(f)
    else:
        wanted.update({c: theirs.get(c) for c in info.content})
    clash = w.key_clash(info, wanted, ours_row.id)
    if clash is not None:
        raise ValidationError("不能采用对方的版本：本账本另有一条记录用着同样的唯一编号。")
    w.update(info, ours_row.id, target, wanted, ours)
    w.apply_fixups()
    if fields:
        return "采用了对方的" + "、".join(audit.field_label(info.name, f) for f in fields)
    return "采用了对方的版本"


def field_names(table: str, given: list[str]) -> list[str]:
    """Field names from what a clerk typed: a column name or its Chinese label."""
    info = {i.name: i for i in tables.merged_tables()}[table]
    by_label = {audit.field_label(table, c): c for c in info.content}
    return [by_label.get(g, g) for g in given]


def table_of(session, conflict_id: int) -> str:
    row = (
        session.connection().execute(sa.select(T.c.table_name).where(T.c.id == conflict_id)).first()
    )
    if row is None:
        raise ValidationError(f"没有编号为 {conflict_id} 的合并冲突。")
    return row[0]
