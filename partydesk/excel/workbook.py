"""A whole ledger from one workbook: its sheets of units, organizations, people and
instructors told apart by their headers, planned in the order references need (units,
then organizations, then people and instructors), and written in one transaction. A
person naming an organization that the organizations sheet creates is fine, and so is an
organization's 所在单位 or a person's 工作单位 naming a unit that the units sheet creates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from partydesk.excel import mapping as mapping_mod
from partydesk.excel.book import open_book
from partydesk.excel.files import ExcelFileError
from partydesk.excel.plan_sheet import plan_import
from partydesk.excel.planning import NEW, ImportPlan
from partydesk.excel.reading import read_sheet

ORDER = ("unit", "org", "person", "instructor")
# Header words only one kind of sheet has: a tie between kinds is decided by them.
_MARKS = {
    "unit": {"credit_code", "legal_rep", "employees"},
    "org": {"org_type", "formation", "parent_id", "term_start"},
    "person": {"category", "org_id", "admitted_on"},
    "instructor": {"home_unit", "post", "appointed_on"},
}


def sheet_kind(headers: list[str]) -> tuple[str | None, int]:
    """The kind of records a sheet's header row holds, with its score."""
    best, best_score = None, 1
    for kind in ORDER:
        mapped = {m for m in mapping_mod.auto_mapping(kind, headers) if m}
        s = len(mapped) + 3 * len(mapped & _MARKS[kind])
        if "name" in mapped and s > best_score:
            best, best_score = kind, s
    return best, best_score


def plan_workbook(
    ledger,
    path: str | Path,
    *,
    today: date | None = None,
    create_orgs: bool = False,
    sheets: list[str] | None = None,
) -> list[ImportPlan]:
    """One plan per sheet recognised (hidden sheets only when named), in ORDER."""
    book = open_book(path)
    names = sheets or [n for n in book.names if n not in book.hidden]
    scorers = [mapping_mod.score_headers(k) for k in ORDER]

    def score(cells: list[str]) -> int:
        return max(s(cells) for s in scorers)

    found: list[tuple[int, object]] = []
    for name in names:
        try:
            data = read_sheet(path, name, score, book=book)
        except ExcelFileError:
            continue
        k, s = sheet_kind(data.headers)
        if k is not None:
            found.append((ORDER.index(k), (s, k, data)))
    if not found:
        raise ExcelFileError(
            f"{Path(path).name} 中没有可识别的工作表（两新组织、党组织、党员或指导员）。"
        )
    found.sort(key=lambda x: x[0])
    plans: list[ImportPlan] = []
    pending: set[str] = set()
    pending_units: set[str] = set()
    for _i, (_s, kind, data) in found:
        plan = plan_import(
            ledger,
            kind,
            path,
            data.name,
            sheet_data=data,
            today=today,
            create_orgs=create_orgs,
            pending_orgs=pending,
            pending_units=pending_units,
        )
        if kind == "unit":
            pending_units |= {
                r.values["name"] for r in plan.rows if r.status == NEW and "name" in r.values
            }
        if kind == "org":
            pending |= {
                r.values["name"] for r in plan.rows if r.status == NEW and "name" in r.values
            }
        plans.append(plan)
    return plans
