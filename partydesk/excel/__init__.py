"""Spreadsheets in and out: import (python-calamine reads .xlsx/.xlsm/.xls/.et/.ods,
the csv module .csv) with header mapping, validation and preview; export of every table
(xlsxwriter, constant memory); upward reports; blank import templates.

The cells go through the field registry (`partydesk.ledger.fields`), so the window and the
import accept and refuse the same values with the same reasons."""

from partydesk.excel.exporting import export_table, write_template
from partydesk.excel.files import FILE_FILTER, MAX_ROWS, SUFFIXES, ExcelFileError
from partydesk.excel.importing import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    ImportResult,
    RowResult,
    apply_import,
    apply_plans,
    entity_key,
    plan_import,
    write_error_report,
)
from partydesk.excel.reading import Cancelled, sheet_names
from partydesk.excel.reports import REPORTS, write_report
from partydesk.excel.workbook import plan_workbook

__all__ = [
    "ERROR",
    "NEW",
    "UNCHANGED",
    "UPDATE",
    "FILE_FILTER",
    "MAX_ROWS",
    "SUFFIXES",
    "Cancelled",
    "ExcelFileError",
    "ImportPlan",
    "ImportResult",
    "RowResult",
    "REPORTS",
    "apply_import",
    "apply_plans",
    "entity_key",
    "export_table",
    "plan_import",
    "plan_workbook",
    "sheet_names",
    "write_error_report",
    "write_report",
    "write_template",
]
