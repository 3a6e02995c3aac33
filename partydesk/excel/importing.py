"""Importing units, organizations, people and instructors from .xlsx.

Two steps, so the window can show a preview before anything is written:

    plan = plan_import(ledger, "person", "roster.xlsx")     # reads and checks, writes nothing
    plan.counts  →  {"new": 120, "update": 3, "unchanged": 40, "error": 2}
    apply_import(ledger, plan)                              # one transaction, all or nothing

Every cell goes through the field registry (`partydesk.ledger.fields`), so a value is
accepted or refused exactly as in the window. A blank cell never erases what the ledger
already holds; it only leaves the field as it is (new records get the usual defaults).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from partydesk.errors import PartyDeskError, ValidationError
from partydesk.excel import mapping as mapping_mod
from partydesk.excel.reading import MAX_ROWS, Cancelled, ExcelFileError, Sheet, read_sheet
from partydesk.ledger import fields
from partydesk.ledger.models.base import new_uuid, utcnow

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
STATUS_LABELS = {NEW: "新增", UPDATE: "更新", UNCHANGED: "无变化", ERROR: "错误"}

# Entity names accepted on the command line and in the window.
ENTITY_ALIASES = {
    "units": "unit",
    "unit": "unit",
    "orgs": "org",
    "org": "org",
    "people": "person",
    "person": "person",
    "members": "person",
    "instructors": "instructor",
    "instructor": "instructor",
}

# How a row finds the record it describes: the first key whose fields are all filled in.
MATCH_KEYS: dict[str, list[tuple[str, ...]]] = {
    "unit": [("credit_code",), ("name",)],
    "org": [("name",)],
    "person": [("id_number",), ("name", "org_id")],
    "instructor": [("id_number",), ("name", "home_unit")],
}
KEY_LABEL = {"id_number": "身份证号", "credit_code": "信用代码"}

# Kinds whose cells repeat a lot (so cleaning is memoized per distinct cell value).
_CACHED_KINDS = {"enum", "bool", "org", "unit", "date", "past_date", "int"}


def entity_key(text: str) -> str:
    try:
        return ENTITY_ALIASES[text]
    except KeyError:
        raise ValidationError(
            f"未知的导入类型：{text}（可用：units、orgs、people、instructors）"
        ) from None


@dataclass(slots=True)
class RowResult:
    """One data row of the sheet and what importing it would do."""

    row_no: int  # row number in the sheet, as the user sees it in Excel
    cells: tuple  # the user's cells, unchanged
    status: str = NEW
    values: dict[str, Any] = field(default_factory=dict)  # cleaned, non-blank values
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field: (old, new)
    reasons: list[str] = field(default_factory=list)
    target_id: int | None = None
    links: dict[str, list[int]] = field(default_factory=dict)  # link column: linked ids
    link_changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # (old, new) text

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)

    def describe_changes(self, entity_key: str) -> str:
        from partydesk.excel.links import link

        parts = [
            f"{fields.label_of(entity_key, k)}：{_show(entity_key, k, old)}→{_show(entity_key, k, new)}"
            for k, (old, new) in self.changes.items()
        ]
        parts += [
            f"{link(entity_key, k).label}：{old or '（空）'}→{new or '（空）'}"
            for k, (old, new) in self.link_changes.items()
        ]
        return "；".join(parts)


def _show(entity_key: str, name: str, value) -> str:
    if value is None:
        return "（空）"
    if name in ("org_id", "parent_id"):
        return f"#{value}"
    return fields.display(entity_key, name, value) or "（空）"


@dataclass
class ImportPlan:
    entity: str
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: list[str | None]
    rows: list[RowResult]
    ignored_headers: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    title_rows: list[tuple] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.rows)
        return {k: c.get(k, 0) for k in (NEW, UPDATE, UNCHANGED, ERROR)}

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]

    def summary(self) -> str:
        c = self.counts
        return f"新增{c[NEW]}条，更新{c[UPDATE]}条，无变化{c[UNCHANGED]}条，错误{c[ERROR]}条"


@dataclass
class ImportResult:
    inserted: int
    updated: int
    skipped: int  # unchanged and error rows
    backup: Path | None = None


# ---------------------------------------------------------------------------- planning


def read_for(
    entity: str,
    path,
    sheet: str | None = None,
    *,
    max_rows: int = MAX_ROWS,
    progress=None,
    cancelled=None,
) -> Sheet:
    return read_sheet(
        path,
        sheet,
        mapping_mod.score_headers(entity),
        max_rows=max_rows,
        progress=progress,
        cancelled=cancelled,
    )


def plan_import(
    ledger,
    entity: str,
    path: str | Path,
    sheet: str | None = None,
    mapping: list[str | None] | None = None,
    *,
    today: date | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    max_rows: int = MAX_ROWS,
    sheet_data: Sheet | None = None,
) -> ImportPlan:
    """Read and check every row; write nothing. `mapping` (one field name or None per
    column) overrides the guess from the headers and the remembered choices."""
    entity = entity_key(entity) if entity not in fields.ENTITIES else entity
    sub = (lambda f, t: progress(f * 0.6, t)) if progress else None
    data = sheet_data or read_for(
        entity, path, sheet, max_rows=max_rows, progress=sub, cancelled=cancelled
    )
    with ledger.Session() as session:
        if mapping is None:
            mapping = mapping_mod.auto_mapping(
                entity, data.headers, mapping_mod.load_remembered(session, entity)
            )
        else:
            mapping = (list(mapping) + [None] * len(data.headers))[: len(data.headers)]
            _check_mapping(entity, data.headers, mapping)
        plan = ImportPlan(
            entity,
            Path(path),
            data.name,
            data.header_row,
            data.headers,
            mapping,
            [],
            title_rows=data.title_rows,
        )
        plan.ignored_headers = [
            h for h, m in zip(data.headers, mapping, strict=False) if h and m is None
        ]
        ent = fields.entity(entity)
        mapped = {m for m in mapping if m}
        plan.missing_required = [f.label for f in ent.fields if f.required and f.name not in mapped]
        if "name" not in mapped:
            raise ExcelFileError(
                f"表头中没有“{ent.field('name').label}”列，无法识别记录。请检查表头或列对应关系。"
            )
        _classify(session, plan, data.rows, today or date.today(), progress, cancelled)
    return plan


def _check_mapping(entity: str, headers: list[str], mapping: list[str | None]) -> None:
    from partydesk.excel.links import link

    ent = fields.entity(entity)
    seen: dict[str, int] = {}
    for i, name in enumerate(mapping):
        if not name:
            continue
        lk = link(entity, name)
        label = lk.label if lk is not None else ent.field(name).label
        if name in seen:
            raise ValidationError(
                f"“{label}”对应了两列（第{seen[name] + 1}列和第{i + 1}列），请只保留一列。"
            )
        seen[name] = i


def _cell_cleaner(entity: str, name: str, session: Session, today: date):
    f = fields.entity(entity).field(name)
    fn = fields.cleaner(entity, name, session, today)
    if f.kind not in _CACHED_KINDS:
        return fn
    cache: dict = {}

    def cached(raw):
        try:
            hit = cache[raw]
        except KeyError:
            try:
                hit = (True, fn(raw))
            except ValidationError as e:
                hit = (False, e)
            except TypeError:  # unhashable: not from a sheet, but never crash
                return fn(raw)
            cache[raw] = hit
        except TypeError:
            return fn(raw)
        if hit[0]:
            return hit[1]
        raise hit[1]

    return cached


_MISS = object()


class _Refused:
    __slots__ = ("error",)

    def __init__(self, error: ValidationError):
        self.error = error


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _classify(
    session: Session, plan: ImportPlan, sheet_rows: list, today: date, progress, cancelled
) -> None:
    from partydesk import settings
    from partydesk.excel.links import link

    entity = plan.entity
    ent = fields.entity(entity)
    model = ent.model
    rules_cfg = settings.get(session, "pipeline")  # the one rule set's thresholds
    link_cols = [
        (i, link(entity, name))
        for i, name in enumerate(plan.mapping)
        if name and link(entity, name) is not None
    ]
    cols = [
        (
            i,
            name,
            fields.cleaner(entity, name, session, today),
            ent.field(name).required,
            {} if ent.field(name).kind in _CACHED_KINDS else None,
        )
        for i, name in enumerate(plan.mapping)
        if name and link(entity, name) is None
    ]
    linked_now = {lk.name: lk.current(session) for _, lk in link_cols}
    link_cache: dict[tuple[str, Any], Any] = {}
    link_names: dict[str, dict[int, str]] = {}  # read once, when the first change is found
    mapped = {c[1] for c in cols}
    names = [f.name for f in ent.fields]

    # What the ledger holds now, and indexes for matching.
    existing: dict[int, dict[str, Any]] = {}
    table_cols = [model.id] + [getattr(model, n) for n in names]
    for row in session.execute(select(*table_cols)):
        existing[row[0]] = dict(zip(names, row[1:], strict=True))
    keys = _match_keys(entity, mapped)
    index: list[dict[tuple, list[int]]] = []
    for spec in keys:
        idx: dict[tuple, list[int]] = {}
        for rid, vals in existing.items():
            k = tuple(vals[f] for f in spec)
            if all(v is not None for v in k):
                idx.setdefault(k, []).append(rid)
        index.append(idx)
    seen: list[dict[tuple, int]] = [{} for _ in keys]
    seen_targets: dict[int, int] = {}
    derive_sex = "sex" in ent.by_name
    required_fields = [(f.name, f.label) for f in ent.fields if f.required]
    derive_birth = "birth_date" in ent.by_name

    rows = plan.rows
    n_rows = len(sheet_rows)
    for count, (row_no, cells) in enumerate(sheet_rows):
        if count % 2000 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(0.6 + 0.4 * count / max(n_rows, 1), f"正在检查第{count:,}/{n_rows:,}行…")
        r = RowResult(row_no, cells)
        rows.append(r)
        vals = r.values
        reasons = r.reasons
        for i, name, fn, required, cache in cols:
            raw = cells[i]
            if raw is None or (raw.__class__ is str and not raw.strip()):
                if required:
                    reasons.append(f"{ent.field(name).label}：不能为空")
                continue
            if cache is not None:
                # Enum, flag, date and organization cells repeat: clean each distinct value once.
                v = cache.get(raw, _MISS)
                if v is _MISS:
                    try:
                        v = fn(raw)
                    except ValidationError as e:
                        v = _Refused(e)
                    cache[raw] = v
                if v.__class__ is _Refused:
                    reasons.append(str(v.error))
                else:
                    vals[name] = v
                continue
            try:
                vals[name] = fn(raw)
            except ValidationError as e:
                reasons.append(str(e))
        for i, lk in link_cols:
            raw = cells[i]
            if _blank(raw):
                continue  # a blank cell never erases: the links stay as they are
            got = link_cache.get((lk.name, raw), _MISS)
            if got is _MISS:
                try:
                    got = lk.parse(session, raw)
                except ValidationError as e:
                    got = _Refused(e)
                link_cache[(lk.name, raw)] = got
            if got.__class__ is _Refused:
                reasons.append(str(got.error))
            else:
                r.links[lk.name] = got
        if reasons:
            r.status = ERROR
            continue
        # Birth date and sex follow from the ID number where the sheet leaves them blank.
        num = vals.get("id_number")
        if num is not None:
            if derive_birth and "birth_date" not in vals:
                vals["birth_date"] = date(int(num[6:10]), int(num[10:12]), int(num[12:14]))
            if derive_sex and "sex" not in vals:
                vals["sex"] = "M" if int(num[16]) % 2 == 1 else "F"

        # Which record does it describe?
        target = None
        for k, spec in enumerate(keys):
            key = tuple([vals.get(f) for f in spec])
            if None in key:
                continue
            first = seen[k].get(key)
            if first is not None:
                what = "、".join(KEY_LABEL.get(f, fields.label_of(entity, f)) for f in spec)
                reasons.append(f"与第{first}行重复（{what}相同）")
                break
            seen[k][key] = row_no
            if target is None:
                hits = index[k].get(key, ())
                if k > 0 and hits:
                    # A homonym with a different ID number is another person.
                    first_spec = keys[0]
                    hits = [
                        h
                        for h in hits
                        if all(
                            existing[h][f] is None or existing[h][f] == vals.get(f, existing[h][f])
                            for f in first_spec
                        )
                    ]
                if len(hits) > 1:
                    what = "、".join(fields.label_of(entity, f) for f in spec)
                    reasons.append(
                        f"账本中有{len(hits)}条{what}相同的记录，请补充{KEY_LABEL.get(keys[0][0], '更多信息')}以区分"
                    )
                    break
                if hits:
                    target = hits[0]
        if not reasons and target is not None:
            prev = seen_targets.get(target)
            if prev is not None:
                reasons.append(f"与第{prev}行是同一条记录")
            else:
                seen_targets[target] = row_no
        if reasons:
            r.status = ERROR
            continue

        if target is None:
            missing = [label for n, label in required_fields if n not in vals]
            if missing:
                r.status = ERROR
                reasons.append(f"新增记录缺少{'、'.join(missing)}")
                continue
            problems = fields.check_record(entity, vals, cfg=rules_cfg, today=today)
            if problems:
                r.status = ERROR
                reasons.extend(problems)
                continue
            r.status = NEW
            continue
        old = existing[target]
        r.target_id = target
        changes = {k: (old[k], v) for k, v in vals.items() if old[k] != v}
        for name, ids in r.links.items():
            before = linked_now[name].get(target, [])
            if set(before) != set(ids):
                lk = link(entity, name)
                if name not in link_names:
                    link_names[name] = lk.targets(session)
                r.link_changes[name] = (
                    lk.text(link_names[name], before),
                    lk.text(link_names[name], ids),
                )
        if changes:
            problems = fields.check_record(entity, {**old, **vals}, old, cfg=rules_cfg, today=today)
            if problems:
                r.status = ERROR
                reasons.extend(problems)
                continue
            r.status = UPDATE
            r.changes = changes
        elif r.link_changes:
            r.status = UPDATE
        else:
            r.status = UNCHANGED


def _match_keys(entity: str, mapped: set[str]) -> list[tuple[str, ...]]:
    out = []
    for spec in MATCH_KEYS[entity]:
        have = tuple(f for f in spec if f in mapped)
        if "name" in spec and "name" in have:
            out.append(have)
        elif have == spec:
            out.append(spec)
    return out


# ---------------------------------------------------------------------------- applying


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
    rows are skipped. Cancel, a database error or a crash leaves the ledger as it was."""
    ent = fields.entity(plan.entity)
    model = ent.model
    table = model.__table__
    new_rows = [r for r in plan.rows if r.status == NEW]
    upd_rows = [r for r in plan.rows if r.status == UPDATE]
    backup = None
    if new_rows or upd_rows:
        backup = _backup_before(ledger, f"导入{ent.label}：{plan.path.name}")
    defaults = _column_defaults(table)
    now = utcnow()
    total = len(new_rows) + len(upd_rows)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done / max(total, 1), f"正在写入 {done:,}/{total:,}…")

    new_links: list[tuple[str, dict[str, list[int]]]] = []  # (uuid of a new record, links)
    try:
        with ledger.session() as session:
            if new_rows:
                keys = sorted({k for r in new_rows for k in r.values} | set(defaults))
                cols = [*keys, "uuid", "created_at", "updated_at"]
                procs = _bind_processors(session, table, cols)
                sql = (
                    f"INSERT INTO {table.name} ({', '.join(cols)}) "
                    f"VALUES ({', '.join('?' * len(cols))})"
                )
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
            if upd_rows:
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
                                    **{k: v for k, (_o, v) in r.changes.items()},
                                }
                                for r in changed
                            ],
                        )
                    step(len(part))
            _write_links(session, plan.entity, model, new_links, upd_rows)
            if remember_mapping:
                mapping_mod.remember(session, plan.entity, plan.headers, plan.mapping)
            _audit(session, ledger, plan, len(new_rows), len(upd_rows))
    except (IntegrityError, sqlite3.IntegrityError) as e:
        raise PartyDeskError(
            f"写入时发现与账本中已有记录冲突（{_integrity_reason(e)}），账本未作任何改动。"
            "账本可能在预览之后被修改过，请重新预览后再导入。"
        ) from e
    return ImportResult(len(new_rows), len(upd_rows), len(plan.rows) - total, backup)


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
        elif not c.nullable and c.server_default is None and d is None:
            continue
    return out


