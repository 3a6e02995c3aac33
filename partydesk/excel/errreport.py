"""The report workbook of an import: the user's own rows (their header, their cells,
unchanged) with what became of each row and every error and warning beside it, ready to
fix and import again. Written through the shared writing layer (no formula leaves)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from partydesk.excel.planning import ERROR, STATUS_LABELS, ImportPlan
from partydesk.excel.writing import write_table

RESULT_HEADER = "处理结果"
REASON_HEADER = "错误与提醒"


def write_error_report(plan: ImportPlan, path: str | Path, *, include_all: bool = False) -> Path:
    """Rows with an error or a warning (every row with `include_all`)."""
    width = len(plan.headers)

    def rows():
        for r in plan.rows:
            if not include_all and r.status != ERROR and not r.warnings:
                continue
            cells = list(r.cells[:width]) + [None] * (width - len(r.cells))
            for i, v in enumerate(cells):
                if isinstance(v, datetime) and v.time() == datetime.min.time():
                    cells[i] = v.date()
            notes = [f"错误：{x}" for x in r.reasons] + [f"提醒：{x}" for x in r.warnings]
            yield [
                *cells,
                STATUS_LABELS[r.status] if r.status != ERROR else "未导入",
                f"第{r.row_no}行：" + "；".join(notes) if notes else None,
            ]

    from partydesk.excel.writing import target_path

    p = target_path(path)
    write_table(
        p,
        [h or f"（第{i + 1}列）" for i, h in enumerate(plan.headers)]
        + [RESULT_HEADER, REASON_HEADER],
        rows(),
        sheet_title=plan.sheet or "Sheet1",
        note_column=width + 1,
    )
    return p
