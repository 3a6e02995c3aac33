"""Benchmark `dues`: the township summary (党费收缴情况汇总表) of a year for 3,000
branches' members — 100,000 people, 1.1 million payments — against the same figures
from one plain SQL GROUP BY.

*Ours* is `partydesk.dues.figures.summary(session, 2026)`: each member's months worked out
from admission, transfers in and out, the base in force and reliefs, the payments of each
month, per organization: members, due, paid, paid up to the due (the rate), the amount and
the members in arrears, and the members with no base; then the organization names, the
rows and the total. The *floor* is one GROUP BY over a flat table of (member, organization,
month, due, paid) — the "ledger of due and paid per month" an office's Excel sheet holds,
made beforehand, outside the timing. Both give the same figures (checked).
Goal: ours ≤ 1.5 × floor."""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from common import best_of, summary  # noqa: E402

GOAL = 1.5
BRANCHES = 3_000
PEOPLE = 100_000
YEAR = 2026

FLOOR_SQL = """
SELECT org, COUNT(DISTINCT pid), SUM(due), SUM(paid),
  SUM(MIN(paid, due)), SUM(CASE WHEN paid < due THEN due - paid ELSE 0 END),
  COUNT(DISTINCT CASE WHEN paid < due THEN pid END)
FROM flat GROUP BY org"""


def make_ledger(path: Path):
    """3,000 branches, 100,000 members on bases, a year of payments (most pay monthly,
    some late or stopped), transfers in and out, 预备党员 admitted during the year."""
    from partydesk.ledger import open_ledger
    from partydesk.rules import dues as rules

    rng = random.Random(20)
    lg = open_ledger(path, create=True)
    stamp = "2026-12-20 12:00:00.000000"
    n = [0]

    def uid() -> str:
        n[0] += 1
        return f"00000000-0000-4000-a000-{n[0]:012d}"

    with lg.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.exec_driver_sql(
            "INSERT INTO organization (id, uuid, created_at, updated_at, name, org_type) "
            "VALUES (?, ?, ?, ?, ?, 'branch')",
            [
                (i, uid(), stamp, stamp, f"中共第{i}号公司支部委员会")
                for i in range(1, BRANCHES + 1)
            ],
        )
        people, events, base_rows, pays, reliefs = [], [], [], [], []
        for pid in range(1, PEOPLE + 1):
            org = rng.randint(1, BRANCHES)
            r = rng.random()
            cat, status, admitted = "full", "active", f"20{rng.randint(0, 20):02d}-07-01"
            first, last = 1, 12
            if r < 0.03:
                cat, m = "probationary", rng.randint(1, 11)
                admitted, first = f"2026-{m:02d}-15", m
            elif r < 0.05:
                m = rng.randint(2, 11)
                events.append((uid(), stamp, stamp, pid, "transfer_in", f"2026-{m:02d}-08"))
                first = m
            elif r < 0.07:
                m = rng.randint(1, 11)
                status = "transferred_out"
                events.append((uid(), stamp, stamp, pid, "transfer_out", f"2026-{m:02d}-20"))
                last = m
            people.append((pid, uid(), stamp, stamp, f"党员{pid}", org, cat, status, admitted))
            kind = "retired" if rng.random() < 0.1 else "working"
            base = rng.randrange(1800, 16000, 10)
            due = rules.due_fen(kind, base)
            base_rows.append((uid(), stamp, stamp, pid, 202501, kind, base * 100, due))
            if rng.random() < 0.2:
                base2 = base + rng.randrange(100, 1500, 10)
                due2 = rules.due_fen(kind, base2)
                base_rows.append((uid(), stamp, stamp, pid, 202607, kind, base2 * 100, due2))
                dues_of = {m: (due if m < 7 else due2) for m in range(first, last + 1)}
            else:
                dues_of = {m: due for m in range(first, last + 1)}
            if rng.random() < 0.004:
                reliefs.append((uid(), stamp, stamp, pid, 202603, 202608, 0, "大病", "2026-02-20"))
                for m in range(3, 9):
                    if m in dues_of:
                        dues_of[m] = 0
            habit = rng.random()
            stop = 13 - rng.randint(1, 8) if habit < 0.06 else 13
            for m, d in dues_of.items():
                if m >= stop or d == 0 or (habit > 0.95 and rng.random() < 0.2):
                    continue
                pays.append(
                    (uid(), stamp, stamp, pid, org, 202600 + m, d, f"2026-{m:02d}-10", "wechat")
                )
        conn.exec_driver_sql(
            "INSERT INTO person (id, uuid, created_at, updated_at, name, org_id, category, "
            "status, admitted_on, probation_extension_months, is_flowing, lost_contact) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            people,
        )
        conn.exec_driver_sql(
            'INSERT INTO person_event (uuid, created_at, updated_at, person_id, kind, "on") '
            "VALUES (?, ?, ?, ?, ?, ?)",
            events,
        )
        conn.exec_driver_sql(
            "INSERT INTO dues_base (uuid, created_at, updated_at, person_id, start_month, kind, "
            "base_fen, due_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            base_rows,
        )
        conn.exec_driver_sql(
            "INSERT INTO dues_relief (uuid, created_at, updated_at, person_id, from_month, "
            "to_month, due_fen, reason, approved_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reliefs,
        )
        conn.exec_driver_sql(
            "INSERT INTO dues_payment (uuid, created_at, updated_at, person_id, org_id, month, "
            "amount_fen, paid_on, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            pays,
        )
    with lg.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return lg, len(pays)


def main() -> str:
    from sqlalchemy import text

    from partydesk.dues import figures, schedule
    from partydesk.dues import months as mo
    from partydesk.ledger import dialect

    with tempfile.TemporaryDirectory() as d:
        lg, n_pays = make_ledger(Path(d) / "bench.partydesk")
        try:
            with lg.session() as s:
                # The flat table of the floor, from the same ledger, outside the timing.
                sel = "SELECT pid, org, k, due, paid FROM pm"
                s.execute(text("CREATE TABLE flat (pid, org, k, due, paid)"))
                s.execute(
                    text(
                        dialect.portable(
                            s,
                            "INSERT INTO flat "
                            + schedule.month_query(mo.year_months(YEAR), "", sel),
                        )
                    )
                )
                flat_rows = s.execute(text("SELECT COUNT(*) FROM flat")).scalar()
            with lg.Session() as s:
                got = {}

                def ours():
                    got["sm"] = figures.summary(s, YEAR)

                def floor():
                    got["floor"] = s.execute(text(FLOOR_SQL)).all()

                floor()
                ours()
                t_floor = best_of(floor)
                t_ours = best_of(ours)
                sm = got["sm"]
                want = {r[0]: tuple(r[1:]) for r in got["floor"]}
                have = {
                    b.org_id: (b.members, b.due, b.paid, b.paid_counted, b.short, b.in_arrears)
                    for b in sm.branches
                }
                if want != have:
                    raise SystemExit("dues: the summary and the floor disagree")
        finally:
            lg.close()
    return summary(
        "dues",
        t_ours,
        t_floor,
        GOAL,
        branches=len(sm.branches),
        members=sm.total.members,
        payments=n_pays,
        member_months=flat_rows,
        rate=f"{sm.total.rate:.3f}",
    )


if __name__ == "__main__":
    print(main())
