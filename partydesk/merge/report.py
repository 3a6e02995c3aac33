"""The merge report (合并报告) as an Excel sheet: one row per record added, updated,
deleted, in conflict or left out, with its table and what happened, under a title with
the counts, and a per-table count sheet."""

from __future__ import annotations

from pathlib import Path

from partydesk import audit
from partydesk.excel.writing import write_table
from partydesk.merge.merging import ACTIONS, MergeResult

HEADERS = ["序号", "乡镇账本", "表", "结果", "记录", "说明"]
COUNT_HEADERS = ["乡镇账本", "表", *[ACTIONS[a] for a in ACTIONS]]


def write_report(results: list[MergeResult], path: str | Path) -> Path:
    """One report for the files merged in one go (`partydesk merge A B C --report X`)."""
    path = Path(path)
    rows = []
    n = 0
    for r in results:
        for i in r.items:
            n += 1
            rows.append(
                (
                    n,
                    r.source_path.name,
                    audit.table_label(i.table),
                    ACTIONS[i.action],
                    i.label,
                    i.detail,
                )
            )
    summary = "；".join(f"{r.source_path.name}：{r.summary()}" for r in results)
    counts = []
    for r in results:
        names = sorted({i.table for i in r.items})
        for t in names:
            counts.append(
                (r.source_path.name, audit.table_label(t), *[r.count(a, t) for a in ACTIONS])
            )
        counts.append((r.source_path.name, "合计", *[r.count(a) for a in ACTIONS]))
    write_table(
        path,
        HEADERS,
        rows,
        sheet_title="合并报告",
        title="合并乡镇账本报告",
        subtitle=summary or "没有可合并的变化",
        total=len(rows),
    )
    return _append_counts(path, counts)


def _append_counts(path: Path, counts: list[tuple]) -> Path:
    """Add the per-table counts as a second sheet (openpyxl, after the streamed sheet)."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    from partydesk.excel.writing import openpyxl_safe, save_workbook

    wb = load_workbook(path)
    ws = wb.create_sheet("按表统计")
    ws.append(COUNT_HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in counts:
        ws.append(list(r))
    for row in ws.iter_rows(min_row=2):
        for c in row:
            openpyxl_safe(c)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 16
    save_workbook(wb, path)
    return path
