"""Excel in and out (openpyxl): import with header mapping, validation and preview;
export of every table; upward reports; blank import templates.

The cells go through the field registry (`partydesk.ledger.fields`), so the window and the
import accept and refuse the same values with the same reasons."""

from partydesk.excel.exporting import export_table, write_template
from partydesk.excel.importing import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    ImportResult,
    RowResult,
    apply_import,
    entity_key,
    plan_import,
    write_error_report,
)
from partydesk.excel.reading import MAX_ROWS, Cancelled, ExcelFileError, sheet_names
from partydesk.excel.reports import REPORTS, write_report

__all__ = [
    "ERROR",
    "NEW",
    "UNCHANGED",
    "UPDATE",
    "MAX_ROWS",
    "Cancelled",
    "ExcelFileError",
    "ImportPlan",
    "ImportResult",
    "RowResult",
    "REPORTS",
    "apply_import",
    "entity_key",
    "export_table",
    "plan_import",
    "sheet_names",
    "write_error_report",
    "write_report",
    "write_template",
]
