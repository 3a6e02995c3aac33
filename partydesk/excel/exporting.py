"""Export of the ledger's tables to .xlsx, in the shape import reads back: the registry's
labels as headers, enums and flags as the words users write, dates as real dates,
organizations by full name. Export then import of the same sheet changes nothing.

    export_table(ledger, "person", "members.xlsx", columns=["name", "id_number"], filter_text="张")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from partydesk.errors import ValidationError
from partydesk.excel.writing import write_table
from partydesk.ledger import fields
from partydesk.ledger.models import Organization, Person, Unit

# Kinds a free-text filter searches in.
_SEARCHABLE = {"text", "idcard", "creditcode", "phone"}
# Kinds written as text cells, so a number typed there in a spreadsheet program keeps its
# digits (an ID number typed into a General cell becomes 3.30782198001011e+17).
TEXT_KINDS = {"idcard", "creditcode", "phone"}


def resolve_columns(entity: str, columns: Iterable[str] | None) -> list[fields.Field]:
    """Fields for `columns` given as attribute names or Chinese labels, in that order
    (None: every field of the registry)."""
    ent = fields.entity(entity)
    if columns is None:
        return list(ent.fields)
    by_label = {f.label: f for f in ent.fields}
    out = []
    for c in columns:
        f = ent.by_name.get(c) or by_label.get(c)
        if f is None:
            raise ValidationError(f"{ent.label}没有“{c}”这一列")
        out.append(f)
    return out


def resolve_export_columns(entity: str, columns: Iterable[str] | None) -> list:
    """Like resolve_columns, but link columns (所在单位) may be asked for by name or label;
    None gives every field and then every link column."""
    from partydesk.excel.links import links

    lks = {k.name: k for k in links(entity)} | {k.label: k for k in links(entity)}
    if columns is None:
        return list(fields.entity(entity).fields) + list(links(entity))
    return [lks[c] if c in lks else resolve_columns(entity, [c])[0] for c in columns]


def converter(session, f: fields.Field) -> Callable[[Any], Any] | None:
    """How a stored value is written to a cell (None: as it is)."""
    if f.kind == "enum":
        labels = {m.value: m.label for m in f.enum}
        return lambda v: labels.get(v, v)
    if f.kind == "bool":
        return lambda v: None if v is None else ("是" if v else "否")
    if f.kind in ("org", "unit"):
        model = Organization if f.kind == "org" else Unit
        names = dict(session.execute(select(model.id, model.name)).all())
        return lambda v: names.get(v, v)
    return None


def _column(model, f: fields.Field):
    """The selected value of a field; a person's 工作单位 is the unit's name or the name
    kept as text (as the table shows it), so an export keeps what was written."""
    if model is Person and f.name == "unit_id":
        name = select(Unit.name).where(Unit.id == Person.unit_id).scalar_subquery()
        return func.coalesce(name, Person.unit_text)
    return getattr(model, f.name)


def table_query(
    entity: str,
    cols: list[fields.Field],
    ids: Iterable[int] | None = None,
    filter_text: str | None = None,
):
    ent = fields.entity(entity)
    model = ent.model
    q = select(*[_column(model, f) for f in cols])
    cond = []
    if ids is not None:
        cond.append(model.id.in_(list(ids)))
    if filter_text and filter_text.strip():
        t = filter_text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cond.append(
            or_(
                *[
                    getattr(model, f.name).like(f"%{t}%", escape="\\")
                    for f in ent.fields
                    if f.kind in _SEARCHABLE
                ]
            )
        )
    for c in cond:
        q = q.where(c)
    return q.order_by(model.id), cond


_CHUNK = 900  # ids per IN (...) — well under SQLite's limit on bound variables


def export_rows(
    session, entity: str, cols: list[fields.Field], ids=None, filter_text: str | None = None
) -> tuple[int, Iterator[tuple]]:
    """(row count, iterator of cell tuples) for the table as selected. Given `ids`, the
    rows come in the order of `ids` (the order the window shows)."""
    ent = fields.entity(entity)
    if ids is not None:
        return _rows_by_ids(session, ent, cols, list(ids))
    q, cond = table_query(entity, cols, ids, filter_text)
    cq = select(func.count()).select_from(ent.model)
    for c in cond:
        cq = cq.where(c)
    total = session.scalar(cq) or 0
    convs = [converter(session, f) for f in cols]
    pairs = [(i, c) for i, c in enumerate(convs) if c is not None]

    def gen():
        result = session.execute(q.execution_options(yield_per=2000))
        if not pairs:
            for row in result:
                yield tuple(row)
            return
        for row in result:
            r = list(row)
            for i, c in pairs:
                v = r[i]
                if v is not None:
                    r[i] = c(v)
            yield r

    return total, gen()


def _with_links(session, ent, cols: list, ids: list[int]) -> tuple[int, Iterator[tuple]]:
    """Rows of fields and link columns (the latter as the names joined with 、)."""
    fcols = [c for c in cols if isinstance(c, fields.Field)]
    lcols = [c for c in cols if not isinstance(c, fields.Field)]
    current = {k.name: k.current(session) for k in lcols}
    names = {k.name: k.targets(session) for k in lcols}
    total, rows = _rows_by_ids(session, ent, fcols, ids, with_ids=True)

    def gen():
        for rid, row in rows:
            vals = iter(row)
            yield [
                next(vals)
                if isinstance(c, fields.Field)
                else (c.text(names[c.name], current[c.name].get(rid, [])) or None)
                for c in cols
            ]

    return total, gen()


def _rows_by_ids(
    session, ent, cols: list[fields.Field], ids: list[int], with_ids: bool = False
) -> tuple[int, Iterator[tuple]]:
    model = ent.model
    convs = [converter(session, f) for f in cols]
    pairs = [(i, c) for i, c in enumerate(convs) if c is not None]
    found = 0
    for k in range(0, len(ids), _CHUNK):
        found += (
            session.scalar(
                select(func.count()).select_from(model).where(model.id.in_(ids[k : k + _CHUNK]))
            )
            or 0
        )

    def gen():
        for k in range(0, len(ids), _CHUNK):
            chunk = ids[k : k + _CHUNK]
            q = select(model.id, *[_column(model, f) for f in cols]).where(model.id.in_(chunk))
            by_id = {row[0]: list(row[1:]) for row in session.execute(q)}
            for i in chunk:
                r = by_id.get(i)
                if r is None:
                    continue  # deleted meanwhile
                for j, c in pairs:
                    if r[j] is not None:
                        r[j] = c(r[j])
                yield (i, r) if with_ids else r

    return found, gen()


def export_table(
    ledger,
    entity: str,
    path: str | Path,
    *,
    columns: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
    filter_text: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    listing=None,
) -> int:
    """Write the table (the given columns in that order, the given ids or text filter) to
    `path`; returns the number of rows written. `listing` (a ledger.listing.ListQuery:
    the window's search, filters and sort) selects and orders the rows as the window
    shows them."""
    from partydesk.excel.importing import entity_key

    entity = entity if entity in fields.ENTITIES else entity_key(entity)
    ent = fields.entity(entity)
    cols = resolve_export_columns(entity, columns)
    with ledger.Session() as session:
        if listing is not None:
            from partydesk.ledger.listing import query_ids

            ids = query_ids(session, listing)
        if all(isinstance(c, fields.Field) for c in cols):
            total, rows = export_rows(session, entity, cols, ids, filter_text)
        else:
            if ids is None:
                q, _ = table_query(entity, [], None, filter_text)
                ids = list(session.scalars(q.with_only_columns(ent.model.id)))
            total, rows = _with_links(session, ent, cols, list(ids))
        return write_table(
            path,
            [f.label for f in cols],
            rows,
            sheet_title=ent.label,
            total=total,
            progress=progress,
            cancelled=cancelled,
            text_columns=[
                i
                for i, c in enumerate(cols)
                if isinstance(c, fields.Field) and c.kind in TEXT_KINDS
            ],
        )


def write_template(entity: str, path: str | Path) -> Path:
    """A blank import sheet: the registry's headers, drop-down lists for enum and yes/no
    columns, ID-number and phone columns formatted as text so Excel keeps every digit."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from partydesk.excel.importing import entity_key
    from partydesk.excel.writing import save_workbook, text_width

    entity = entity if entity in fields.ENTITIES else entity_key(entity)
    ent = fields.entity(entity)
    wb = Workbook()
    ws = wb.active
    ws.title = ent.label
    last = 2000
    for i, f in enumerate(ent.fields, start=1):
        col = get_column_letter(i)
        c = ws.cell(1, i, f.label)
        c.font = Font(bold=True, color="C00000" if f.required else "000000")
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[col].width = max(10, text_width(f.label) + 4)
        choices = None
        if f.kind == "enum":
            choices = f.enum.labels()
        elif f.kind == "bool":
            choices = ["是", "否"]
        if choices:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="输入有误",
                error=f"{f.label}请从下拉列表中选择：{'、'.join(choices)}",
            )
            ws.add_data_validation(dv)
            dv.add(f"{col}2:{col}{last}")
        tip = None
        if f.kind in ("idcard", "creditcode", "phone"):
            ws.column_dimensions[col].width = 22
            for r in range(2, last + 1):
                ws.cell(r, i).number_format = "@"
            tip = (
                "请以文本填写，勿存成数字（否则身份证号末几位会丢失）"
                if f.kind == "idcard"
                else None
            )
        elif f.kind in ("date", "past_date"):
            tip = "日期可填 2019-07-01、2019.07、2019年7月1日"
        elif f.kind == "org":
            tip = "填党组织全称（须已在账本中）"
        if f.required:
            tip = "必填。" + (tip or "")
        if tip:
            c.comment = Comment(tip, "PartyDesk")
    from partydesk.excel.links import links

    for i, lk in enumerate(links(entity), start=len(ent.fields) + 1):
        c = ws.cell(1, i, lk.label)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(i)].width = 30
        c.comment = Comment(lk.tip, "PartyDesk")
    ws.freeze_panes = "A2"
    return save_workbook(wb, path)
