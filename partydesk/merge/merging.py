"""Merging another ledger (a township's file) into this one, record by record by UUID.

For each record the other ledger has, its digest is compared with ours and with the
digest both ledgers last agreed on (`merge_base`, kept per other ledger):
- not here and never agreed: added (or, when our record with the same unique key —
  身份证号, 信用代码, a certificate serial — exists, matched with it);
- changed there only: our record is updated; changed here only: kept;
- changed on both sides differently (or edited on one side, deleted on the other): a
  conflict for the clerk (`merge conflicts`, `merge decide`), our record untouched;
- deleted there (a tombstone) and unchanged here since: deleted here too.
References are carried by UUID and written as this ledger's ids. Serial counters take the
larger value; a work record whose 序号 is taken in the same organization, year and kind
gets the next free one. Every change goes to the audit log; merging the same file again
finds nothing to do."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from partydesk import audit
from partydesk.errors import ValidationError
from partydesk.ledger.models.base import new_uuid, utcnow
from partydesk.ledger.models.merge import DeletedRecord, MergeConflict, MergeRun
from partydesk.ledger.models.work import RecordKind
from partydesk.merge import conflicts as conflict_store
from partydesk.merge import identity, source, tables, tombstones
from partydesk.merge.tables import TableInfo
from partydesk.merge.writing import Writer, bases, set_bases

ACTIONS = {
    "added": "新增",
    "updated": "更新",
    "deleted": "删除",
    "conflict": "冲突",
    "matched": "按唯一编号对应",
    "renumbered": "序号顺延",
    "skipped": "未合并",
}


@dataclass
class Item:
    """One line of the merge report."""

    table: str
    action: str  # a key of ACTIONS
    label: str
    detail: str = ""


@dataclass
class MergeResult:
    source_path: Path
    source_uuid: str
    items: list[Item] = field(default_factory=list)
    run_id: int | None = None

    def count(self, action: str, table: str | None = None) -> int:
        return sum(
            1 for i in self.items if i.action == action and (table is None or i.table == table)
        )

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in ACTIONS}

    def summary(self) -> str:
        c = self.counts
        return (
            f"新增 {c['added']} 条，更新 {c['updated']} 条，删除 {c['deleted']} 条，"
            f"冲突 {c['conflict']} 条"
            + (f"，未合并 {c['skipped']} 条" if c["skipped"] else "")
            + (f"，序号顺延 {c['renumbered']} 条" if c["renumbered"] else "")
        )


def merge(ledger, source_file: str | Path) -> MergeResult:
    """Merge the ledger file `source_file` into `ledger` (one transaction)."""
    ledger.check_writable()
    infos = tables.merged_tables()
    snap = source.read_file(source_file, infos)
    with ledger.session() as s:
        s.info["audit"] = False  # the merge writes its own entries (Writer.note)
        w = Writer(s, infos)
        if snap.ledger_uuid == identity.ledger_uuid(w.conn):
            raise ValidationError("这是本账本自己（或它的副本），不能合并到自己。")
        res = MergeResult(snap.path, snap.ledger_uuid)
        now = utcnow()
        run_id = w.conn.execute(
            sa.insert(MergeRun.__table__).values(
                uuid=new_uuid(),
                created_at=now,
                updated_at=now,
                kind="merge",
                source_uuid=snap.ledger_uuid,
                source_path=str(snap.path),
                merged_at=now,
            )
        ).inserted_primary_key[0]
        res.run_id = run_id
        for info in infos:
            _merge_table(w, info, snap, res, run_id)
        w.apply_fixups()
        for info in reversed(infos):
            _carry_deletions(w, info, snap, res, run_id)
        w.conn.execute(
            sa.update(MergeRun.__table__)
            .where(MergeRun.__table__.c.id == run_id)
            .values(counts=json.dumps(res.counts), who=_who(s))
        )
        w.write_audit(f"合并账本 {snap.path.name}：{res.summary()}")
    return res


def _who(session) -> str:
    from partydesk.audit import who_for

    return who_for(session)[:100]


def _merge_table(w: Writer, info: TableInfo, snap, res: MergeResult, run_id) -> None:
    theirs_all = snap.rows.get(info.name, {})
    if not theirs_all:
        return
    agreed = bases(w.conn, snap.ledger_uuid, info.name)
    ours_all = tables.read_by_uuid(w.conn, info, theirs_all, w.uuid_of)
    gone_here = tombstones.deleted_uuids(w.conn, info.name)
    new_bases: dict[str, str] = {}
    inserts: list[tuple[str, dict]] = []
    counter = tables.COUNTERS.get(info.name)
    for uuid, theirs in theirs_all.items():
        s = tables.digest(theirs)
        b = agreed.get(uuid)
        label = _label(w, info, theirs, snap)
        if uuid in ours_all:
            rid, ours = ours_all[uuid]
            target_uuid = uuid
        else:
            clash = None if uuid in gone_here else w.key_clash(info, theirs, None)
            if clash is None:
                if uuid in gone_here or b is not None:
                    # Deleted here since we last agreed: stays deleted unless changed there.
                    if b != s:
                        _conflict(w, info, res, run_id, uuid, None, "deleted_here", None, theirs, s)
                else:
                    inserts.append((uuid, theirs))
                continue
            rid, target_uuid, ours = clash
            w.alias.setdefault(info.name, {})[uuid] = rid
        t = tables.digest(ours)
        if counter:
            if (theirs.get(counter) or 0) > (ours.get(counter) or 0):
                w.update(info, rid, target_uuid, {**ours, counter: theirs[counter]}, ours)
                res.items.append(Item(info.name, "updated", label, "编号计数取较大值"))
            continue
        if s == t:
            if b != s:
                new_bases[uuid] = s
            continue
        if b == s:
            continue  # changed here only: ours stays
        clash = w.key_clash(info, theirs, rid)
        if b is not None and b == t and _only_emptied(info, ours, theirs, snap):
            continue  # a reference emptied there by a deletion: the deletion does it here
        if b is not None and b == t and clash is None and target_uuid == uuid:
            w.update(info, rid, uuid, theirs, ours)
            res.items.append(Item(info.name, "updated", label, _changed(info, ours, theirs)))
            new_bases[uuid] = s
            continue
        kind = "both" if target_uuid == uuid else "same_key"
        _conflict(w, info, res, run_id, uuid, target_uuid, kind, ours, theirs, s)
    if inserts:
        missing = set(w.insert(info, inserts))
        for uuid, theirs in inserts:
            label = _label(w, info, theirs, snap)
            if uuid in missing:
                res.items.append(Item(info.name, "skipped", label, "所属的记录在本账本中不存在"))
            else:
                res.items.append(Item(info.name, "added", label))
                new_bases[uuid] = tables.digest(theirs)
        if info.name == "work_record":
            _renumber(w, info, [u for u, _ in inserts if u not in missing], res)
    set_bases(w.conn, snap.ledger_uuid, info.name, new_bases)


def _changed(info: TableInfo, ours: dict, theirs: dict) -> str:
    from partydesk.audit import field_label

    cols = [c for c in info.content if ours.get(c) != theirs.get(c)]
    return "、".join(field_label(info.name, c) for c in cols)


def _conflict(w, info, res, run_id, uuid, target_uuid, kind, ours, theirs, theirs_digest):
    label = _label(w, info, theirs or ours, None)
    fresh = conflict_store.record(
        w.conn,
        run_id=run_id,
        source_uuid=res.source_uuid,
        source_path=str(res.source_path),
        table=info.name,
        record_uuid=uuid,
        target_uuid=target_uuid,
        kind=kind,
        label=label,
        ours=ours,
        theirs=theirs,
        theirs_digest=theirs_digest,
    )
    detail = conflict_store.KIND_LABELS[kind] + ("" if fresh else "（仍待决定）")
    if ours is not None and theirs is not None:
        detail += "：" + _changed(info, ours, theirs)
    res.items.append(Item(info.name, "conflict", label, detail))


OWNER_COLUMNS = ("person_id", "org_id", "unit_id", "instructor_id", "record_id", "scheme_id")


def _label(w: Writer, info: TableInfo, content: dict | None, snap) -> str:
    """A record's name, or for one without (a points entry, a payment) whose it is:
    “张三的积分记录”."""
    own = tables.label_of(content)
    if own or not content:
        return own
    for c in OWNER_COLUMNS:
        ref_uuid = content.get(c)
        ref = info.refs.get(c)
        if not ref_uuid or ref is None:
            continue
        other = snap.rows.get(ref, {}).get(ref_uuid) if snap is not None else None
        name = tables.label_of(other) if other else ""
        if not name:
            t = w.infos[ref].table
            row = w.conn.execute(sa.select(t).where(t.c.uuid == ref_uuid)).first()
            name = tables.label_of(dict(row._mapping)) if row is not None else ""
        if name:
            return f"{name}的{audit.table_label(info.name)}"
    return audit.table_label(info.name)


def _only_emptied(info: TableInfo, ours: dict, theirs: dict, snap) -> bool:
    """The only differences are references the other ledger emptied because it deleted
    the record referred to (SET NULL): carried out here when that deletion is."""
    diff = [c for c in info.content if ours.get(c) != theirs.get(c)]
    return bool(diff) and all(
        c in info.refs
        and theirs.get(c) is None
        and ours.get(c) in snap.deleted.get(info.refs[c], ())
        for c in diff
    )


def _carry_deletions(w: Writer, info: TableInfo, snap, res, run_id) -> None:
    """Deletions made there. A record that went there only because its parent did (a
    person's points, dues, history) is left to the parent's deletion here: if the parent
    stays here (a conflict), so does what hangs off it."""
    gone_there = snap.deleted.get(info.name, set()) - set(snap.rows.get(info.name, {}))
    if not gone_there:
        return
    agreed = bases(w.conn, snap.ledger_uuid, info.name)
    ours_all = tables.read_by_uuid(w.conn, info, gone_there, w.uuid_of)
    dropped: dict[str, str | None] = {}
    for uuid in gone_there:
        b = agreed.get(uuid)
        if uuid not in ours_all:
            if b is not None:
                dropped[uuid] = None  # gone on both sides
            continue
        if b is None:
            continue  # never agreed with that ledger (or the clerk kept ours): ours stays
        rid, ours = ours_all[uuid]
        if any(
            ours.get(c) is not None and ours[c] in snap.deleted.get(info.refs[c], ())
            for c in info.cascade_refs
        ):
            continue  # deleted there with its parent: the parent's deletion decides
        label = _label(w, info, ours, snap)
        if tables.digest(ours) != b:
            _conflict(w, info, res, run_id, uuid, uuid, "deleted_there", ours, None, None)
            continue
        blocked = w.blocked_delete(info, rid)
        if blocked:
            res.items.append(Item(info.name, "skipped", label, f"乡镇账本已删除，但{blocked}"))
            continue
        before = _tombstones(w)
        w.delete(info, rid, uuid, ours)
        with_it = _tombstones(w) - before - 1
        detail = f"连同其下 {with_it} 条记录" if with_it > 0 else ""
        res.items.append(Item(info.name, "deleted", label, detail))
        dropped[uuid] = None
    set_bases(w.conn, snap.ledger_uuid, info.name, dropped)


def _tombstones(w: Writer) -> int:
    t = DeletedRecord.__table__
    return w.conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()


def _renumber(w: Writer, info: TableInfo, uuids: list[str], res: MergeResult) -> None:
    """A work record added from the other ledger whose 序号 another record of the same
    organization, year and kind already has here gets the next free number (the book
    prints records in order of their numbers; two 第3次 would be wrong)."""
    t = info.table
    for k in range(0, len(uuids), 500):
        for row in w.conn.execute(sa.select(t).where(t.c.uuid.in_(uuids[k : k + 500]))):
            if row.org_id is None:
                continue  # instructors' logs and visits are not numbered per organization
            scope = sa.and_(t.c.org_id == row.org_id, t.c.year == row.year, t.c.kind == row.kind)
            taken = w.conn.execute(
                sa.select(sa.func.count())
                .select_from(t)
                .where(scope, t.c.seq == row.seq, t.c.id != row.id)
            ).scalar_one()
            if not taken:
                continue
            top = w.conn.execute(sa.select(sa.func.max(t.c.seq)).where(scope)).scalar_one()
            w.conn.execute(sa.update(t).where(t.c.id == row.id).values(seq=(top or 0) + 1))
            label = f"{row.year}年{RecordKind.label_of(row.kind)}"
            res.items.append(
                Item(
                    info.name,
                    "renumbered",
                    label,
                    f"序号 {row.seq} 已被占用，改为 {(top or 0) + 1}",
                )
            )


__all__ = ["ACTIONS", "Item", "MergeConflict", "MergeResult", "merge"]
