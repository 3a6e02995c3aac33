"""The audit log (操作日志): every change to a ledger, who made it, old and new values.

Every ORM change is recorded automatically: `install(ledger)` (called by Ledger) listens
to the ledger's sessions (after_flush: attribute history gives old and new values) and to
ORM bulk UPDATE/DELETE statements (do_orm_execute: one summary row each). The entries are
written on the same connection, in the same transaction, as the change itself: a change
that is rolled back leaves no entry, and no change is committed without its entry.

Work that bypasses the ORM (imports with bulk inserts, raw SQL) calls `log(...)` itself.
Bulk INSERT statements are not recorded automatically (the demo generator makes 100,000
rows that way; an import records one `import` entry instead). Set
`session.info["audit"] = False` to switch recording off for a session.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from partydesk.errors import ValidationError
from partydesk.ledger.lock import current_user
from partydesk.ledger.models.audit import AuditEntry
from partydesk.ledger.models.base import new_uuid, utcnow

SKIP_TABLES: set[str] = {"audit_log", "alembic_version"}
# Columns every record has; their changes say nothing to a clerk.
IGNORED_COLUMNS = {"id", "uuid", "created_at", "updated_at"}
# Settings whose values never appear in the log (the app lock's password hash).
REDACTED_SETTINGS: set[str] = {"app_lock"}
REDACTED = "***"

ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "undelete": "撤销删除",
    "import": "导入",
    "bulk_update": "批量修改",
    "bulk_delete": "批量删除",
    "cert": "证书",
    "restore": "恢复备份",
    "backup": "备份",
    "password": "密码",
}

# Chinese names of tables; features may add theirs (audit.TABLE_LABELS["x"] = "…").
TABLE_LABELS = {
    "unit": "两新组织",
    "organization": "党组织",
    "org_host_unit": "党组织所在单位",
    "party_group": "党小组",
    "person": "党员与发展对象",
    "person_event": "人员经历",
    "committee_member": "支委成员",
    "instructor": "党建指导员",
    "instructor_assignment": "指导员联系单位",
    "setting": "设置",
    "ledger": "账本",
}

_LABEL_ATTRS = ("name", "title", "serial", "serial_no", "key", "topic", "subject")

# Chinese names of columns for display (the log itself stores column names and codes).
# Keys are "table.column" or just "column"; features may add theirs.
FIELD_LABELS = {
    "person.name": "姓名",
    "name": "名称",
    "short_name": "简称",
    "phone": "手机号",
    "job": "工作岗位",
    "id_number": "身份证号",
    "sex": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "education": "学历",
    "org_id": "所在党组织",
    "unit_id": "所在单位",
    "party_group_id": "党小组",
    "category": "人员类别",
    "status": "状态",
    "note": "备注",
    "applied_on": "申请入党日期",
    "talked_on": "谈话日期",
    "activist_on": "确定积极分子日期",
    "last_review_on": "最近考察日期",
    "target_on": "确定发展对象日期",
    "admitted_on": "入党日期",
    "full_on": "转正日期",
    "probation_extension_months": "延长预备期(月)",
    "is_flowing": "流动党员",
    "flow_to": "外出流向",
    "flow_since": "外出日期",
    "lost_contact": "失联",
    "credit_code": "统一社会信用代码",
    "kind": "类型",
    "industry": "行业",
    "street": "街道",
    "address": "地址",
    "legal_rep": "法定代表人",
    "employees": "职工人数",
    "members_employed": "党员人数",
    "above_scale": "规上",
    "high_tech": "高新",
    "key_unit": "重点单位",
    "has_union": "工会",
    "has_league": "团组织",
    "org_type": "组织类型",
    "formation": "组建方式",
    "parent_id": "上级组织",
    "founded_on": "成立日期",
    "term_start": "任期开始",
    "term_end": "任期结束",
    "secretary_id": "书记",
    "contact_phone": "联系电话",
    "dissolved_on": "撤销日期",
    "setting.key": "设置项",
    "setting.value": "值",
}


def _value_enums() -> dict:
    from partydesk.ledger import enums

    return {
        "person.category": enums.Category,
        "person.sex": enums.Sex,
        "person.status": enums.PersonStatus,
        "unit.kind": enums.UnitKind,
        "unit.status": enums.UnitStatus,
        "organization.org_type": enums.OrgType,
        "organization.formation": enums.Formation,
    }


# Coded values shown by their Chinese label: "table.column" -> a LabeledEnum class.
VALUE_ENUMS: dict = {}


def field_label(table: str, column: str) -> str:
    return FIELD_LABELS.get(f"{table}.{column}") or FIELD_LABELS.get(column) or column


def value_label(table: str, column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if not VALUE_ENUMS:
        VALUE_ENUMS.update(_value_enums())
    enum = VALUE_ENUMS.get(f"{table}.{column}")
    if enum is not None and isinstance(value, str):
        return enum.label_of(value)
    return str(value)


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


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
    for attr in _LABEL_ATTRS:
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


# ---- reading the log ----------------------------------------------------------------


def local_to_utc(dt: datetime) -> datetime:
    return (
        dt.astimezone(UTC).replace(tzinfo=None)
        if dt.tzinfo
        else (dt.astimezone().astimezone(UTC).replace(tzinfo=None))
    )


def utc_to_local(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def resolve_table(text: str | None) -> str | None:
    """A table name from its name or Chinese label (`--table person` / `--table 党组织`)."""
    if not text:
        return None
    if text in TABLE_LABELS or text.isascii():
        return text
    hits = [t for t, lbl in TABLE_LABELS.items() if text in lbl]
    if len(hits) == 1:
        return hits[0]
    raise ValidationError(
        f"无法确定数据表“{text}”：" + ("、".join(TABLE_LABELS[h] for h in hits) or "没有这个表")
    )


@dataclass
class AuditFilter:
    since: date | datetime | None = None  # local date/time, inclusive
    until: date | datetime | None = None  # local date (whole day) / time, inclusive
    table: str | None = None
    who: str | None = None
    action: str | None = None
    text: str | None = None  # part of the label or of the values

    def where(self) -> list:
        conds = []
        if self.since is not None:
            s = (
                self.since
                if isinstance(self.since, datetime)
                else datetime.combine(self.since, time.min)
            )
            conds.append(AuditEntry.at >= local_to_utc(s))
        if self.until is not None:
            if isinstance(self.until, datetime):
                conds.append(AuditEntry.at <= local_to_utc(self.until))
            else:
                end = datetime.combine(self.until, time.max)
                conds.append(AuditEntry.at <= local_to_utc(end))
        if self.table:
            conds.append(AuditEntry.table_name == resolve_table(self.table))
        if self.who:
            conds.append(AuditEntry.who.contains(self.who))
        if self.action:
            a = self.action
            for code, lbl in ACTION_LABELS.items():
                if a == lbl:
                    a = code
            conds.append(AuditEntry.action == a)
        if self.text:
            like = f"%{self.text}%"
            conds.append(
                AuditEntry.label.like(like)
                | AuditEntry.old_values.like(like)
                | AuditEntry.new_values.like(like)
            )
        return conds


def query_ids(
    session: Session, flt: AuditFilter | None = None, limit: int | None = None
) -> list[int]:
    """Ids of matching entries, newest first (the GUI fetches rows on demand)."""
    stmt = select(AuditEntry.id).where(*(flt or AuditFilter()).where())
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def query(
    session: Session, flt: AuditFilter | None = None, limit: int | None = None
) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(*(flt or AuditFilter()).where())
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def count(session: Session) -> int:
    return session.scalar(select(func.count(AuditEntry.id))) or 0


def distinct_values(session: Session, column) -> list[str]:
    return [v for v in session.scalars(select(column).distinct().order_by(column)) if v]


def values_dict(raw: str | None) -> dict:
    if not raw:
        return {}
    try:
        d = json.loads(raw)
    except ValueError:
        return {"": raw}
    return d if isinstance(d, dict) else {"": d}


def values_text(raw: str | None, table: str = "") -> str:
    """JSON values as one readable line: `姓名=张伟; 手机号=138…; 人员类别=正式党员`."""
    return "; ".join(
        f"{field_label(table, k)}={value_label(table, k, v)}" for k, v in values_dict(raw).items()
    )


HEADERS = ["时间", "操作人", "操作", "数据表", "记录编号", "记录", "原值", "新值"]


def entry_row(e: AuditEntry) -> list:
    return [
        utc_to_local(e.at).strftime("%Y-%m-%d %H:%M:%S"),
        e.who,
        action_label(e.action),
        table_label(e.table_name),
        e.record_id,
        e.label,
        values_text(e.old_values, e.table_name),
        values_text(e.new_values, e.table_name),
    ]


def export_xlsx(session: Session, path: str | Path, flt: AuditFilter | None = None) -> int:
    """Write the matching entries to an .xlsx file; returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("操作日志")
    for col, width in zip("ABCDEFGH", (20, 12, 10, 14, 10, 30, 50, 50), strict=True):
        ws.column_dimensions[col].width = width
    from openpyxl.cell import WriteOnlyCell

    head = []
    for h in HEADERS:
        c = WriteOnlyCell(ws, value=h)
        c.font = Font(bold=True)
        head.append(c)
    ws.append(head)
    n = 0
    stmt = select(AuditEntry).where(*(flt or AuditFilter()).where())
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    for e in session.scalars(stmt.execution_options(yield_per=1000)):
        ws.append(entry_row(e))
        n += 1
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        from partydesk.errors import PartyDeskError

        raise PartyDeskError(f"无法写入文件：{path}（{e.strerror}）。") from e
    return n
