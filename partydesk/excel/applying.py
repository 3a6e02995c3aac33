"""Writing a planned import: the new and updated rows in ONE transaction (new rows by a
raw executemany, stored exactly as the ORM would store them), the organizations the plan
creates first, names of organizations still to be created resolved to their ids. Cancel,
a database error or a crash leaves the ledger as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from partydesk.errors import PartyDeskError
from partydesk.excel import mapping as mapping_mod
from partydesk.excel.planning import NEW, UPDATE, ImportPlan
from partydesk.excel.reading import Cancelled
from partydesk.ledger import fields
from partydesk.ledger.models.base import new_uuid, utcnow

_ORG_FIELDS = ("org_id", "parent_id")


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
    except (IntegrityError, sqlite3.IntegrityError) as e:
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
    org_ids = _org_ids(session, plan)
    later: list[tuple[str, str, str]] = []  # (uuid, field, organization name): after insert
    defaults = _column_defaults(table)
    now = utcnow()
    new_links: list[tuple[str, dict[str, list[int]]]] = []
    has_key = "sort_name" in table.c  # the pinyin sort key of the name
    if new_rows:
        keys = sorted({k for r in new_rows for k in r.values} | set(defaults))
        cols = [*keys, "uuid", "created_at", "updated_at"]
        procs = _bind_processors(session, table, cols)
        sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        org_cols = [(i, k) for i, k in enumerate(keys) if k in _ORG_FIELDS]
        cursor = session.connection().connection.driver_connection.cursor()
        stamp = procs["created_at"](now) if procs.get("created_at") else now
        try:
            for start in range(0, len(new_rows), chunk):
                part = new_rows[start : start + chunk]
                batch = []
                for r in part:
                    v = r.values
                    row = [v.get(k, defaults.get(k)) for k in keys]
                    uid = new_uuid()
                    for i, k in org_cols:
                        if isinstance(row[i], str):
                            got = org_ids.get(row[i])
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
                cursor.executemany(sql, batch)
                step(len(part))
        finally:
            cursor.close()
    if later:
        # organizations named before they were written (a parent further down the sheet)
        org_ids = _org_ids(session, plan, force=True)
        for uid, k, name in later:
            session.execute(update(model).where(model.uuid == uid).values({k: org_ids.get(name)}))
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
                            k: (org_ids.get(v) if k in _ORG_FIELDS and isinstance(v, str) else v)
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


def _org_ids(session: Session, plan: ImportPlan, force: bool = False) -> dict[str, int]:
    """Organization ids by full name, for the names the plan's rows carry."""
    from partydesk.ledger.models import Organization

    names = {
        v
        for r in plan.rows
        if r.status in (NEW, UPDATE)
        for k, v in r.values.items()
        if k in _ORG_FIELDS and isinstance(v, str)
    }
    if not names:
        return {}
    session.flush()
    out: dict[str, int] = {}
    vals = list(names)
    for k in range(0, len(vals), 900):
        for oid, name in session.execute(
            select(Organization.id, Organization.name).where(
                Organization.name.in_(vals[k : k + 900])
            )
        ):
            out.setdefault(name, oid)
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

    todo: list[tuple[int, dict[str, list[int]]]] = []
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
    for rec_id, lks in todo:
        for name, ids in lks.items():
            link(entity, name).write(session, rec_id, ids)
    if todo:
        session.flush()


def _integrity_reason(e: Exception) -> str:
    msg = str(getattr(e, "orig", e))
    if "id_number" in msg:
        return "身份证号重复"
    if "credit_code" in msg:
        return "统一社会信用代码重复"
    if "FOREIGN KEY" in msg:
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
