"""Figures over the schedule: the township summary (党费收缴情况汇总表) and arrears
(欠交党费) per member, with the months unpaid in a row that make reminders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from partydesk.dues import months as mo
from partydesk.dues import schedule
from partydesk.ledger import dialect


def last_closed_month(today: date) -> int:
    """The latest month that has ended: a month's dues are late only once it is over."""
    return mo.add(mo.of(today), -1)


def default_through(year: int, today: date) -> int:
    """Figures of a past year run to December; of the current year to the last month
    that has ended (the one before this if this is January: nothing yet)."""
    return min(mo.key(year, 12), last_closed_month(today))


@dataclass
class BranchFigures:
    org_id: int
    name: str
    members: int = 0  # who owed for a month of the span, and those 未核定
    due: int = 0  # fen
    paid: int = 0  # fen, 自愿多交 included
    paid_counted: int = 0  # paid up to the due of each month (for the rate)
    short: int = 0  # 欠交金额: due not paid
    in_arrears: int = 0  # members with a month unpaid
    unpriced: int = 0  # members on the books with no base yet (未核定)

    @property
    def rate(self) -> float | None:
        """收缴率: paid (up to each month's due) over due."""
        return self.paid_counted / self.due if self.due else None

    def add(self, o: BranchFigures) -> None:
        for f in ("members", "due", "paid", "paid_counted", "short", "in_arrears", "unpriced"):
            setattr(self, f, getattr(self, f) + getattr(o, f))


@dataclass
class Summary:
    year: int
    through: int
    branches: list[BranchFigures]
    total: BranchFigures = field(default_factory=lambda: BranchFigures(0, "合计"))


# The summary works on pieces, not months: a piece is a member's run of months with one
# due (a base in force, cut to the member's months and the span), so the due is due × n
# without a row per month. The payments of a piece are read in one range scan of the
# (person_id, month, amount_fen) index, grouped by month, giving three figures packed into
# one integer (a scalar subquery returns one value): paid << 37, paid up to the
# due << 12, months paid in full (n < 4096; amounts below 2**25 fen, 335,000 元, a piece).
# Members with a relief (rare) fall back to a piece per month. Tested to give the same
# figures as the month-by-month query (tests/dues, tests/bench/bench_dues.py).
_N_MONTHS = "(((hi / 100) * 12 + hi % 100) - ((lo / 100) * 12 + lo % 100) + 1)"
_MASK = 33554431  # 2**25 - 1

SUMMARY_SQL = """
WITH {mon}, {people},
seg AS (
  SELECT person_id AS spid, due_fen AS bdue, start_month AS s0,
    LEAD(start_month) OVER (PARTITION BY person_id ORDER BY start_month, id) AS s1
  FROM dues_base WHERE start_month <= {b}),
fast AS (
  SELECT pid, org, bdue AS due, GREATEST(first_m, s0, {a}) AS lo,
    LEAST(last_m, {b}, CASE WHEN s1 IS NULL THEN 999912
                          WHEN s1 % 100 = 1 THEN s1 - 89 ELSE s1 - 1 END) AS hi
  FROM seg JOIN ppl ON pid = spid WHERE NOT has_rel),
slow AS (
  SELECT pid, org, k AS lo, k AS hi,
    COALESCE(
      (SELECT r.due_fen FROM dues_relief r
        WHERE r.person_id = pid AND r.from_month <= k AND r.to_month >= k
        ORDER BY r.id DESC LIMIT 1),
      (SELECT b.due_fen FROM dues_base b WHERE b.person_id = pid AND b.start_month <= k
        ORDER BY b.start_month DESC, b.id DESC LIMIT 1)) AS due
  FROM ppl CROSS JOIN mon
  WHERE has_rel AND k >= first_m AND k <= last_m AND k >= base_m),
pieces AS MATERIALIZED (
  SELECT pid, org, due, {n} AS n,
    COALESCE((SELECT (CAST(SUM(s) AS BIGINT) << 37)
        + (CAST(SUM(GREATEST(LEAST(s, due), 0)) AS BIGINT) << 12)
        + SUM(CASE WHEN s >= due THEN 1 ELSE 0 END)
      FROM (SELECT SUM(y.amount_fen) AS s FROM dues_payment y
            WHERE y.person_id = pid AND y.month BETWEEN lo AND hi GROUP BY y.month) AS pm_), 0)
      AS cf
  FROM (SELECT pid, org, due, lo, hi FROM fast WHERE lo <= hi
        UNION ALL SELECT pid, org, due, lo, hi FROM slow) AS both_)
{select}"""

SUMMARY_SELECT = """SELECT org,
  COUNT(DISTINCT pid),
  CAST(SUM(due * n) AS BIGINT),
  CAST(SUM(cf >> 37) AS BIGINT),
  CAST(SUM((cf >> 12) & {mask}) AS BIGINT),
  CAST(SUM(due * n - ((cf >> 12) & {mask})) AS BIGINT),
  COUNT(DISTINCT CASE WHEN due > 0 AND (cf & 4095) < n THEN pid END)
FROM pieces GROUP BY org"""
LATE_SELECT = "SELECT DISTINCT pid FROM pieces WHERE due > 0 AND (cf & 4095) < n"


