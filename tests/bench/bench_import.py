"""Import of a 50,000-row members sheet (read, check every cell by the field registry,
match, write in one transaction) against the floor: reading the same file with
python-calamine plus sqlite3.executemany of the same rows. The line also gives the old
floor (openpyxl read-only instead of calamine), so the gain of the reader shows; the
floor written 500 rows per INSERT (as our import writes them), so what our checking
costs shows; and the time to plan 1,000 rows into a 300,000-person ledger (goal < 0.5 s:
the cost follows the sheet, not the ledger)."""

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
from people_ledger import build_people_ledger  # noqa: E402

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
    cats = ["正式党员"] * 9 + ["预备党员"]
    for i in range(ROWS):
        born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        sex = rng.choice("MF")
        cat = rng.choice(cats)
        if cat == "预备党员":
            admitted = date(2024, 7 + rng.randrange(6), 1 + rng.randrange(28))
        else:
            admitted = date(
                max(1990, born.year + 20) + rng.randrange(5),
                1 + rng.randrange(12),
                1 + rng.randrange(28),
            )
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


def read_calamine(sheet: Path) -> list:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(sheet))
    rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)[2:]
    wb.close()
    return rows


def read_openpyxl(sheet: Path) -> list:
    from openpyxl import load_workbook

    wb = load_workbook(sheet, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(min_row=3, values_only=True))
    wb.close()
    return rows


def floor(template: Path, sheet: Path, folder: Path, read=read_calamine, per=1) -> float:
    """The least any import must do: read the cells, then store the same rows in the same
    table (same indexes, and the uuid/timestamps the schema requires) — no checking.
    `per` > 1: that many rows per INSERT statement instead of executemany's one (the way
    our import writes; the search index's trigger costs far less so) — printed beside the
    floor, so what our own checking costs shows too."""
    import uuid
    from datetime import datetime

    target = folder / "floor.partydesk"
    shutil.copy(template, target)
    con = sqlite3.connect(target)
    keep = [i for i, c in enumerate(FLOOR_COLUMNS) if c]
    required = {"status": "active", "probation_extension_months": 0, "lost_contact": 0}
    cols = [FLOOR_COLUMNS[i] for i in keep] + ["uuid", "created_at", "updated_at", *required]
    fixed = list(required.values())
    sql = f"INSERT INTO person ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    t0 = time.perf_counter()
    rows = read(sheet)
    now = str(datetime.now())
    values = [
        [str(v) if hasattr(v, "year") else v for v in (r[i] for i in keep)]
        + [str(uuid.uuid4()), now, now, *fixed]
        for r in rows
    ]
    with con:
        if per == 1:
            con.executemany(sql, values)
        else:
            head = sql.split(" VALUES ")[0] + " VALUES "
            one = f"({', '.join('?' * len(cols))})"
            for k in range(0, len(values), per):
                part = values[k : k + per]
                con.execute(head + ",".join([one] * len(part)), [x for v in part for x in v])
    dt = time.perf_counter() - t0
    con.close()
    assert len(rows) == ROWS
    return dt


PLAN_ROWS = 1_000
BIG_LEDGER = 300_000


def plan_into_big_ledger(folder: Path) -> float:
    """Seconds to plan 1,000 rows (half of them people already in the ledger) into a
    300,000-person ledger."""
    from openpyxl import Workbook

    from partydesk.excel import plan_import
    from partydesk.ledger import open_ledger

    big = build_people_ledger(folder / "big.partydesk", BIG_LEDGER)
    import sqlite3 as sq

    con = sq.connect(big)
    known = con.execute(
        "SELECT name, id_number FROM person ORDER BY id LIMIT ? OFFSET 1000", (PLAN_ROWS // 2,)
    ).fetchall()
    con.close()
    from people_ledger import person_id_number

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员")
    ws.append(["姓名", "公民身份证号", "人员类别", "加入党组织日期", "所在党支部", "民族"])
    for name, num in known:
        ws.append([name, num, "正式党员", date(2010, 7, 1), "中共第3号公司支部委员会", "汉族"])
    for i in range(PLAN_ROWS - len(known)):
        num = person_id_number(BIG_LEDGER + i, date(1985, 5, 5), "M")
        ws.append(
            [f"新人{i}", num, "正式党员", date(2010, 7, 1), "中共第3号公司支部委员会", "汉族"]
        )
    sheet = folder / "plan1000.xlsx"
    wb.save(sheet)
    times = []
    with open_ledger(big) as lg:
        for _ in range(3):
            t0 = time.perf_counter()
            plan = plan_import(lg, "people", sheet, today=date(2025, 6, 30))
            times.append(time.perf_counter() - t0)
    # the known half is matched (updated, or refused by the rules for its new dates)
    assert plan.counts["new"] == PLAN_ROWS - len(known), plan.counts
    assert plan.counts["unchanged"] + plan.counts["update"] + plan.counts["error"] == len(known)
    return min(times)


def main() -> str:
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        template, sheet = build(folder)
        o, f, old, many = [], [], [], []
        for _ in range(2):  # interleaved, so both see the same machine load
            f.append(floor(template, sheet, folder))
            old.append(floor(template, sheet, folder, read_openpyxl))
            many.append(floor(template, sheet, folder, per=500))
            o.append(ours(template, sheet, folder))
        plan_s = plan_into_big_ledger(folder)
        return summary(
            "import",
            min(o),
            min(f),
            1.3,
            rows=ROWS,
            old_floor_openpyxl=f"{min(old):.3f}s",
            floor_500_per_insert=f"{min(many):.3f}s",
            ratio_to_it=f"{min(o) / min(many):.2f}",
            plan_1000_into_300k=f"{plan_s:.3f}s",
            plan_goal="0.5s",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(main())
