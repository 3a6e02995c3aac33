"""Importing units, organizations, people and instructors from a spreadsheet.

Two steps, so the window can show a preview before anything is written:

    plan = plan_import(ledger, "person", "roster.xlsx")     # reads and checks, writes nothing
    plan.counts  →  {"new": 120, "update": 3, "unchanged": 40, "error": 2}
    apply_import(ledger, plan)                              # one transaction, all or nothing

Every cell goes through the field registry (`partydesk.ledger.fields`), so a value is
accepted or refused exactly as in the window. A blank cell never erases what the ledger
already holds; it only leaves the field as it is (new records get the usual defaults).
The parts: reading (book, reading, xlsx_scan), cells as offices write them (cells),
planning (planning, classify, identity, neworgs), writing (applying), the report
(errreport), a whole workbook (workbook).
"""

from __future__ import annotations

from partydesk.errors import ValidationError
from partydesk.excel.applying import ImportResult, apply_import, apply_plans
from partydesk.excel.errreport import write_error_report
from partydesk.excel.identity import KEY_LABEL
from partydesk.excel.planning import (
    ERROR,
    NEW,
    STATUS_LABELS,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    RowResult,
    plan_import,
    read_for,
)

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


__all__ = [
    "ERROR",
    "KEY_LABEL",
    "NEW",
    "STATUS_LABELS",
    "UNCHANGED",
    "UPDATE",
    "ImportPlan",
    "ImportResult",
    "RowResult",
    "apply_import",
    "apply_plans",
    "entity_key",
    "plan_import",
    "read_for",
    "write_error_report",
]
