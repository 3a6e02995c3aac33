"""A ledger of N people in 40 branches, written straight into SQLite (a 300,000-person
ledger takes seconds, not the minutes the ORM would), for the import and export benches."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import date, datetime
from pathlib import Path

BRANCHES = 40


def person_id_number(i: int, born: date, sex: str) -> str:
    from partydesk.rules import idcard

    return idcard.make(f"33{i // 500 % 10000:04d}", born, 2 * (i % 500), sex)


def build_people_ledger(path: Path, n: int, seed: int = 3) -> Path:
    from partydesk.ledger import open_ledger
    from partydesk.ledger.models import Organization

    with open_ledger(path, create=True) as lg, lg.session() as s:
        s.add_all([Organization(name=f"中共第{i}号公司支部委员会") for i in range(BRANCHES)])
    rng = random.Random(seed)
    now = str(datetime(2025, 6, 1))
    rows = []
    for i in range(n):
        born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        sex = rng.choice("MF")
        admitted = date(1990 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
        rows.append(
            (
                str(uuid.uuid4()),
                f"党员{i:06d}",
                person_id_number(i, born, sex),
                sex,
                str(born),
                "汉族",
                rng.choice(["大学本科", "大专"]),
                "probationary" if admitted.year >= 2024 else "full",
                1 + rng.randrange(BRANCHES),
                rng.choice(["技术员", "销售", None]),
                f"13{rng.randrange(10**9):09d}",
                str(admitted),
                int(rng.random() < 0.1),
                "active",
                0,
                0,
                now,
                now,
            )
        )
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO person (uuid, name, id_number, sex, birth_date, ethnicity, education,"
            " category, org_id, job, phone, admitted_on, is_flowing, status,"
            " probation_extension_months, lost_contact, created_at, updated_at)"
            f" VALUES ({', '.join('?' * 18)})",
            rows,
        )
    con.close()
    return path
