"""Demo filler: party dues (党费) from January of the year before ctx.today to the month
that has ended — bases for every member of the organizations taken (whole organizations
in id order, up to MEMBER_BUDGET members), payments with realistic habits and arrears: most
pay every month, some by the quarter, a few stopped paying 1–4 months ago (reminders at 3)
or half a year and more ago (alerts), a few 自愿多交 at 七一, some 减免 with reasons, and a
few mistaken entries corrected by reversal.

Rows go in with plain executemany (an ORM insert costs several times more per row)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text

from partydesk.dues import months as mo
from partydesk.dues import schedule
from partydesk.ledger import dialect
from partydesk.rules import dues as rules

MEMBER_BUDGET = 4000
CHUNK = 20000
METHODS = [("wechat", 0.45), ("cash", 0.25), ("transfer", 0.15), ("alipay", 0.15)]
RELIEF_REASONS = [
    "患重病住院治疗，经支部大会讨论同意免交",
    "家庭遭受重大变故，生活困难，经支部委员会研究同意减免",
    "失业期间无收入来源，经支部大会讨论同意减免",
]


def fill(ctx) -> None:
    rng = ctx.rng("dues")
    today: date = ctx.today
    first = mo.key(today.year - 1, 1)
    last = mo.add(mo.of(today), -1)  # the month that has ended
    ctx.report("党费", 0.0)
    now = datetime(today.year, today.month, today.day, 12, 0).strftime("%Y-%m-%d %H:%M:%S.000000")

    def uid() -> str:
        h = f"{rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    with ctx.ledger.session() as s:
        conn = s.connection()
        people = _pick_members(conn)
        if not people:
            return
        base_rows, relief_rows = [], []
        for pid, _org, birth in people:
            age = today.year - int(str(birth)[:4]) if birth else 40
            r = rng.random()
            if r < 0.03:
                kind, base = "minimum", None
            elif age >= 60 or r < 0.08:
                kind, base = "retired", rng.randrange(2400, 7000, 50)
            else:
                kind = "working"
                base = int(rng.lognormvariate(8.6, 0.35) // 10 * 10)
                base = min(max(base, 1800), 40000)
            due = rules.due_fen(kind, base)
            base_rows.append(
                (
                    uid(),
                    now,
                    now,
                    pid,
                    first,
                    kind,
                    None if base is None else base * 100,
                    due,
                    "演示数据",
                )
            )
            # A raise from January this year for some of those in work.
            if kind == "working" and rng.random() < 0.3:
                base2 = int(base * rng.uniform(1.03, 1.15)) // 10 * 10
                base_rows.append(
                    (
                        uid(),
                        now,
                        now,
                        pid,
                        mo.key(today.year, 1),
                        kind,
                        base2 * 100,
                        rules.due_fen(kind, base2),
                        "演示数据：调资",
                    )
                )
            if rng.random() < 0.006:
                start = mo.add(first, rng.randint(2, 12))
                approved = mo.first_day(start)
                relief_rows.append(
                    (
                        uid(),
                        now,
                        now,
                        pid,
                        start,
                        mo.add(start, 5),
                        0,
                        rng.choice(RELIEF_REASONS),
                        date.fromordinal(approved.toordinal() - rng.randint(3, 20)).isoformat(),
                        "演示数据",
                    )
                )
        dialect.run_marked(
            conn,
            "INSERT INTO dues_base (uuid, created_at, updated_at, person_id, start_month, kind, "
            "base_fen, due_fen, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            base_rows,
        )
        if relief_rows:
            dialect.run_marked(
                conn,
                "INSERT INTO dues_relief (uuid, created_at, updated_at, person_id, from_month, "
                "to_month, due_fen, reason, approved_on, entered_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                relief_rows,
            )
        ctx.report("党费", 0.2)
        ks = mo.span(first, mo.of(today))
        cells = schedule.member_cells(s, ks)
        org_of = {pid: org for pid, org, _b in people}
        sql = (
            "INSERT INTO dues_payment (uuid, created_at, updated_at, person_id, org_id, month, "
            "amount_fen, paid_on, method, note, entered_by, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        rows: list[tuple] = []

        def pay(pid, k, amount, on: date, method, note=None):
            rows.append(
                (
                    uid(),
                    now,
                    now,
                    pid,
                    org_of[pid],
                    k,
                    amount,
                    on.isoformat(),
                    method,
                    note,
                    "演示数据",
                    "demo",
                )
            )
            if len(rows) >= CHUNK:
                dialect.run_marked(conn, sql, rows)
                rows.clear()

        total = max(len(cells), 1)
        for i, pid in enumerate(sorted(cells)):
            if pid not in org_of:
                continue
            owed = cells[pid]
            habit = rng.random()
            method = _method(rng)
            stop = None
            if habit < 0.05:
                stop = mo.add(last, -rng.randint(0, 3))  # 1–4 months unpaid
            elif habit < 0.07:
                stop = mo.add(last, -rng.randint(5, 9))  # half a year and more
            quarterly = 0.07 <= habit < 0.17
            irregular = 0.17 <= habit < 0.20
            for k in sorted(owed):
                c = owed[k]
                if not c.due or (stop is not None and k >= stop):
                    continue
                if k > last and rng.random() < 0.5:
                    continue  # this month: half have paid already
                if irregular and rng.random() < 0.15:
                    continue
                if quarterly:
                    q_end = mo.key(k // 100, ((k % 100 - 1) // 3 + 1) * 3)
                    if q_end > last:
                        continue  # the quarter is not over: not paid yet
                    on = mo.first_day(q_end).replace(day=rng.randint(20, 28))
                else:
                    on = mo.first_day(k).replace(day=rng.randint(3, 28))
                if on > today:
                    on = today
                pay(pid, k, c.due, on, method)
            july = mo.key(today.year - 1, 7)
            if rng.random() < 0.02 and july in owed:
                extra = rng.choice((5000, 10000, 20000))
                pay(pid, july, extra, date(today.year - 1, 7, 1), method, "自愿多交（七一）")
            if i % 500 == 0:
                ctx.report("党费", 0.2 + 0.7 * i / total)
        if rows:
            dialect.run_marked(conn, sql, rows)
        _reversals(conn, rng, now, uid)
    ctx.report("党费", 1.0)


def _method(rng) -> str:
    r, acc = rng.random(), 0.0
    for m, p in METHODS:
        acc += p
        if r < acc:
            return m
    return METHODS[-1][0]


def _pick_members(conn) -> list[tuple[int, int, str | None]]:
    """(person_id, org_id, birth date) of members (预备 and 正式, those transferred out
    included), whole organizations in id order, until the budget is reached."""
    out: list[tuple[int, int, str | None]] = []
    current = None
    for pid, org, birth in conn.execute(
        text(
            "SELECT id, org_id, birth_date FROM person WHERE org_id IS NOT NULL "
            "AND category IN ('full', 'probationary') "
            "AND status IN ('active', 'transferred_out') ORDER BY org_id, id"
        )
    ):
        if org != current:
            if len(out) >= MEMBER_BUDGET:
                break
            current = org
        out.append((pid, org, birth))
    return out


def _reversals(conn, rng, now, uid) -> None:
    """A few payments entered twice by mistake, the second reversed (冲正) with the reason."""
    picked = conn.execute(
        text(
            "SELECT id, person_id, org_id, month, amount_fen, paid_on, method FROM dues_payment "
            "WHERE source = 'demo' AND note IS NULL ORDER BY id"
        )
    ).all()
    if not picked:
        return
    for row in rng.sample(picked, min(8, len(picked))):
        pid, person, org, k, amount, on, method = row
        dup = (uid(), now, now, person, org, k, amount, on, method, None, "演示数据", "demo")
        row_id = dialect.run_marked(
            conn,
            "INSERT INTO dues_payment (uuid, created_at, updated_at, person_id, org_id, month, "
            "amount_fen, paid_on, method, note, entered_by, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            dup,
        ).scalar()
        dup_id = row_id
        dialect.run_marked(
            conn,
            "INSERT INTO dues_payment (uuid, created_at, updated_at, person_id, org_id, month, "
            "amount_fen, paid_on, method, entered_by, source, reverses_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    uid(),
                    now,
                    now,
                    person,
                    org,
                    k,
                    -amount,
                    on,
                    method,
                    "演示数据",
                    "reversal",
                    dup_id,
                    "重复录入",
                )
            ],
        )