def pieces_query(ks: list[int], select: str, where: str = "") -> str:
    return SUMMARY_SQL.format(
        mon=schedule._months_cte(ks),
        people=schedule.PEOPLE_CTE.format(where=where),
        a=ks[0],
        b=ks[-1],
        n=_N_MONTHS,
        mask=_MASK,
        select=select.format(mask=_MASK),
    )


def summary(session: Session, year: int, through: int | None = None) -> Summary:
    """Each organization with members owing dues in `year` up to `through` (default:
    `default_through`): members, due, paid, rate, arrears; plus the total."""
    through = through or mo.key(year, 12)
    ks = mo.span(mo.key(year, 1), through)
    names = dict(session.execute(text("SELECT id, name FROM organization")).all())
    unpriced = schedule.unpriced_by_org(session, ks[0], ks[-1])
    rows = {}
    sql = pieces_query(ks, SUMMARY_SELECT)
    for org, n, due, paid, counted, short, arrears in session.execute(_sql(session, sql)):
        rows[org] = BranchFigures(org, names.get(org, ""), n, due, paid, counted, short, arrears)
    for org, n in unpriced.items():
        b = rows.setdefault(org, BranchFigures(org, names.get(org, "")))
        b.unpriced = n
        b.members += n
    rows = list(rows.values())
    rows.sort(key=lambda b: b.org_id)
    s = Summary(year, through, rows)
    for b in rows:
        s.total.add(b)
    return s


@dataclass
class Arrear:
    person_id: int
    org_id: int
    name: str
    org_name: str
    unpaid: list[int]  # months unpaid in the look-back window, oldest first
    run: int  # months unpaid in a row up to the last ended month
    short: int  # fen still owed over the window

    @property
    def run_from(self) -> int | None:
        return self.unpaid[-self.run] if self.run else None


LOOK_BACK = 24  # months looked at for arrears (a run is reported as "24 months or more")


def arrears(
    session: Session,
    today: date,
    *,
    org_id: int | None = None,
    months_back: int = LOOK_BACK,
) -> list[Arrear]:
    """Members with unpaid months among the `months_back` that ended before today's,
    with how many are in a row up to the last one; most months in a row first."""
    last = last_closed_month(today)
    ks = mo.span(mo.add(last, 1 - months_back), last)
    where, params = "", {}
    if org_id is not None:
        where, params = " AND p.org_id = :org", {"org": org_id}
    # First the members with a month not paid in full (one pass over pieces), then their
    # months one by one: a month-by-month pass over everyone is many times slower.
    late = [
        r[0] for r in session.execute(_sql(session, pieces_query(ks, LATE_SELECT, where)), params)
    ]
    if not late:
        return []
    where += f" AND p.id IN ({','.join(map(str, late))})"
    sel = (
        "SELECT pid, org, k, CASE WHEN due IS NULL THEN 0 ELSE due - paid END "
        f"FROM pm WHERE {schedule.OWED} ORDER BY pid, k"
    )
    owed: dict[int, list[tuple[int, int, int]]] = {}
    for pid, org, k, short in session.execute(
        _sql(session, schedule.month_query(ks, where, sel)), params
    ):
        owed.setdefault(pid, []).append((org, k, short))
    if not owed:
        return []
    pnames, onames = {}, dict(session.execute(text("SELECT id, name FROM organization")).all())
    for chunk in schedule._chunks(sorted(owed)):
        q = text(f"SELECT id, name FROM person WHERE id IN ({','.join(map(str, chunk))})")
        pnames.update(session.execute(q).all())
    out = []
    for pid, items in owed.items():
        ms = [k for _o, k, _s in items]
        run, expect = 0, last
        for k in reversed(ms):
            if k != expect:
                break
            run += 1
            expect = mo.add(expect, -1)
        org = items[-1][0]
        out.append(
            Arrear(
                pid,
                org,
                pnames.get(pid, ""),
                onames.get(org, ""),
                ms,
                run,
                sum(s for _o, _k, s in items),
            )
        )
    out.sort(key=lambda a: (-a.run, -len(a.unpaid), a.org_id, a.person_id))
    return out


def _sql(session: Session, template: str):
    return text(dialect.portable(session, template))


def members_in_arrears(session: Session, org_id: int, first: int, last: int) -> list[int]:
    """Ids of the organization's members with a month unpaid between `first` and `last`."""
    sel = f"SELECT DISTINCT pid FROM pm WHERE {schedule.OWED} ORDER BY pid"
    q = schedule.month_query(mo.span(first, last), " AND p.org_id = :org", sel)
    return [r[0] for r in session.execute(_sql(session, q), {"org": org_id})]
