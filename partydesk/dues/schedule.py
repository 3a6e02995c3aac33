"""What each member owes and paid, month by month: one SQL query over bases, reliefs,
payments and the person's history, shared by the grid, the arrears and the township
summary, so that they always agree.

A member owes dues (党费) for a month when they are a 预备党员 or 正式党员 and the month lies
between their first month and their last:
- first: the month of admission (加入党组织, so a 预备党员 pays from it), or of the latest
  组织关系转入, or of the latest move into their present organization — whichever is latest;
- last: for one transferred out (已转出), the month of the transfer (settled up to it);
  for one who died or was removed, the month of that status change; otherwise open.
The ledger keeps a member's dues from the month of their first base (工资基数) on:
months before it (before the office began keeping dues here, or before the base was
核定) are not counted, and a member with no base yet is listed as 未核定. The due of a
month is the relief (减免) covering it, else the base in force (the latest with
start_month ≤ month). A month is unpaid when less than the due was paid; more than due
is 自愿多交.

A member moved between the ledger's organizations is counted in the present one from the
month of the move; earlier months are not counted anywhere (their payments stay with the
organization that collected them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from partydesk.dues import months as mo
from partydesk.ledger import dialect

# The month (YYYYMM) of a date: spelled per database by partydesk.ledger.dialect.portable.
_YM = "YEARMONTH({})"

# Each member once (materialized, so nothing here is worked out again per month): the
# first and last month they owe for, the month of their first base, whether they have a
# relief. The history is read in one grouped pass, not a lookup per member.
PEOPLE_CTE = f"""
ev AS MATERIALIZED (
  SELECT person_id AS epid,
    MAX(CASE WHEN kind = 'transfer_in' THEN {_YM.format('"on"')} END) AS tin,
    MAX(CASE WHEN kind = 'transfer_out' THEN {_YM.format('"on"')} END) AS tout,
    MAX(CASE WHEN kind = 'status' THEN {_YM.format('"on"')} END) AS tstat
  FROM person_event WHERE kind IN ('transfer_in', 'transfer_out', 'status')
  GROUP BY person_id),
mv AS MATERIALIZED (
  SELECT person_id AS mpid, to_org_id AS morg, MAX({_YM.format('"on"')}) AS mm
  FROM person_event WHERE kind = 'move' GROUP BY person_id, to_org_id),
