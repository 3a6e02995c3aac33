"""Import of a 50,000-row members sheet (read, check every cell by the field registry,
match, write in one transaction) against the floor: reading the same file with openpyxl
read-only plus sqlite3.executemany of the same rows."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import summary  # noqa: E402

ROWS = 50_000
HEADER = [
    "序号",
    "姓名",
    "性别",
    "公民身份证号",
    "民族",
    "学历",
    "人员类别",
    "加入党组织日期",
    "转为正式党员日期",
    "所在党支部",
    "工作岗位",
    "手机号",
    "是否为流动党员",
]


def build(folder: Path) -> tuple[Path, Path]:
    """A ledger with 40 branches (a copy per run) and the members sheet."""
    from openpyxl import Workbook

    from partydesk.ledger import open_ledger
    from partydesk.ledger.models import Organization
    from partydesk.rules import idcard

    ledger_file = folder / "template.partydesk"
    with open_ledger(ledger_file, create=True) as lg, lg.session() as s:
        s.add_all([Organization(name=f"中共第{i}号公司支部委员会") for i in range(40)])
    rng = random.Random(7)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员")
    ws.append(["某某街道党员花名册"])
    ws.append(HEADER)
    cats = ["正式党员"] * 8 + ["预备党员", "发展对象"]
    for i in range(ROWS):
        born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        sex = rng.choice("MF")
        admitted = date(1990 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
        cat = rng.choice(cats)
        ws.append(
            [
                i + 1,
                f"党员{i:05d}",
                "男" if sex == "M" else "女",
                idcard.make(f"33{i // 500:04d}", born, 2 * (i % 500), sex),
                rng.choice(["汉族", "汉族", "回族"]),
                rng.choice(["大学本科", "大专", "高中"]),
                cat,
                admitted,
                date(admitted.year + 1, admitted.month, admitted.day)
                if cat == "正式党员"
                else None,
                f"中共第{rng.randrange(40)}号公司支部委员会",
                rng.choice(["技术员", "销售", "司机", None]),
                f"13{rng.randrange(10**9):09d}",
                rng.choice(["是", "否", "否", "否"]),
            ]
        )
    sheet = folder / "members.xlsx"
    wb.save(sheet)
    return ledger_file, sheet


def ours(template: Path, sheet: Path, folder: Path) -> float:
    from partydesk.excel import apply_import, plan_import
    from partydesk.ledger import open_ledger

    target = folder / "ours.partydesk"
    shutil.copy(template, target)
    with open_ledger(target) as lg:
        t0 = time.perf_counter()
        plan = plan_import(lg, "people", sheet, today=date(2025, 6, 30))
        res = apply_import(lg, plan)
        dt = time.perf_counter() - t0
    assert res.inserted == ROWS, plan.counts
    return dt


# The sheet's columns as they land in the person table (序号 has no column).
FLOOR_COLUMNS = [
    None,
    "name",
    "sex",
    "id_number",
    "ethnicity",
    "education",
    "category",
    "admitted_on",
    "full_on",
    "org_id",
    "job",
    "phone",
    "is_flowing",
]


def floor(template: Path, sheet: Path, folder: Path) -> float:
    """The least any import must do: read the cells, then store the same rows in the same
    table (same indexes, and the uuid/timestamps the schema requires) — no checking."""
    import uuid
    from datetime import datetime

    from openpyxl import load_workbook

    target = folder / "floor.partydesk"
    shutil.copy(template, target)
    con = sqlite3.connect(target)
    keep = [i for i, c in enumerate(FLOOR_COLUMNS) if c]
    required = {"status": "active", "probation_extension_months": 0, "lost_contact": 0}
    cols = [FLOOR_COLUMNS[i] for i in keep] + ["uuid", "created_at", "updated_at", *required]
    fixed = list(required.values())
    sql = f"INSERT INTO person ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    t0 = time.perf_counter()
    wb = load_workbook(sheet, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(min_row=3, values_only=True))
    wb.close()
    now = str(datetime.now())
    with con:
        con.executemany(
            sql,
            [
                [str(v) if hasattr(v, "year") else v for v in (r[i] for i in keep)]
                + [str(uuid.uuid4()), now, now, *fixed]
                for r in rows
            ],
        )
    dt = time.perf_counter() - t0
    con.close()
    assert len(rows) == ROWS
    return dt


def main() -> str:
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        template, sheet = build(folder)
        o, f = [], []
        for _ in range(2):  # interleaved, so both see the same machine load
            f.append(floor(template, sheet, folder))
            o.append(ours(template, sheet, folder))
        return summary("import", min(o), min(f), 1.3, rows=ROWS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(main())
