"""Writing a planned import: the new and updated rows in ONE transaction (new rows by a
raw executemany, stored exactly as the ORM would store them), the organizations the plan
creates first, names of organizations still to be created resolved to their ids. Cancel,
a database error or a crash leaves the ledger as it was."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from partydesk.errors import PartyDeskError
from partydesk.excel import mapping as mapping_mod
from partydesk.excel.planning import NEW, REF_FIELDS, UPDATE, ImportPlan
from partydesk.excel.reading import Cancelled
from partydesk.ledger import dialect, fields
from partydesk.ledger.models.base import utcnow


@dataclass
class ImportResult:
    inserted: int
    updated: int
    skipped: int  # unchanged and error rows
    backup: Path | None = None
    orgs_created: int = 0


def apply_import(
    ledger,
    plan: ImportPlan,
    *,
    remember_mapping: bool = True,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    chunk: int = 2000,
) -> ImportResult:
    """Write the new and updated rows of `plan` in ONE transaction. Error and unchanged
    rows are skipped."""
    return apply_plans(
        ledger,
        [plan],
        remember_mapping=remember_mapping,
        progress=progress,
        cancelled=cancelled,
        chunk=chunk,
    )[0]


def apply_plans(
    ledger,
    plans: list[ImportPlan],
    *,
    remember_mapping=True,
    progress=None,
    cancelled=None,
    chunk=2000,
) -> list[ImportResult]:
    """Several plans (the sheets of one workbook, in order) in ONE transaction."""
    work = [p for p in plans if p.new_orgs or any(r.status in (NEW, UPDATE) for r in p.rows)]
    backup = None
    if work:
        what = "、".join(fields.entity(p.entity).label for p in work)
        backup = _backup_before(ledger, f"导入{what}：{plans[0].path.name}")
    total = sum(sum(1 for r in p.rows if r.status in (NEW, UPDATE)) for p in plans)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done / max(total, 1), f"正在写入 {done:,}/{total:,}…")

    out = []
    try:
        with ledger.session() as session:
            for plan in plans:
                res = _apply_one(session, plan, step, chunk)
                res.backup = backup
                if remember_mapping:
                    mapping_mod.remember(session, plan.entity, plan.headers, plan.mapping)
                out.append(res)
    except (IntegrityError, *dialect.driver_integrity_errors()) as e:
        raise PartyDeskError(
            f"写入时发现与账本中已有记录冲突（{_integrity_reason(e)}），账本未作任何改动。"
            "账本可能在预览之后被修改过，请重新预览后再导入。"
        ) from e
    return out


def _apply_one(session: Session, plan: ImportPlan, step, chunk: int) -> ImportResult:
    ent = fields.entity(plan.entity)
    model = ent.model
    table = model.__table__
    created = _create_orgs(session, plan.new_orgs)
    new_rows = [r for r in plan.rows if r.status == NEW]
    upd_rows = [r for r in plan.rows if r.status == UPDATE]
    ref_ids = _ref_ids(session, plan)
    later: list[tuple[str, str, str]] = []  # (uuid, field, name of a record): after insert
    defaults = _column_defaults(table)
    now = utcnow()
    new_links: list[tuple[str, dict[str, list[int]]]] = []
    has_key = "sort_name" in table.c  # the pinyin sort key of the name
    if new_rows:
        keys = sorted(set(defaults).union(*(r.values for r in new_rows)))
        cols = [*keys, "uuid", "created_at", "updated_at"]
        procs = _bind_processors(session, table, cols)
        head = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES "
        one = f"({', '.join([dialect.placeholder(session)] * len(cols))})"
        ref_cols = [(i, k, ref_ids[REF_FIELDS[k]]) for i, k in enumerate(keys) if k in REF_FIELDS]
        driver = session.connection().connection.driver_connection
        per = _rows_per_statement(driver, len(cols))
        cursor = driver.cursor()
        stamp = procs["created_at"](now) if procs.get("created_at") else now
        # a row's values in column order, a column the row leaves out taking its default
        blank = {**dict.fromkeys(keys), **defaults}
        pick = itemgetter(*keys) if len(keys) > 1 else (lambda d: (d[keys[0]],))
        try:
            for start in range(0, len(new_rows), chunk):
                part = new_rows[start : start + chunk]
                batch = []
                uids = _uuids(len(part))
                for r, uid in zip(part, uids, strict=True):
                    row = list(pick({**blank, **r.values}))
                    for i, k, by_name in ref_cols:
                        if row[i].__class__ is str:
                            got = by_name.get(row[i])
                            if got is None:
                                later.append((uid, k, row[i]))
                            row[i] = got
                    if r.links:
                        new_links.append((uid, r.links))
                    row += (uid, stamp, stamp)
                    batch.append(row)
                for i, k in enumerate(keys):
                    proc = procs.get(k)
                    if proc is not None:
                        for row in batch:
                            if row[i] is not None:
                                row[i] = proc(row[i])
                _insert_many(cursor, head, one, batch, per)
                step(len(part))
        finally:
            cursor.close()
    if later:
        # organizations named before they were written (a parent further down the sheet)
        ref_ids = _ref_ids(session, plan)
        for uid, k, name in later:
            got = ref_ids[REF_FIELDS[k]].get(name)
            session.execute(update(model).where(model.uuid == uid).values({k: got}))
    for start in range(0, len(upd_rows), chunk):
        part = upd_rows[start : start + chunk]
        changed = [r for r in part if r.changes]
        if changed:
            session.execute(
                update(model),
                [
                    {
                        "id": r.target_id,
                        "updated_at": now,
                        **{
                            k: (
                                ref_ids[REF_FIELDS[k]].get(v)
                                if k in REF_FIELDS and v.__class__ is str
                                else v
                            )
                            for k, (_o, v) in r.changes.items()
                        },
                        # a bulk update passes no validator: the pinyin key is emptied
                        # here and filled below
                        **({"sort_name": None} if "name" in r.changes and has_key else {}),
                    }
                    for r in changed
                ],
            )
        step(len(part))
    if has_key:
        from partydesk.ledger.sortkeys import fill_missing

        fill_missing(session, [table.name])
    _write_links(session, plan.entity, model, new_links, upd_rows)
    _audit(session, plan, len(new_rows), len(upd_rows), created)
    skipped = len(plan.rows) - len(new_rows) - len(upd_rows)
    return ImportResult(len(new_rows), len(upd_rows), skipped, None, created)


def _uuids(n: int) -> list[str]:
    """n random (version 4) UUIDs as `new_uuid` writes them, from one read of the system's
    random source (uuid4 a row was a tenth of the write's time)."""
    raw = os.urandom(16 * n).hex()
    out = []
    for k in range(0, 32 * n, 32):
        h = raw[k : k + 32]
        variant = "89ab"[int(h[16], 16) & 3]
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}")
    return out