def _backup_before(ledger, reason: str):
    from partydesk.backup import backup_before

    info = backup_before(ledger, reason)  # None when the ledger holds nothing yet
    return info.path if info is not None else None


def _audit(session: Session, ledger, plan: ImportPlan, inserted: int, updated: int) -> None:
    """One audit entry for the whole import (rows written in bulk bypass the ORM events)."""
    from partydesk import audit

    ent = fields.entity(plan.entity)
    text = f"从“{plan.path.name}”导入{ent.label}：新增{inserted}条，更新{updated}条"
    audit.log(session, "import", ent.model.__tablename__, label=text)


# ---------------------------------------------------------------------------- error report


def write_error_report(plan: ImportPlan, path: str | Path, *, include_all: bool = False) -> Path:
    """The user's own error rows (their header, their cells) with a reason column at the
    end, ready to fix and import again."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from partydesk.excel.writing import save_workbook

    p = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(plan.sheet[:31] or "Sheet1")
    ws.freeze_panes = "A2"
    width = len(plan.headers)
    from openpyxl.cell import WriteOnlyCell

    bold = Font(bold=True)
    red = Font(bold=True, color="C00000")
    head = []
    for h in plan.headers:
        c = WriteOnlyCell(ws, h)
        c.font = bold
        head.append(c)
    rc = WriteOnlyCell(ws, "错误原因")
    rc.font = red
    rc.fill = PatternFill("solid", fgColor="FFF2CC")
    head.append(rc)
    for i, h in enumerate(plan.headers):
        ws.column_dimensions[_col(i)].width = max(10, min(40, len(h) * 2 + 4))
    ws.column_dimensions[_col(width)].width = 60
    ws.append(head)
    for r in plan.rows:
        if r.status != ERROR and not include_all:
            continue
        cells = list(r.cells[:width]) + [None] * (width - len(r.cells))
        out = []
        for v in cells:
            if isinstance(v, datetime) and v.time() == datetime.min.time():
                v = v.date()
            out.append(v)
        out.append(f"第{r.row_no}行：{r.reason}" if r.status == ERROR else STATUS_LABELS[r.status])
        ws.append(out)
    save_workbook(wb, p)
    return p


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)
