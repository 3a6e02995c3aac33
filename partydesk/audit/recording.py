"""Recording the audit log: the session listeners that log every ORM change, and `log()`
for work that bypasses the ORM. Entries are written on the change's own connection and
transaction, so a change rolled back leaves no entry."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from partydesk.audit.labels import LABEL_ATTRS, action_label
from partydesk.ledger.lock import current_user
from partydesk.ledger.models.audit import AuditEntry
from partydesk.ledger.models.base import new_uuid, utcnow

SKIP_TABLES: set[str] = {"audit_log", "alembic_version"}
# Columns every record has; their changes say nothing to a clerk.
IGNORED_COLUMNS = {"id", "uuid", "created_at", "updated_at"}
# Settings whose values never appear in the log (the app lock's password hash).
REDACTED_SETTINGS: set[str] = {"app_lock"}
REDACTED = "***"


def who_for(session: Session) -> str:
    ledger = session.info.get("ledger")
    op = getattr(ledger, "operator", None)
    return op or current_user()


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, bytes):
        return f"<{len(v)} 字节>"
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


def _dumps(d: dict | None) -> str | None:
    if d is None:
        return None
    return json.dumps({k: _jsonable(v) for k, v in d.items()}, ensure_ascii=False, sort_keys=True)


def record_label(obj) -> str:
    """A readable label for a record: its own `audit_label()`, else its name/title/…"""
    fn = getattr(obj, "audit_label", None)
    if callable(fn):
        try:
            return str(fn())[:300]
        except Exception:  # noqa: BLE001 - a label must never break a save
            pass
    for attr in LABEL_ATTRS:
        v = obj.__dict__.get(attr)
        if v:
            return str(v)[:300]
    oid = obj.__dict__.get("id")
    return f"#{oid}" if oid is not None else ""


def _row(
    session,
    action,
    table,
    record_id=None,
    uuid=None,
    label="",
    old=None,
    new=None,
    who=None,
    now=None,
):
    now = now or utcnow()
    return {
        "at": now,
        "who": who if who is not None else who_for(session)[:100],
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "record_uuid": uuid,
        "label": (label or "")[:300],
        "old_values": _dumps(old),
        "new_values": _dumps(new),
        "uuid": new_uuid(),
        "created_at": now,
        "updated_at": now,
    }


def _redacted(obj, values: dict | None) -> dict | None:
    if values is None:
        return None
    if (
        getattr(obj, "__tablename__", "") == "setting"
        and obj.__dict__.get("key") in REDACTED_SETTINGS
    ):
        return {k: (REDACTED if k == "value" else v) for k, v in values.items()}
    return values


_COLUMN_KEYS: dict = {}


def _column_keys(mapper) -> tuple[str, ...]:
    keys = _COLUMN_KEYS.get(mapper)
    if keys is None:
        keys = tuple(a.key for a in mapper.column_attrs if a.key not in IGNORED_COLUMNS)
        _COLUMN_KEYS[mapper] = keys
    return keys


def _changes(state, action: str) -> tuple[dict | None, dict | None]:
    """Old and new values of the columns: all of them for an insert or a delete, the
    changed ones for an update (committed_state holds the values as loaded)."""
    keys = _column_keys(state.mapper)
    d = state.dict
    if action == "insert":
        return None, {k: d[k] for k in keys if d.get(k) is not None}
    if action == "delete":
        return {k: d[k] for k in keys if k in d}, None
    old: dict = {}
    new: dict = {}
    for key, before in state.committed_state.items():
        if key not in keys:
            continue
        if before is NO_VALUE or before is NEVER_SET:
            before = None
        after = d.get(key)
        if before != after:
            old[key] = before
            new[key] = after
    return old, new


def _table_ready(session: Session) -> bool:
    """False for a ledger not yet migrated to the audit table (opened with upgrade=False,
    e.g. in a migration test): its writes must still work."""
    ledger = session.info.get("ledger")
    if getattr(ledger, "_audit_ready", False):
        return True
    conn = session.connection()
    ready = (
        conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_log'"
        ).first()
        is not None
        if conn.dialect.name == "sqlite"
        else sa_inspect(conn).has_table("audit_log")
    )
    if ready and ledger is not None:
        ledger._audit_ready = True
    return ready


def _after_flush(session: Session, _flush_context) -> None:
    if session.info.get("audit") is False or not _table_ready(session):
        return
    rows = []
    who = who_for(session)[:100]
    now = utcnow()
    for action, objs in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objs:
            table = getattr(obj, "__tablename__", None)
            if table is None or table in SKIP_TABLES:
                continue
            state = inspect(obj)
            old, new = _changes(state, action)
            if action == "update" and not new:
                continue
            rows.append(
                _row(
                    session,
                    action,
                    table,
                    record_id=state.dict.get("id"),
                    uuid=state.dict.get("uuid"),
                    label=record_label(obj),
                    old=_redacted(obj, old),
                    new=_redacted(obj, new),
                    who=who,
                    now=now,
                )
            )
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def _on_execute(state) -> Any:
    if not (state.is_update or state.is_delete):
        return None
    session = state.session
    if session.info.get("audit") is False:
        return None
    stmt = state.statement
    table = getattr(getattr(stmt, "table", None), "name", None)
    if table is None or table in SKIP_TABLES or not _table_ready(session):
        return None
    result = state.invoke_statement()
    try:
        n = result.rowcount
    except Exception:  # noqa: BLE001
        n = None
    params: dict = {}
    try:
        for k, v in stmt.compile().params.items():
            if k in IGNORED_COLUMNS or re.search(r"_\d+$", k):
                continue  # anonymous binds belong to the WHERE clause, shown below
            params[k] = v
    except Exception:  # noqa: BLE001
        pass
    if isinstance(state.parameters, list):
        params["行数"] = len(state.parameters)
    where = getattr(stmt, "whereclause", None)
    try:
        cond = (
            str(where.compile(compile_kwargs={"literal_binds": True}))
            if where is not None
            else "全部"
        )
    except Exception:  # noqa: BLE001
        cond = str(where)
    detail = {"条件": cond, **params}
    action = "bulk_update" if state.is_update else "bulk_delete"
    label = f"{action_label(action)} {n} 条" if n is not None and n >= 0 else action_label(action)
    session.connection().execute(
        insert(AuditEntry.__table__),
        [
            _row(
                session,
                action,
                table,
                label=label,
                new=detail if state.is_update else None,
                old=detail if state.is_delete else None,
            )
        ],
    )
    return result


def install(ledger) -> None:
    """Record every ORM change made through `ledger.Session` (called by Ledger)."""
    event.listen(ledger.Session, "after_flush", _after_flush)
    event.listen(ledger.Session, "do_orm_execute", _on_execute)


def log(
    session: Session,
    action: str,
    table: str,
    record_id: int | None = None,
    label: str = "",
    old: dict | None = None,
    new: dict | None = None,
    uuid: str | None = None,
    *,
    summary: str | None = None,
) -> None:
    """Record an operation that bypasses the ORM (an import, a bulk insert, a certificate
    action) in the session's transaction: committed together with the work, or not at all.
    `summary` is accepted as another name for `label`."""
    label = label or summary or ""
    session.execute(
        insert(AuditEntry.__table__),
        [
            _row(
                session,
                action,
                table,
                record_id=record_id,
                uuid=uuid,
                label=label,
                old=old,
                new=new,
            )
        ],
    )
