"""Reading the audit log: filters, queries and the Excel export of 操作日志."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partydesk.audit.labels import (
    ACTION_LABELS,
    TABLE_LABELS,
    action_label,
    field_label,
    table_label,
    value_label,
)
from partydesk.errors import ValidationError
from partydesk.ledger.models.audit import AuditEntry


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
    hits = [t for t, lbl in TABLE_LABELS.items() if text == lbl] or [
        t for t, lbl in TABLE_LABELS.items() if text in lbl
    ]
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


# Columns that hold another record's id, and that record's table: shown by its name.
REFERENCES = {
    "org_id": "organization",
    "parent_id": "organization",
    "unit_id": "unit",
    "person_id": "person",
    "secretary_id": "person",
    "instructor_id": "instructor",
    "party_group_id": "party_group",
}


class Names:
    """Names of referenced records (a clerk reads 所在党组织=星光科技党支部, not =17),
    looked up once each."""

    def __init__(self, session: Session | None):
        self.session = session
        self._cache: dict[tuple[str, int], str] = {}

    def __call__(self, column: str, value) -> str | None:
        table = REFERENCES.get(column)
        if table is None or self.session is None or not isinstance(value, int):
            return None
        k = (table, value)
        if k not in self._cache:
            from sqlalchemy import text

            try:
                name = self.session.execute(
                    text(f'SELECT name FROM "{table}" WHERE id = :i'), {"i": value}
                ).scalar()
            except Exception:  # noqa: BLE001 - a table without names: keep the number
                name = None
            self._cache[k] = f"{name}" if name else f"（已删除，编号{value}）"
        return self._cache[k]


def values_text(raw: str | None, table: str = "", names: Names | None = None) -> str:
    """JSON values as one readable line: `姓名=张伟; 手机号=138…; 人员类别=正式党员`."""
    parts = []
    for k, v in values_dict(raw).items():
        shown = names(k, v) if names is not None else None
        parts.append(
            f"{field_label(table, k)}={shown if shown is not None else value_label(table, k, v)}"
        )
    return "; ".join(parts)


HEADERS = ["时间", "操作人", "操作", "数据表", "记录编号", "记录", "原值", "新值"]


def entry_row(e: AuditEntry, names: Names | None = None) -> list:
    return [
        utc_to_local(e.at).strftime("%Y-%m-%d %H:%M:%S"),
        e.who,
        action_label(e.action),
        table_label(e.table_name),
        e.record_id,
        e.label,
        values_text(e.old_values, e.table_name, names),
        values_text(e.new_values, e.table_name, names),
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
    names = Names(session)
    stmt = select(AuditEntry).where(*(flt or AuditFilter()).where())
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    for e in session.scalars(stmt.execution_options(yield_per=1000)):
        ws.append(entry_row(e, names))
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
