"""Benchmark `scale`: the figures of a county-size ledger at 10,000 / 100,000 / 300,000
people (the cached demo ledgers), measured in one run, for the README's table:

    start_to_rows  process start -> the people table's first rows painted (real window: its
                   first screen, ui.firstscreen); start_to_page -> the editable page's rows
    stall          longest UI-thread stall from the window shown through the table steps
    search         a search word (张) -> repaint; sort: 出生日期 header click -> its rows
    check          `partydesk check` (quick file check and every rule)
    due            `partydesk due`
    export         `partydesk export people` (the whole table)
    import         `partydesk import people --dry-run` of the export's 张 rows (plan only)

No floor: this is a size table, not a ratio. The last line is the 300k row, in the usual
`NAME ratio=R …` form with ratio = 300k start-to-rows / 1 s (the goal).

    python tests/bench/run.py scale          # PARTYDESK_BENCH_SIZES=10000,100000 for fewer
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
SIZES = [int(x) for x in os.environ.get("PARTYDESK_BENCH_SIZES", "10000,100000,300000").split(",")]


def _cli(*argv: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "partydesk", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - t


def row(members: int) -> dict:
    import bench_table
    from common import TODAY, bench_ledger

    path = bench_ledger(members)
    sql_file = tempfile.mktemp(prefix="pd-bench-sql-", suffix=".json")
    Path(sql_file).write_text(json.dumps(bench_table.floor_sqls()), encoding="utf-8")
    ours = bench_table.run_child("ours", path, sql_file)
    out = {
        "start_to_rows": ours["first_rows"],
        "start_to_page": ours["page_rows"],
        "stall": ours["stall"],
        "search": ours["search"],
        "sort": ours["sort_birth"],
        "peak_mb": ours["peak_mb"],
    }
    L = ("--ledger", str(path))
    out["check"] = _cli("check", "--today", TODAY, *L)
    out["due"] = _cli("due", "--today", TODAY, *L)
    with tempfile.TemporaryDirectory() as d:
        full, part = Path(d) / "all.xlsx", Path(d) / "zhang.xlsx"
        out["export"] = _cli("export", "people", "-o", str(full), *L)
        _cli("export", "people", "-o", str(part), "--filter", "张", *L)
        out["import"] = _cli("import", "people", str(part), "--dry-run", *L)
    return out


def main() -> str:
    from common import summary

    print(
        "members start_to_rows start_to_page stall search sort check due export import peak_mb",
        flush=True,
    )
    rows = {}
    for n in SIZES:  # each row printed as soon as measured (a 300k row takes minutes)
        r = rows[n] = row(n)
        print(
            f"{n} {r['start_to_rows']:.2f}s {r['start_to_page']:.2f}s {r['stall'] * 1000:.0f}ms "
            f"{r['search'] * 1000:.0f}ms "
            f"{r['sort'] * 1000:.0f}ms {r['check']:.1f}s {r['due']:.1f}s {r['export']:.1f}s "
            f"{r['import']:.1f}s {r['peak_mb']:.0f}",
            flush=True,
        )
    last = rows[SIZES[-1]]
    return summary(
        "scale",
        last["start_to_rows"],
        1.0,
        1.0,
        members=SIZES[-1],
        check=f"{last['check']:.1f}s",
        stall=f"{last['stall'] * 1000:.0f}ms",
    )


if __name__ == "__main__":
    print(main())
