"""Recording the audit log: the session listeners that log every ORM change, and `log()`
for work that bypasses the ORM. Entries are written on the change's own connection and
transaction, so a change rolled back leaves no entry."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from partydesk.audit import chain
from partydesk.audit.labels import LABEL_ATTRS
from partydesk.ledger.lock import current_user
from partydesk.ledger.models.audit import AuditEntry
from partydesk.ledger.models.base import new_uuid, utcnow

SKIP_TABLES: set[str] = {"audit_log", "alembic_version"}
# Columns every record has; their changes say nothing to a clerk.
# sort_name is the pinyin key derived from name (a name change is logged once, as the name);
# version is the row's edit counter
IGNORED_COLUMNS = {"id", "uuid", "created_at", "updated_at", "version", "sort_name"}
# Settings whose values never appear in the log (the app lock's password hash).
REDACTED_SETTINGS: set[str] = {"app_lock"}
REDACTED = "***"


def who_for(session: Session) -> str:
    """Who made a change: on a server ledger the clerk's account (the database role the
    server itself knows them by — what row-level security decides on), on a ledger file
    the OS user; a named operator goes before either."""
    ledger = session.info.get("ledger")
    op = getattr(ledger, "operator", None)
    account = server_account(session)
    if account is None:
        return op or current_user()
    return f"{op}（{account}）" if op else account


def server_account(session: Session) -> str | None:
    """The database role of a PostgreSQL session (read once per session), else None."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if "server_account" not in session.info:
        session.info["server_account"] = session.connection().scalar(text("SELECT current_user"))
    return session.info["server_account"]


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
    from partydesk.ledger import dialect

    ready = dialect.has_table(conn, "audit_log")
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
        _write(session, rows)


def _before_flush(session: Session, _ctx, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        chain.take_turn(session)


def _on_execute(state) -> Any:
    """ORM bulk UPDATE/DELETE (an import's updates, a bulk change): one entry per record
    with the old values it overwrote (read just before, in the same transaction)."""
    if state.is_insert or state.is_update or state.is_delete:
        chain.take_turn(state.session)
    if not (state.is_update or state.is_delete):
        return None
    session = state.session
    if session.info.get("audit") is False:
        return None
    stmt = state.statement
    table_obj = getattr(stmt, "table", None)
    table = getattr(table_obj, "name", None)
    if table is None or table in SKIP_TABLES or not _table_ready(session):
        return None
    if "id" not in table_obj.c:
        return None
    by_pk = isinstance(state.parameters, list) and state.parameters
    if by_pk:
        new_by_id = {p["id"]: p for p in state.parameters if "id" in p}
        cols = sorted({k for p in state.parameters for k in p} - IGNORED_COLUMNS)
        before = _read(session, table_obj, cols, ids=list(new_by_id))
    else:
        where = getattr(stmt, "whereclause", None)
        if state.is_update:
            values = _set_values(stmt)
            cols = sorted(set(values) - IGNORED_COLUMNS)
        else:
            values = {}
            cols = [c.name for c in table_obj.c if c.name not in IGNORED_COLUMNS]
        before = _read(session, table_obj, cols, where=where)
        new_by_id = {rid: values for rid in before}
    result = state.invoke_statement()
    who = who_for(session)[:100]
    now = utcnow()
    rows = []
    for rid, old_row in before.items():
        label = old_row.pop("__label__", "")
        if state.is_delete:
            old, new, action = old_row, None, "bulk_delete"
        else:
            given = new_by_id.get(rid, {})
            old = {k: v for k, v in old_row.items() if k in given and given[k] != v}
            if not old:
                continue
            new, action = {k: given[k] for k in old}, "bulk_update"
        rows.append(
            _row(
                session,
                action,
                table,
                record_id=rid,
                label=label,
                old=old,
                new=new,
                who=who,
                now=now,
            )
        )
    if rows:
        _write(session, rows)
    return result


def _set_values(stmt) -> dict:
    """The SET part of an UPDATE statement: column name -> literal value (expressions such
    as counter + 1 are left out: their new value is not known before the statement)."""
    out = {}
    for col, val in getattr(stmt, "_values", {}).items():
        name = getattr(col, "key", None) or str(col)
        value = getattr(val, "value", None)
        if value is not None or getattr(val, "__visit_name__", "") == "bindparam":
            out[name] = value
    return out


def _read(session: Session, table_obj, cols: list[str], ids=None, where=None) -> dict:
    """{id: {column: value, "__label__": name}} of the rows a bulk statement will touch."""
    cols = [c for c in cols if c in table_obj.c]
    label_col = next((a for a in LABEL_ATTRS if a in table_obj.c), None)
    sel = [table_obj.c.id, *(table_obj.c[c] for c in cols)]
    if label_col is not None:
        sel.append(table_obj.c[label_col].label("__label__"))
    conn = session.connection()
    out: dict = {}
    if ids is not None:
        for k in range(0, len(ids), 500):
            q = select(*sel).where(table_obj.c.id.in_(ids[k : k + 500]))
            out.update({r.id: {**r._mapping} for r in conn.execute(q)})
    else:
        q = select(*sel)
        if where is not None:
            q = q.where(where)
        out = {r.id: {**r._mapping} for r in conn.execute(q)}
    for d in out.values():
        d.pop("id", None)
        d["__label__"] = str(d.get("__label__") or "")
    return out


def _write(session: Session, rows: list[dict]) -> None:
    """Insert entries, chained to the log before them (partydesk.audit.chain)."""
    chain.link(session, rows)
    session.connection().execute(insert(AuditEntry.__table__), rows)


def install(ledger) -> None:
    """Record every ORM change made through `ledger.Session` (called by Ledger)."""
    event.listen(ledger.Session, "before_flush", _before_flush)
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
    session.flush()  # pending ORM changes first: their entries come before this one
    _write(
        session,
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


def log_many(session: Session, entries: list[dict]) -> None:
    """Record many changes made without the ORM (a merge of ledgers) in one go: each
    entry a dict of `action`, `table`, `record_id`, `uuid`, `label`, `old`, `new`."""
    if not entries:
        return
    session.flush()
    who = who_for(session)[:100]
    now = utcnow()
    _write(
        session,
        [
            _row(
                session,
                e["action"],
                e["table"],
                record_id=e.get("record_id"),
                uuid=e.get("uuid"),
                label=e.get("label", ""),
                old=e.get("old"),
                new=e.get("new"),
                who=who,
                now=now,
            )
            for e in entries
        ],
    )