def _rows_per_statement(driver, n_cols: int) -> int:
    """Rows one INSERT may carry: the driver's bound-variable limit (999 on old SQLite
    builds; `getlimit` exists from Python 3.11's sqlite3), at most 500 rows."""
    try:
        limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, sqlite3.Error):
        limit = 999  # an old build, or a server's driver (PostgreSQL takes 65,535)
    return max(1, min(500, limit // n_cols))


def _insert_many(cursor, head: str, one: str, batch: list[list], per: int) -> None:
    """Many rows per INSERT statement rather than executemany's one statement a row: the
    search index (FTS5, filled by a trigger) writes its pending terms out at every
    statement's savepoint, which made a row-at-a-time insert three to four times slower."""
    for k in range(0, len(batch), per):
        part = batch[k : k + per]
        cursor.execute(head + ",".join([one] * len(part)), list(chain.from_iterable(part)))


def _ref_ids(session: Session, plan: ImportPlan) -> dict[str, dict[str, int]]:
    """Ids by full name of the organizations and units that the plan's rows name by name
    (records new in the same workbook, written before): {"org": {…}, "unit": {…}}."""
    from partydesk.ledger.models import Organization, Unit

    wanted: dict[str, set[str]] = {"org": set(), "unit": set()}
    for r in plan.rows:
        if r.status in (NEW, UPDATE):
            for k, kind in REF_FIELDS.items():
                v = r.values.get(k)
                if v.__class__ is str:
                    wanted[kind].add(v)
    out: dict[str, dict[str, int]] = {"org": {}, "unit": {}}
    if any(wanted.values()):
        session.flush()
    for kind, model in (("org", Organization), ("unit", Unit)):
        out[kind] = _ids_by_name(session, model, wanted[kind])
    return out


def _ids_by_name(session: Session, model, names) -> dict[str, int]:
    out: dict[str, int] = {}
    vals = list(names)
    for k in range(0, len(vals), 900):
        for rid, name in session.execute(
            select(model.id, model.name).where(model.name.in_(vals[k : k + 900]))
        ):
            out.setdefault(name, rid)
    return out


def _create_orgs(session: Session, new_orgs: dict[str, str]) -> int:
    from partydesk.ledger.models import Organization

    for name, kind in new_orgs.items():
        session.add(Organization(name=name, org_type=kind))
    if new_orgs:
        session.flush()
    return len(new_orgs)


def _write_links(session: Session, entity: str, model, new_links, upd_rows) -> None:
    """Link columns (所在单位): for the new records (found by the uuid they were given)
    and for the updated ones whose links differ."""
    from partydesk.excel.links import link
    from partydesk.ledger.models import Unit

    todo: list[tuple[int, dict[str, list[int | str]]]] = []
    uuids = [u for u, _ in new_links]
    by_uuid: dict[str, int] = {}
    for k in range(0, len(uuids), 900):
        by_uuid.update(
            dict(
                session.execute(
                    select(model.uuid, model.id).where(model.uuid.in_(uuids[k : k + 900]))
                ).all()
            )
        )
    todo += [(by_uuid[u], lks) for u, lks in new_links if u in by_uuid]
    todo += [
        (r.target_id, {n: r.links[n] for n in r.link_changes}) for r in upd_rows if r.link_changes
    ]
    # units new in the same workbook are named, not numbered (the link columns are units')
    named = {i for _r, lks in todo for ids in lks.values() for i in ids if i.__class__ is str}
    unit_ids = _ids_by_name(session, Unit, named) if named else {}
    for rec_id, lks in todo:
        for name, ids in lks.items():
            ids = [unit_ids[i] if i.__class__ is str else i for i in ids]
            link(entity, name).write(session, rec_id, ids)
    if todo:
        session.flush()


def _integrity_reason(e: Exception) -> str:
    msg = str(getattr(e, "orig", e))
    if "id_number" in msg:
        return "身份证号重复"
    if "credit_code" in msg:
        return "统一社会信用代码重复"
    if "foreign key" in msg.lower():
        return "引用的党组织或单位已不存在"
    return msg


def _bind_processors(session: Session, table, cols: list[str]) -> dict[str, Callable]:
    """The SQLAlchemy type conversions (dates, booleans …) for a raw executemany, so rows
    written this way are stored exactly as the ORM would store them."""
    dialect = session.get_bind().dialect
    out = {}
    for c in cols:
        proc = table.c[c].type.bind_processor(dialect)
        if proc is not None:
            out[c] = proc
    return out


def _column_defaults(table) -> dict[str, Any]:
    out = {}
    for c in table.columns:
        if c.name in ("id", "uuid", "created_at", "updated_at"):
            continue
        d = c.default
        if d is not None and d.is_scalar:
            out[c.name] = d.arg
    return out


def _backup_before(ledger, reason: str):
    from partydesk.backup import backup_before

    info = backup_before(ledger, reason)  # None when the ledger holds nothing yet
    return info.path if info is not None else None


def _audit(session: Session, plan: ImportPlan, inserted: int, updated: int, orgs: int) -> None:
    """One audit entry for the whole import (rows written in bulk bypass the ORM events)."""
    from partydesk import audit

    ent = fields.entity(plan.entity)
    text = f"从“{plan.path.name}”导入{ent.label}：新增{inserted}条，更新{updated}条"
    if orgs:
        text += f"，新建党组织{orgs}个"
    audit.log(session, "import", ent.model.__tablename__, label=text)
