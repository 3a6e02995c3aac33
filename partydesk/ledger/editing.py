"""Changing records by id, the way the window, paste and the CLI all do it.

Every value goes through `fields.clean` (one validator per field) and the record through
`fields.check_record`; the ID number fills birth date and sex. Each function returns what
changed (stored values before and after, or a full snapshot of deleted rows) so an undo
can put it back exactly:

    ch = set_fields(s, "person", 7, {"id_number": "11010519491231002X"}, expect_uuid=u,
                    expect_version=v)   # ConflictError if someone saved it since v
    write_values(s, "person", 7, ch.before, expect_uuid=u)      # undo
    snap = delete_record(s, "org", 3)                          # refuses if it has members
    restore(s, snap)                                           # undo the delete

Writes go through the ORM (so session listeners such as the audit log see them); the
caller's session commits. Every record has a version (see models.base.Record): an edit
given the version the clerk was shown is refused with ConflictError (已被他人修改) when
someone else saved the record since, and so is an undo of a change saved over since.

It is long because add, set, paste, delete and their exact undo share one planning
step and one snapshot format; splitting them would split that contract.


Long because add, set, delete and paste share the validation and the undo data of one edit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger import fields as F
from partydesk.ledger import tree
from partydesk.ledger.errors import ConflictError
from partydesk.ledger.models import Base, Organization, Person
from partydesk.rules import record


class HasMembersError(ValidationError):
    """An organization still has people in it; `count` says how many."""

    def __init__(self, message: str, count: int):
        super().__init__(message, "org_id")
        self.count = count


@dataclass
class Change:
    """Stored values of one record's fields before and after an edit."""

    entity: str
    id: int
    uuid: str
    before: dict[str, Any]
    after: dict[str, Any]
    # history entries (person_event) the change wrote: their columns, and "id" once written
    events: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rules' warnings, to show
    version: int | None = None  # the record's version once written (undo checks it)

    @property
    def fields(self) -> list[str]:
        """The registry fields changed (not what followed from them, e.g. 党小组 on a move;
        a 工作单位 kept as text counts as a change of 工作单位)."""
        ent = F.entity(self.entity)
        out = [k for k in self.after if k in ent.by_name]
        if "unit_text" in self.after and "unit_id" not in out and "unit_id" in ent.by_name:
            out.append("unit_id")
        return out


@dataclass
class Refusal:
    """A pasted cell that was not written, and why (Chinese)."""

    id: int
    field: str
    raw: Any
    reason: str


@dataclass
class Snapshot:
    """Rows removed by a delete (the record, and what its deletion cascaded to), and the
    references that were set to NULL or moved, so `restore` can undo it."""

    entity: str
    id: int
    uuid: str
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (table, row)
    nulled: list[tuple[str, int, str, Any]] = field(default_factory=list)  # table,id,col,old
    label: str = ""
    warnings: list[str] = field(default_factory=list)  # rules' warnings, to show


# ---------------------------------------------------------------------------- reading


def _model(entity_key: str):
    return F.entity(entity_key).model


def _get(
    session: Session,
    entity_key: str,
    rec_id: int,
    expect_uuid: str | None,
    expect_version: int | None = None,
):
    ent = F.entity(entity_key)
    obj = session.get(ent.model, rec_id)
    if obj is None or (expect_uuid is not None and obj.uuid != expect_uuid):
        raise NotFoundError(f"这条{ent.label}记录已被删除或替换，请刷新后再试。")
    if expect_version is not None and obj.version != expect_version:
        raise conflict(entity_key, obj)
    return obj


def conflict(entity_key: str, obj) -> ConflictError:
    return ConflictError(
        record_label(entity_key, {"name": getattr(obj, "name", "")}), entity_key, obj.id
    )


def _flush(session: Session, entity_key: str, obj) -> None:
    """Flush; a record someone else saved between our read and this write (the ORM's
    UPDATE … WHERE version = … matched no row) is the same refusal as a stale edit."""
    try:
        session.flush()
    except StaleDataError:
        raise conflict(entity_key, obj) from None


def versions(session: Session, entity_key: str, ids: Iterable[int]) -> dict[int, int]:
    """{id: version} of these records (what a window keeps beside the rows it shows)."""
    model = _model(entity_key)
    ids = list(ids)
    out: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = session.execute(select(model.id, model.version).where(model.id.in_(chunk)))
        out.update((rid, v) for rid, v in rows)
    return out


