"""Planning an import: read the sheet, clean every cell through the field registry, find
which record each row describes, and say what importing would do — writing nothing.

A problem in an optional cell (a landline in 手机号, an unknown 民族 …) keeps the row: the
cell is left out and the row carries a warning. Only a problem in an identifying or
required field (name, ID number, 人员类别, the person's branch) refuses the row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.excel.cells import VALUE_WORDS, office_value
from partydesk.excel.identity import Matcher
from partydesk.excel.reading import Cancelled, Sheet
from partydesk.ledger import fields

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
# Fields holding the id of another record, kept as its name while that record is still to
# be written (an organization or unit new in the same workbook): field -> "org" / "unit".
REF_FIELDS = {"org_id": "org", "parent_id": "org", "unit_id": "unit"}
STATUS_LABELS = {NEW: "新增", UPDATE: "更新", UNCHANGED: "无变化", ERROR: "错误"}

# Fields whose bad cell refuses the row (the others are left out with a warning).
IDENTIFYING = {
    "unit": {"name", "credit_code"},
    "org": {"name", "parent_id"},
    "person": {"name", "id_number", "category", "org_id"},
    "instructor": {"name", "id_number"},
}
# Kinds whose values differ on every row (no use remembering them).
_UNIQUE_KINDS = {"idcard", "phone", "creditcode"}


@dataclass(slots=True)
class RowResult:
    """One data row of the sheet and what importing it would do."""

    row_no: int  # row number in the sheet, as the user sees it in Excel
    cells: tuple  # the user's cells, unchanged
    status: str = NEW
    values: dict[str, Any] = field(default_factory=dict)  # cleaned, non-blank values
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field: (old, new)
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    target_id: int | None = None
    links: dict[str, list[int]] = field(default_factory=dict)  # link column: linked ids
    link_changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # (old, new) text

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)

    @property
    def warning(self) -> str:
        return "；".join(self.warnings)

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
    if isinstance(value, str) and name in REF_FIELDS:
        return f"{value}（新建）"
    if name in REF_FIELDS:
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
    new_orgs: dict[str, str] = field(default_factory=dict)  # full name: org type code
    missing_orgs: list[str] = field(default_factory=list)  # not created (no create_orgs)
    sheet_data: Sheet | None = None

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.rows)
        return {k: c.get(k, 0) for k in (NEW, UPDATE, UNCHANGED, ERROR)}

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def warned(self) -> list[RowResult]:
        return [r for r in self.rows if r.warnings and r.status != ERROR]

    def notes(self) -> list[str]:
        """What the summary adds about the sheet itself (skipped, hidden, stray columns)."""
        s = self.sheet_data
        out = []
        if self.new_orgs:
            out.append(f"将新建党组织{len(self.new_orgs)}个：{'、'.join(self.new_orgs)}")
        if self.missing_orgs:
            out.append(
                f"{len(self.missing_orgs)}个党组织账本中没有：{'、'.join(self.missing_orgs[:5])}"
                + ("等" if len(self.missing_orgs) > 5 else "")
                + "（可选择“新建缺少的党组织”，命令行用 --create-orgs）"
            )
        if s is None:
            return out
        if s.total_rows:
            out.append(
                f"跳过合计/小计行{len(s.total_rows)}行（第{'、'.join(map(str, s.total_rows[:5]))}行）"
            )
        if s.blank_rows:
            out.append(f"跳过空行{s.blank_rows}行")
        if s.hidden_rows:
            out.append(
                f"其中{len(s.hidden_rows)}行在表格中被隐藏（第{'、'.join(map(str, s.hidden_rows[:5]))}行"
                + ("等" if len(s.hidden_rows) > 5 else "")
                + "），已一并检查"
            )
        if s.unlabelled:
            out.append(f"没有表头、未导入的列：{'、'.join(s.unlabelled)}")
        if s.hidden_sheet:
            out.append(f"工作表“{s.name}”是隐藏的工作表")
        return out

    def summary(self) -> str:
        c = self.counts
        text = f"新增{c[NEW]}条，更新{c[UPDATE]}条，无变化{c[UNCHANGED]}条，错误{c[ERROR]}条"
        if self.warned:
            text += f"，有提醒{len(self.warned)}条"
        return text


def clean_cells(session: Session, entity: str, mapping, today: date, orgs):
    """Per mapped column: (index, name, fn(raw) -> (value, warning), refuses_row)."""
    from partydesk.excel.links import link

    ent = fields.entity(entity)
    out = []
    for i, name in enumerate(mapping):
        if not name or link(entity, name) is not None:
            continue
        f = ent.field(name)
        base = fields.cleaner(entity, name, session, today)
        if f.kind == "org" and orgs is not None:
            base = orgs.wrap(name, base)
        elif f.kind == "unit" and orgs is not None:
            base = orgs.wrap_unit(base)
        fn = _with_office(entity, name, f.kind, base, today)
        if f.kind not in _UNIQUE_KINDS:
            fn = _memo(fn)
        out.append((i, name, fn, f.required or name in IDENTIFYING[entity]))
    return out


def _with_office(entity, name, kind, base, today):
    label = fields.label_of(entity, name)
    if kind not in ("date", "past_date") and (entity, name) not in VALUE_WORDS:

        def plain(raw):  # nothing written the offices' way for this field
            return base(raw), None

        return plain

    def fn(raw):
        try:
            v, warn = office_value(entity, name, kind, raw, today)
        except ValidationError as e:
            raise ValidationError(f"{label}：{e}", name) from None
        return base(v), warn

    return fn


def cell_cleaner(entity: str, name: str, session: Session, today: date):
    """fn(raw) -> stored value, as the import cleans one cell (ValidationError naming
    the field otherwise)."""
    f = fields.entity(entity).field(name)
    fn = _with_office(entity, name, f.kind, fields.cleaner(entity, name, session, today), today)
    return lambda raw: fn(raw)[0]


class Refused:
    __slots__ = ("error",)

    def __init__(self, error: ValidationError):
        self.error = error


def _memo(fn, give_up_after: int = 4096):
    """fn remembered by cell value: a column's values repeat (the same branch, 民族, date
    on thousands of rows). A column where they do not (names) stops being remembered once
    `give_up_after` values have been seen with fewer repeats than values."""
    cache: dict = {}
    hits = 0

    def cached(raw):
        nonlocal cache, hits
        if cache is None or raw.__class__ is bool:  # True == 1: not the same cell
            return fn(raw)
        try:
            hit = cache.get(raw)
        except TypeError:
            return fn(raw)
        if hit is None:
            if len(cache) >= give_up_after and hits < len(cache):
                cache = None
                return fn(raw)
            try:
                hit = fn(raw)
            except ValidationError as e:
                hit = Refused(e)
            cache[raw] = hit
        else:
            hits += 1
        if hit.__class__ is Refused:
            raise hit.error
        return hit

    return cached


def matcher(session, entity, values, mapped) -> Matcher:
    return Matcher(session, entity, values, mapped)


def check_cancel(cancelled) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()
