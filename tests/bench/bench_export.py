"""Export of a 50,000-row members table (query, labels for enums and flags, organization
names, streaming write) against the floor: xlsxwriter in constant_memory mode writing the
same values. The line also gives the peak memory of exporting 300,000 people, measured
in a fresh process (goal < 200 MB)."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import summary  # noqa: E402

ROWS = 50_000


def build(folder: Path) -> Path:
    import random

    from sqlalchemy import insert

    from partydesk.ledger import fields, open_ledger
    from partydesk.ledger.models import Organization, Person
    from partydesk.ledger.models.base import new_uuid
    from partydesk.rules import idcard

    path = folder / "bench.partydesk"
    rng = random.Random(3)
    with open_ledger(path, create=True) as lg, lg.session() as s:
        s.add_all([Organization(name=f"中共第{i}号公司支部委员会") for i in range(40)])
        s.flush()
        rows = []
        for i in range(ROWS):
            born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
            sex = rng.choice("MF")
            admitted = date(1990 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
            rows.append(
                dict(
                    uuid=new_uuid(),
                    name=f"党员{i:05d}",
                    id_number=idcard.make(f"33{i // 500:04d}", born, 2 * (i % 500), sex),
                    sex=sex,
                    birth_date=born,
                    ethnicity="汉族",
                    education=rng.choice(["大学本科", "大专"]),
                    category=rng.choice(["full", "probationary"]),
                    org_id=1 + rng.randrange(40),
                    job=rng.choice(["技术员", "销售", None]),
                    phone=f"13{rng.randrange(10**9):09d}",
                    admitted_on=admitted,
                    is_flowing=rng.random() < 0.1,
                )
            )
        s.execute(insert(Person), rows)
    assert fields  # registry decides the columns exported
    return path


def ours(path: Path, out: Path) -> float:
    from partydesk.excel import export_table
    from partydesk.ledger import open_ledger

    with open_ledger(path) as lg:
        t0 = time.perf_counter()
        n = export_table(lg, "people", out)
        dt = time.perf_counter() - t0
    assert n == ROWS
    return dt


def values(path: Path, out: Path) -> list[tuple]:
    """The very cells export writes, computed outside the timing."""
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return rows


def floor(rows: list[tuple], out: Path) -> float:
    import xlsxwriter

    t0 = time.perf_counter()
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet("党员与发展对象")
    fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for i, r in enumerate(rows):
        for c, v in enumerate(r):
            if v is not None and hasattr(v, "year"):
                ws.write_datetime(i, c, v, fmt)
        ws.write_row(i, 0, r)
    wb.close()
    return time.perf_counter() - t0


PEAK_PEOPLE = 300_000
PEAK_CODE = """
import sys
sys.path.insert(0, {bench!r})
from partydesk.excel import export_table
from partydesk.ledger import open_ledger
with open_ledger({ledger!r}) as lg:
    n = export_table(lg, "people", {out!r})
assert n == {n}
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(int(hwm.split()[1]) // 1024)
"""


def peak_of_big_export(folder: Path) -> tuple[int, float]:
    """(peak resident MB, seconds) of exporting a 300,000-person ledger, in a fresh
    process (VmHWM: ru_maxrss would carry this process's own high-water mark)."""
    import os
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from people_ledger import build_people_ledger

    big = build_people_ledger(folder / "big.partydesk", PEAK_PEOPLE)
    code = PEAK_CODE.format(
        bench=str(Path(__file__).resolve().parent),
        ledger=str(big),
        out=str(folder / "big.xlsx"),
        n=PEAK_PEOPLE,
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    t0 = time.perf_counter()
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if got.returncode != 0:
        raise RuntimeError(got.stderr)
    return int(got.stdout.split()[-1]), dt


def main() -> str:
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        path = build(folder)
        ours(path, folder / "ours.xlsx")
        rows = [
            tuple(
                v.date() if hasattr(v, "date") and v is not None and not isinstance(v, str) else v
                for v in r
            )
            for r in values(path, folder / "ours.xlsx")
        ]
        o, f = [], []
        for _ in range(2):
            f.append(floor(rows, folder / "floor.xlsx"))
            o.append(ours(path, folder / "ours.xlsx"))
        peak, big_s = peak_of_big_export(folder)
        return summary(
            "export",
            min(o),
            min(f),
            1.3,
            rows=ROWS,
            columns=len(rows[0]),
            peak_rss_300k=f"{peak}MB",
            peak_goal="200MB",
            time_300k=f"{big_s:.1f}s",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(main())