def stored_values(obj, entity_key: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in F.stored_names(entity_key)}


def record_label(entity_key: str, values: Mapping[str, Any]) -> str:
    name = values.get("name") or ""
    return f"{F.entity(entity_key).label}“{name}”" if name else F.entity(entity_key).label


# ---------------------------------------------------------------------------- planning

UNIQUE = {"id_number", "credit_code"}


def plan(
    session: Session,
    entity_key: str,
    current: Mapping[str, Any],
    raw: Mapping[str, Any],
    *,
    rec_id: int | None = None,
    today: date | None = None,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """The stored values `raw` turns into on top of `current` (changed fields only, with
    birth date and sex derived from a new ID number), or ValidationError saying why.
    The rules' warnings (shown, not refused) are added to `warnings`. Writes nothing."""
    ent = F.entity(entity_key)
    new: dict[str, Any] = {}
    table = ent.model.__table__
    for name, value in raw.items():
        new[name] = F.clean(entity_key, name, value, session=session, today=today)
        if new[name] is None and name in table.c and not table.c[name].nullable:
            raise ValidationError(f"{ent.field(name).label}：不能为空", name)
    kept = F.split_work_unit(entity_key, new)
    if kept and warnings is not None and kept not in warnings:
        warnings.append(kept)
    if "id_number" in new and new["id_number"] and "birth_date" in ent.by_name:
        # The ID number is authoritative: birth date and sex follow it unless typed too.
        derived = F.derive_from_id({"id_number": new["id_number"]})
        for k in ("birth_date", "sex"):
            if k in ent.by_name and k not in raw:
                new[k] = derived[k]
    merged = {**current, **new}
    found = record.judge(
        entity_key,
        merged,
        dict(current) or None,
        cfg=settings.get(session, "pipeline"),
        today=today,
    )
    problems = record.errors(found) + _edit_rules(entity_key, current, new)
    changed = {k for k, v in new.items() if current.get(k, object()) != v}
    problems += tree.record_problems(session, entity_key, merged, rec_id, changed, today)
    if warnings is not None:
        warnings.extend(w for w in record.warnings(found) if w not in warnings)
    if problems:
        raise ValidationError("；".join(problems), next(iter(raw), None))
    for name in UNIQUE & set(new):
        value = new[name]
        if value and value != current.get(name):
            model = ent.model
            other = session.execute(
                select(model.id, model.name).where(getattr(model, name) == value)
            ).first()
            if other is not None and other[0] != rec_id:
                raise ValidationError(
                    f"{ent.field(name).label}{value}已被“{other[1]}”使用，不能重复", name
                )
    return {k: v for k, v in new.items() if current.get(k, object()) != v}


def _edit_rules(entity_key: str, current: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Rules of editing that the import does not share: a person never loses their
    organization by an edit (move them to another one instead)."""
    out = []
    if entity_key == "person" and "org_id" in new and new["org_id"] is None:
        out.append("所在党支部不能清空：人员必须属于一个党组织（可改为其他党组织）")
    return out


# ---------------------------------------------------------------------------- writing


def set_fields(
    session: Session,
    entity_key: str,
    rec_id: int,
    raw: Mapping[str, Any],
    *,
    expect_uuid: str | None = None,
    expect_version: int | None = None,
    today: date | None = None,
) -> Change:
    """Validate and write fields of one record. Raises ValidationError (nothing written),
    NotFoundError when the row no longer holds the record `expect_uuid`, or ConflictError
    when it is no longer at `expect_version` (someone else saved it)."""
    obj = _get(session, entity_key, rec_id, expect_uuid, expect_version)
    current = stored_values(obj, entity_key)
    warned: list[str] = []
    new = plan(session, entity_key, current, raw, rec_id=rec_id, today=today, warnings=warned)
    before = {k: current[k] for k in new}
    _leave_group_on_move(obj, entity_key, new, before)
    for k, v in new.items():
        setattr(obj, k, v)
    _flush(session, entity_key, obj)
    change = Change(
        entity_key, rec_id, obj.uuid, before, dict(new), warnings=warned, version=obj.version
    )
    _write_events(session, change, {**current, **new}, today)
    return change


def _leave_group_on_move(obj, entity_key: str, new: dict, before: dict) -> None:
    """A person moved to another organization leaves their 党小组 (a group of the old one);
    the change carries it, so undo puts them back in it."""
    if (
        entity_key == "person"
        and "org_id" in new
        and getattr(obj, "party_group_id", None) is not None
    ):
        before["party_group_id"] = obj.party_group_id
        new["party_group_id"] = None


# The date field that says when a person entered each category (the history entry's date).
_CATEGORY_DATE = {
    "applicant": "applied_on",
    "activist": "activist_on",
    "target": "target_on",
    "probationary": "admitted_on",
    "full": "full_on",
}


def history_events(
    session: Session, change: Change, values: Mapping[str, Any], today: date | None = None
) -> list[dict[str, Any]]:
    """The person_event rows a change of a person's 人员类别, 在册状态 or 所在党支部 adds to
    their history (dated by the category's own date when it is filled in)."""
    if change.entity != "person":
        return []
    today = today or date.today()
    b, a = change.before, change.after
    out: list[dict[str, Any]] = []
    if "category" in a and b.get("category") != a["category"]:
        on = values.get(_CATEGORY_DATE.get(a["category"], ""), None) or today
        out.append(
            {
                "kind": "category",
                "on": on,
                "from_value": b.get("category"),
                "to_value": a["category"],
            }
        )
    if "status" in a and b.get("status") != a["status"]:
        out.append(
            {"kind": "status", "on": today, "from_value": b.get("status"), "to_value": a["status"]}
        )
    if "org_id" in a and b.get("org_id") != a["org_id"]:
        names = dict(
            session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.id.in_(
                        [i for i in (b.get("org_id"), a["org_id"]) if i is not None]
                    )
                )
            ).all()
        )
        out.append(
            {
                "kind": "move",
                "on": today,
                "from_org_id": b.get("org_id"),
                "to_org_id": a["org_id"],
                "from_value": names.get(b.get("org_id")),
                "to_value": names.get(a["org_id"]),
            }
        )
    return out


def _write_events(
    session: Session, change: Change, values: Mapping[str, Any], today: date | None
) -> None:
    change.events = history_events(session, change, values, today)
    _add_events(session, change)


def _add_events(session: Session, change: Change) -> None:
    from partydesk.ledger.models import PersonEvent

    for ev in change.events:
        row = PersonEvent(person_id=change.id, **{k: v for k, v in ev.items() if k != "id"})
        session.add(row)
        session.flush()
        ev["id"] = row.id


def _drop_events(session: Session, change: Change) -> None:
    from partydesk.ledger.models import PersonEvent

    for ev in change.events:
        row = session.get(PersonEvent, ev.get("id")) if ev.get("id") else None
        if row is not None:
            session.delete(row)
    session.flush()


def write_values(
    session: Session,
    entity_key: str,
    rec_id: int,
    values: Mapping[str, Any],
    *,
    expect_uuid: str | None = None,
    expect_version: int | None = None,
) -> int:
    """Write stored values as they are (undo/redo of a validated change); returns the
    record's new version."""
    obj = _get(session, entity_key, rec_id, expect_uuid, expect_version)
    for k, v in values.items():
        setattr(obj, k, v)
    _flush(session, entity_key, obj)
    return obj.version


def revert(session: Session, changes: Iterable[Change]) -> None:
    """Undo: refused (ConflictError) for a record someone else saved since the change,
    whose work the undo would otherwise overwrite."""
    for ch in reversed(list(changes)):
        ch.version = write_values(
            session, ch.entity, ch.id, ch.before, expect_uuid=ch.uuid, expect_version=ch.version
        )
        _drop_events(session, ch)


def reapply(session: Session, changes: Iterable[Change]) -> None:
    for ch in changes:
        ch.version = write_values(
            session, ch.entity, ch.id, ch.after, expect_uuid=ch.uuid, expect_version=ch.version
        )
        _add_events(session, ch)


def paste_cells(
    session: Session,
    entity_key: str,
    cells: Iterable[tuple[int, str | None, str, Any]],
    *,
    today: date | None = None,
    versions: Mapping[int, int] | None = None,
) -> tuple[list[Change], list[Refusal]]:
    """Write a block of cells (id, expected uuid, field, raw text), each validated on its
    own: the good ones are written, the others come back as refusals with the reason.
    `versions` ({id: version shown}) refuses the cells of rows someone else saved since
    (已被他人修改)."""
    versions = versions or {}
    by_row: dict[int, list[tuple[str | None, str, Any]]] = {}
    for rec_id, uuid, name, raw in cells:
        by_row.setdefault(rec_id, []).append((uuid, name, raw))
    changes: list[Change] = []
    refused: list[Refusal] = []
    for rec_id, row_cells in by_row.items():
        try:
            obj = _get(session, entity_key, rec_id, row_cells[0][0], versions.get(rec_id))
        except (NotFoundError, ConflictError) as e:
            refused += [Refusal(rec_id, n, r, str(e)) for _, n, r in row_cells]
            continue
        current = stored_values(obj, entity_key)
        state = dict(current)
        warned: list[str] = []
        # A row pasted with a category and its date in any column order: cells refused
        # only because another cell of the row was not written yet are tried again.
        pending = [(name, raw) for _, name, raw in row_cells]
        reasons: dict[int, str] = {}
        progress = True
        while pending and progress:
            progress = False
            for cell in list(pending):
                name, raw = cell
                try:
                    if name not in F.entity(entity_key).by_name:
                        raise ValidationError("此列不能修改", name)
                    new = plan(
                        session,
                        entity_key,
                        state,
                        {name: raw},
                        rec_id=rec_id,
                        today=today,
                        warnings=warned,
                    )
                except ValidationError as e:
                    reasons[id(cell)] = str(e)
                    continue
                state.update(new)
                pending.remove(cell)
                progress = True
        refused += [Refusal(rec_id, n, r, reasons[id(c)]) for c in pending for n, r in [c]]
        diff = {k: v for k, v in state.items() if current[k] != v}
        if diff:
            before = {k: current[k] for k in diff}
            _leave_group_on_move(obj, entity_key, diff, before)
            for k, v in diff.items():
                setattr(obj, k, v)
            _flush(session, entity_key, obj)
            changes.append(
                Change(
                    entity_key,
                    rec_id,
                    obj.uuid,
                    before,
                    diff,
                    warnings=warned,
                    version=obj.version,
                )
            )
            _write_events(session, changes[-1], state, today)
    session.flush()
    return changes, refused


def add_record(
    session: Session, entity_key: str, raw: Mapping[str, Any], *, today: date | None = None
) -> Snapshot:
    """Validate and insert a new record; returns its snapshot (redo re-inserts it)."""
    ent = F.entity(entity_key)
    missing = [f.label for f in ent.fields if f.required and (raw.get(f.name) in (None, ""))]
    if missing:
        raise ValidationError(f"{'、'.join(missing)}不能为空", None)
    if entity_key == "person" and raw.get("org_id") in (None, ""):
        raise ValidationError("请填写所在党支部：人员必须属于一个党组织", "org_id")
    warned: list[str] = []
    new = plan(session, entity_key, {}, raw, today=today, warnings=warned)
    obj = ent.model(**new)
    session.add(obj)
    session.flush()
    return Snapshot(
        entity_key,
        obj.id,
        obj.uuid,
        rows=[(ent.model.__tablename__, _row(session, ent.model.__table__, obj.id))],
        label=record_label(entity_key, new),
        warnings=warned,
    )


def members_of(session: Session, org_id: int) -> int:
    return session.scalar(select(func.count(Person.id)).where(Person.org_id == org_id)) or 0


def move_members(session: Session, from_org: int, to_org: int) -> list[int]:
    """Move every person of one organization to another; returns the ids moved."""
    if from_org == to_org:
        raise ValidationError("请选择另一个党组织")
    if session.get(Organization, to_org) is None:
        raise NotFoundError("目标党组织不存在。")
    ids = list(session.scalars(select(Person.id).where(Person.org_id == from_org)))
    for p in session.scalars(select(Person).where(Person.id.in_(ids))):
        p.org_id = to_org
    session.flush()
    return ids


def delete_record(
    session: Session,
    entity_key: str,
    rec_id: int,
    *,
    expect_uuid: str | None = None,
    expect_version: int | None = None,
    move_members_to: int | None = None,
) -> Snapshot:
    """Delete one record, keeping a snapshot for undo. An organization that still has
    people is refused (HasMembersError) unless `move_members_to` names where they go;
    a record saved by someone else since `expect_version` is refused (ConflictError)."""
    ent = F.entity(entity_key)
    obj = _get(session, entity_key, rec_id, expect_uuid, expect_version)
    snap = Snapshot(
        entity_key, rec_id, obj.uuid, label=record_label(entity_key, {"name": obj.name})
    )
    if entity_key == "org":
        n = members_of(session, rec_id)
        if n and move_members_to is None:
            raise HasMembersError(
                f"党组织“{obj.name}”还有{n}名人员，不能删除。"
                "请先把他们转到其他党组织（删除时可选择转入的党组织），或取消删除。",
                n,
            )
        if n:
            for pid in move_members(session, rec_id, move_members_to):
                snap.nulled.append(("person", pid, "org_id", rec_id))
    _collect(session, ent.model.__table__, [rec_id], snap, depth=0)
    try:
        session.delete(obj)
        _flush(session, entity_key, obj)
    except IntegrityError:
        raise ValidationError(
            f"{snap.label}还被其他记录引用，不能删除。请先处理引用它的记录。", None
        ) from None
    session.expire_all()
    return snap


def _row(session: Session, table: Table, rec_id: int) -> dict[str, Any]:
    return dict(session.execute(select(table).where(table.c.id == rec_id)).mappings().one())


def _collect(session: Session, table: Table, ids: list[int], snap: Snapshot, depth: int):
    """Snapshot rows of `table` with these ids and, recursively, the rows the database
    will delete with them (ON DELETE CASCADE) or whose reference it will clear."""
    if not ids or depth > 4:
        return
    for row in session.execute(select(table).where(table.c.id.in_(ids))).mappings():
        snap.rows.append((table.name, dict(row)))
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            col = fk.parent
            refs = (
                session.execute(
                    select(other.c.id).where(
                        col.in_(ids),
                        other.c.id.not_in(
                            [r["id"] for t, r in snap.rows if t == other.name] or [-1]
                        ),
                    )
                )
                .scalars()
                .all()
                if "id" in other.c
                else []
            )
            if not refs:
                continue
            ondelete = (fk.ondelete or "").upper()
            if ondelete == "CASCADE":
                _collect(session, other, list(refs), snap, depth + 1)
            elif ondelete == "SET NULL":
                for r in session.execute(select(other.c.id, col).where(other.c.id.in_(refs))):
                    snap.nulled.append((other.name, r[0], col.name, r[1]))


def restore(session: Session, snap: Snapshot) -> None:
    """Put back what `delete_record` removed (same ids and uuids), or re-insert an added
    record for redo."""
    tables = Base.metadata.tables
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    rows = sorted(snap.rows, key=lambda tr: order.get(tr[0], 0))
    if rows and session.get(_model(snap.entity), snap.id) is not None:
        raise ValidationError(f"{snap.label}已存在，不能重复恢复。", None)
    later: list[tuple[Table, int, dict[str, Any]]] = []
    for tname, row in rows:
        table = tables[tname]
        # References to tables restored later (the organization <-> person cycle) are
        # filled in once every row exists.
        deferred = {
            c.name: row[c.name]
            for c in table.c
            if row.get(c.name) is not None
            and any(order.get(fk.column.table.name, -1) > order[tname] for fk in c.foreign_keys)
        }
        session.execute(table.insert().values({**row, **dict.fromkeys(deferred)}))
        if deferred:
            later.append((table, row["id"], deferred))
    for table, rid, values in later:
        session.execute(update(table).where(table.c.id == rid).values(values))
    for tname, rid, col, old in snap.nulled:
        table = tables[tname]
        session.execute(update(table).where(table.c.id == rid).values({col: old}))
    if rows:
        # Core INSERTs bypass the ORM events that write the 操作日志: say it here.
        from partydesk import audit

        main = _model(snap.entity).__tablename__
        values = next((r for t, r in rows if t == main and r.get("id") == snap.id), {})
        shown = {k: v for k, v in values.items() if k not in audit.IGNORED_COLUMNS}
        extra = len(rows) - 1
        audit.log(
            session,
            "undelete",
            main,
            record_id=snap.id,
            uuid=snap.uuid,
            label=snap.label + (f"（连同{extra}条相关记录）" if extra else ""),
            new=shown,
        )
    session.flush()
    session.expire_all()