rel AS MATERIALIZED (SELECT DISTINCT person_id AS rpid FROM dues_relief),
ppl AS MATERIALIZED (
  SELECT p.id AS pid, p.org_id AS org,
    GREATEST(COALESCE({_YM.format("p.admitted_on")}, 0), COALESCE(tin, 0), COALESCE(mm, 0))
      AS first_m,
    CASE p.status
      WHEN 'active' THEN 999912
      WHEN 'transferred_out' THEN COALESCE(tout, 0)
      ELSE COALESCE(tstat, 0)
    END AS last_m,
    (SELECT MIN(b.start_month) FROM dues_base b WHERE b.person_id = p.id) AS base_m,
    rpid IS NOT NULL AS has_rel
  FROM person p
    LEFT JOIN ev ON epid = p.id
    LEFT JOIN mv ON mpid = p.id AND morg = p.org_id
    LEFT JOIN rel ON rpid = p.id
  WHERE p.category IN ('full', 'probationary') AND p.org_id IS NOT NULL {{where}}
)"""

MONTH_ROWS = """
pm AS MATERIALIZED (
  SELECT pid, org, k,
    COALESCE(
      (SELECT r.due_fen FROM dues_relief r
        WHERE r.person_id = pid AND r.from_month <= k AND r.to_month >= k
        ORDER BY r.id DESC LIMIT 1),
      (SELECT b.due_fen FROM dues_base b
        WHERE b.person_id = pid AND b.start_month <= k
        ORDER BY b.start_month DESC, b.id DESC LIMIT 1)) AS due,
    COALESCE((SELECT SUM(y.amount_fen) FROM dues_payment y
        WHERE y.person_id = pid AND y.month = k), 0) AS paid
  FROM ppl JOIN mon ON k >= first_m AND k <= last_m AND k >= base_m
)"""

OWED = "(CASE WHEN due IS NULL THEN paid <= 0 ELSE paid < due END)"


def _months_cte(ks: list[int]) -> str:
    return "mon(k) AS (VALUES " + ", ".join(f"({int(k)})" for k in ks) + ")"


def month_query(ks: list[int], where: str = "", select: str | None = None) -> str:
    """The WITH … query giving (pid, org, k, due, paid, owed) for months `ks`; `where`
    narrows the people (e.g. "AND p.org_id = :org"), `select` replaces the final SELECT.
    Run it through `dialect.portable` (GREATEST, YEARMONTH)."""
    head = "WITH " + ",\n".join([_months_cte(ks), PEOPLE_CTE.format(where=where), MONTH_ROWS])
    tail = select or (
        f"SELECT pid, org, k, due, paid, CASE WHEN {OWED} THEN 1 ELSE 0 END AS owed "
        "FROM pm ORDER BY pid, k"
    )
    return head + "\n" + tail


@dataclass
class Cell:
    due: int | None  # None: no base yet (未核定)
    paid: int

    @property
    def owed(self) -> bool:
        return self.paid <= 0 if self.due is None else self.paid < self.due

    @property
    def short(self) -> int:
        """What is still to pay (0 when settled or unknown)."""
        return max(self.due - self.paid, 0) if self.due is not None else 0

    @property
    def extra(self) -> int:
        """自愿多交: paid above the due."""
        return max(self.paid - self.due, 0) if self.due is not None else 0


@dataclass
class MemberRow:
    person_id: int
    name: str
    category: str
    status: str
    cells: dict[int, Cell] = field(default_factory=dict)  # only the months owed for
    base_fen: int | None = None  # the base in force at the end of the span
    kind: str | None = None
    due_fen: int | None = None
    unpriced: bool = False  # a member with no base yet (未核定)

    def total_due(self, through: int | None = None) -> int:
        return sum(c.due or 0 for k, c in self.cells.items() if through is None or k <= through)

    def total_paid(self, through: int | None = None) -> int:
        return sum(c.paid for k, c in self.cells.items() if through is None or k <= through)

    def unpaid_months(self, through: int) -> list[int]:
        return [k for k, c in sorted(self.cells.items()) if k <= through and c.owed]


@dataclass
class Grid:
    org_id: int
    year: int
    months: list[int]
    rows: list[MemberRow]

    def month_due(self, k: int) -> int:
        return sum((r.cells[k].due or 0) for r in self.rows if k in r.cells)

    def month_paid(self, k: int) -> int:
        return sum(r.cells[k].paid for r in self.rows if k in r.cells)


def member_cells(
    session: Session, ks: list[int], *, org_id: int | None = None, person_id: int | None = None
) -> dict[int, dict[int, Cell]]:
    """{person_id: {month: Cell}} for the months each member owes for among `ks`."""
    where, params = "", {}
    if org_id is not None:
        where += " AND p.org_id = :org"
        params["org"] = org_id
    if person_id is not None:
        where += " AND p.id = :pid"
        params["pid"] = person_id
    out: dict[int, dict[int, Cell]] = {}
    for pid, _org, k, due, paid, _owed in session.execute(
        _sql(session, month_query(ks, where)), params
    ):
        out.setdefault(pid, {})[k] = Cell(due, paid)
    return out


def grid(session: Session, org_id: int, year: int) -> Grid:
    """The collection grid (党费收缴): the organization's members who owe for any month of
    `year` (those transferred out during it included), in roster (id) order."""
    ks = mo.year_months(year)
    cells = member_cells(session, ks, org_id=org_id)
    unpriced = set(unpriced_members(session, org_id, ks[0], ks[-1]))
    rows: list[MemberRow] = []
    if cells or unpriced:
        ids = sorted(set(cells) | unpriced)
        info = {}
        for chunk in _chunks(ids):
            q = text(
                "SELECT id, name, category, status FROM person WHERE id IN "
                f"({','.join(str(i) for i in chunk)})"
            )
            info.update({r[0]: r for r in session.execute(q)})
        bases = current_bases(session, ids, ks[-1])
        for pid in ids:
            _id, name, cat, status = info[pid]
            b = bases.get(pid)
            rows.append(
                MemberRow(
                    pid,
                    name,
                    cat,
                    status,
                    cells.get(pid, {}),
                    base_fen=b[0] if b else None,
                    kind=b[1] if b else None,
                    due_fen=b[2] if b else None,
                    unpriced=pid in unpriced,
                )
            )
    return Grid(org_id, year, ks, rows)


def _unpriced_sql(first: int, last: int, where: str) -> str:
    """Members with no base at all (未核定) who belong to the span: on the books, and
    admitted / transferred in by its last month (a past year's book lists no later
    arrival)."""
    return (
        "WITH "
        + PEOPLE_CTE.format(where=where)
        + f" SELECT org, pid FROM ppl WHERE base_m IS NULL AND first_m <= {int(last)}"
        + f" AND last_m >= {int(first)} ORDER BY pid"
    )


def unpriced_members(
    session: Session, org_id: int | None = None, first: int = 0, last: int = 999912
) -> list[int]:
    """Members with no base at all (未核定) in the span: nothing can be counted for them."""
    where, params = ("AND p.org_id = :org", {"org": org_id}) if org_id is not None else ("", {})
    return [r[1] for r in session.execute(_sql(session, _unpriced_sql(first, last, where)), params)]


def unpriced_by_org(session: Session, first: int = 0, last: int = 999912) -> dict[int, int]:
    out: dict[int, int] = {}
    for org, _pid in session.execute(_sql(session, _unpriced_sql(first, last, ""))):
        out[org] = out.get(org, 0) + 1
    return out


def current_bases(
    session: Session, person_ids: list[int], month: int
) -> dict[int, tuple[int | None, str, int]]:
    """{person_id: (base_fen, kind, due_fen)} of the base in force in `month`."""
    out = {}
    for chunk in _chunks(person_ids):
        q = text(
            "SELECT person_id, base_fen, kind, due_fen FROM dues_base "
            f"WHERE start_month <= :m AND person_id IN ({','.join(str(i) for i in chunk)}) "
            "ORDER BY person_id, start_month, id"
        )
        for pid, base, kind, due in session.execute(q, {"m": month}):
            out[pid] = (base, kind, due)  # the last one per person wins
    return out


def _sql(session: Session, template: str):
    return text(dialect.portable(session, template))


def _chunks(ids: list[int], n: int = 900):
    for i in range(0, len(ids), n):
        yield ids[i : i + n]
