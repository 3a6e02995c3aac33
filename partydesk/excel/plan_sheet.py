"""Planning one sheet's import: read it, choose each column's field, check every row
(partydesk.excel.classify) and return the ImportPlan — writing nothing. The pieces it is
made of (the plan, the cell cleaners, the matcher) are in partydesk.excel.planning."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from partydesk.errors import ValidationError
from partydesk.excel import mapping as mapping_mod
from partydesk.excel.classify import classify
from partydesk.excel.files import MAX_ROWS, ExcelFileError
from partydesk.excel.neworgs import NewOrgs
from partydesk.excel.planning import ImportPlan
from partydesk.excel.reading import Sheet, read_sheet
from partydesk.ledger import fields

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


def entity_key(text: str) -> str:
    try:
        return ENTITY_ALIASES[text]
    except KeyError:
        raise ValidationError(
            f"未知的导入类型：{text}（可用：units、orgs、people、instructors）"
        ) from None


def read_for(
    entity: str, path, sheet=None, *, max_rows=MAX_ROWS, progress=None, cancelled=None
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
    create_orgs: bool = False,
    header_map: dict[str, str] | None = None,
    pending_orgs: set[str] | None = None,
    pending_units: set[str] | None = None,
) -> ImportPlan:
    """Read and check every row; write nothing. `mapping` (one field name or None per
    column) overrides the guess from the headers and the remembered choices;
    `header_map` ({header: field name or label}) overrides single columns by their
    header. `create_orgs`: organizations named by people and not in the ledger are to be
    created (listed in plan.new_orgs). `pending_orgs` / `pending_units`: names of
    organizations / units that an earlier sheet of the same workbook creates."""
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
        if header_map:
            mapping = mapping_mod.apply_header_map(entity, data.headers, mapping, header_map)
        mapping_mod.check_mapping(entity, mapping)
        plan = ImportPlan(
            entity,
            Path(path),
            data.name,
            data.header_row,
            data.headers,
            mapping,
            [],
            title_rows=data.title_rows,
            sheet_data=data,
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
        orgs = NewOrgs(session, entity, data, mapping, create_orgs, pending_orgs, pending_units)
        classify(session, plan, data.rows, today or date.today(), progress, cancelled, orgs)
        plan.new_orgs = orgs.created()
        plan.missing_orgs = orgs.missing()
    return plan
