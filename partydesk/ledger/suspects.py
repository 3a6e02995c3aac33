"""Which people could break a rule: SQL conditions that let `partydesk check` run its
Python rules on those rows only.

At 300,000 people, reading every person and running every pipeline rule in Python took
most of `partydesk check`. Each condition here is a *superset* of one rule (it selects
every person the rule can fire for, and usually a few more), so the Python rules that
decide and word the finding stay the one source, and the findings are the same as a loop
over everyone (tests/test_check_narrow.py compares the two on a ledger with every rule
broken at its limit).
A rule added to `partydesk.rules.stages.person_problems` needs its condition here.

Dates are compared by year, month and day (from SQLite's stored ISO text, or `extract`
elsewhere); the ID number and phone shapes use SQLite's GLOB, so another dialect gets no
condition there (None: every row is read). The SQLite-only forms are chosen here by the
dialect's name (`partydesk.ledger.dialect.name`), next to the rule they stand for.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import Integer, String, and_, case, extract, func, or_, type_coerce
from sqlalchemy.sql import ColumnElement

from partydesk.ledger.models import Person
from partydesk.rules import idcard, phone
from partydesk.rules.dates import add_months
from partydesk.rules.stages import _FIRST_REQUIRED, _LAST_REQUIRED, DATE_LABEL, ORDER_PAIRS, STEPS

P = Person
MEMBERS = ("full", "probationary")


def _col(attr: str):
    return getattr(P, attr)


class _Calendar:
    """The month arithmetic of the rules as SQL supersets. SQLite stores dates as ISO text:
    its own date() moves a month on without the month-end clamp (31 Jan + 1 month is
    3 Mar, where `add_months` says 28 Feb), so its result is never earlier than
    `add_months`' and at most three days later. Elsewhere, by year, month and day."""

    def __init__(self, dialect: str):
        self.iso = dialect == "sqlite"

    def _key(self, col) -> ColumnElement:
        # (year * 12 + month) * 100 + day: months apart, then days, in one number
        y, m, d = (extract(part, col) for part in ("year", "month", "day"))
        return (y * 12 + m) * 100 + d

    def _shifted(self, col, months, days: int = 0) -> ColumnElement:
        mod = [
            f"{months:+d} months" if isinstance(months, int) else func.printf("%+d months", months)
        ]
        if days:
            mod.append(f"{days:+d} days")
        return func.date(col, *mod)

    def earlier_than_months(self, start, end, months) -> ColumnElement:
        """start <= end < add_months(start, months) can hold."""
        if self.iso:
            return and_(end >= start, end < self._shifted(start, months))
        return and_(end >= start, self._key(end) - self._key(start) < months * 100)

    def later_than_months(self, start, end, months) -> ColumnElement:
        """end > add_months(start, months) can hold (the clamp moves it up to 3 days earlier)."""
        if self.iso:
            return end > self._shifted(start, months, -3)
        return self._key(end) - self._key(start) > months * 100 - 4

    def younger_than(self, born, on, years: int) -> ColumnElement:
        """age_on(born, on) < years, exactly (YYYYMMDD numbers, year by year)."""
        if self.iso:
            ymd = [func.replace(c, "-", "") * 1 for c in (on, born)]
        else:
            ymd = [
                extract("year", c) * 10000 + extract("month", c) * 100 + extract("day", c)
                for c in (on, born)
            ]
        return ymd[0] - ymd[1] < years * 10000


def pipeline_suspects(cfg: dict, today: date, dialect: str = "sqlite") -> ColumnElement:
    """People for whom `stages.person_problems(values, cfg, today)` can report anything."""
    cal = _Calendar(dialect)
    conds: list[ColumnElement] = []
    # A category's missing dates and the dates filled in too far ahead.
    for rank, (code, _name, _attr, _label) in enumerate(STEPS):
        need = range(_FIRST_REQUIRED[rank], _LAST_REQUIRED.get(rank, -1) + 1)
        ahead = range(rank + 2, len(STEPS))
        parts = [_col(STEPS[i][2]).is_(None) for i in need]
        parts += [_col(STEPS[i][2]).is_not(None) for i in ahead]
        if parts:
            conds.append(and_(P.category == code, or_(*parts)))
    # Steps out of order; dates after today. The steps' own dates are in order exactly
    # when each is no earlier than the last one given before it (four comparisons for
    # the ten pairs: 120 ms at 300,000 people, where the pairs took 190); in order, the
    # last one given is the latest, so only it can be after today where any can (or the
    # row is out of order and read already).
    steps = [attr for _c, _n, attr, _l in STEPS]
    chain = [_col(attr) for attr in steps]
    for i in range(1, len(chain)):
        # (SQLite's coalesce() wants two arguments or more)
        before = chain[0] if i == 1 else func.coalesce(*reversed(chain[:i]))
        conds.append(chain[i] < before)
    conds += [_col(b) < _col(a) for a, b in ORDER_PAIRS if a not in steps or b not in steps]
    conds.append(func.coalesce(*reversed(chain)) > today)
    conds += [_col(attr) > today for attr in DATE_LABEL if attr not in steps]
    # Under the minimum age on the first date of the pipeline (age_on, by year and day).
    first = func.coalesce(*chain)
    conds.append(cal.younger_than(P.birth_date, first, int(cfg["min_age"])))
    conds.append(
        cal.earlier_than_months(P.activist_on, P.target_on, int(cfg["activist_min_months"]))
    )
    ext = func.coalesce(P.probation_extension_months, 0)
    conds.append(ext != 0)
    conds.append(
        cal.earlier_than_months(P.admitted_on, P.full_on, int(cfg["probation_months"]) + ext)
    )
    conds.append(cal.later_than_months(P.applied_on, P.talked_on, int(cfg["talk_within_months"])))
    return or_(*conds)


_DIGIT = "[0-9]"


def number_suspects(dialect: str) -> ColumnElement | None:
    """People whose ID number or mobile number may be invalid, disagree with the stored
    birth date or sex, or have an unallocated prefix: everyone but those who pass the
    fast path of `check._id_ok` and the phone pattern. None on a dialect without GLOB."""
    if dialect != "sqlite":
        return None
    n = P.id_number
    # SQLite multiplies a digit's text as a number (no CAST: half the time per row).
    digit = [func.substr(n, i + 1, 1, type_=Integer) for i in range(17)]
    weighted = sum((d * w for d, w in zip(digit, idcard.WEIGHTS, strict=True)), start=0)
    number_ok = and_(
        n.op("GLOB")(_DIGIT * 17 + "[0-9X]"),
        func.substr(n, 1, 2).in_(sorted(idcard.PROVINCES)),
        func.substr(idcard.CHECK_CHARS, weighted % 11 + 1, 1) == func.substr(n, 18, 1),
        func.substr(type_coerce(P.birth_date, String), 1, 10)
        == _text(func.substr(n, 7, 4))
        + "-"
        + _text(func.substr(n, 11, 2))
        + "-"
        + _text(func.substr(n, 13, 2)),
        or_(
            P.sex.is_(None),
            P.sex == func.iif(digit[16] % 2 == 1, "M", "F"),
        ),
    )
    tel = P.phone
    phone_ok = and_(
        tel.op("GLOB")("1[3-9]" + _DIGIT * 9),
        func.substr(tel, 1, 3).in_(sorted(phone.ALLOCATED)),
    )
    # A NULL in a part (no birth date) must count as "not passed", as in Python.
    return or_(
        and_(n.is_not(None), n != "", _fails(number_ok)),
        and_(tel.is_not(None), tel != "", _fails(phone_ok)),
    )


NUMBERS_INDEX = "ix_person_numbers_suspect"


@lru_cache(maxsize=1)
def number_suspects_sql() -> str:
    """SQLite: `number_suspects` as SQL text with its values written in, the very WHERE
    of the partial index NUMBERS_INDEX (migration 0020_numbersuspect), which holds the
    people it selects and which SQLite keeps up to date on every write, however made.
    A query with this WHERE reads the index (the suspects, a handful) instead of working
    the check digit of every ID number (1.1 s at 300,000 people); a query with bound
    values could not, SQLite matching a partial index only by the text's terms. Should the
    rules change, the index no longer matches and the rows are read as before (a new
    migration then brings the index up to date; a test says when)."""
    from sqlalchemy.dialects import sqlite

    cond = number_suspects("sqlite")
    return str(cond.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def _text(expr) -> ColumnElement:
    return type_coerce(expr, String)


def _fails(passed: ColumnElement) -> ColumnElement:
    return case((passed, 1), else_=0) == 0


def _before(today: date, months: int) -> date:
    """A day that every start date whose `add_months(start, months)` falls before `today`
    precedes (a week of margin for the month-end clamp)."""
    return add_months(today, -months) + timedelta(days=7)


def overdue_suspects(cfg: dict, today: date) -> ColumnElement:
    """People on the books for whom `check_people`'s second pass can report anything: a
    member without 加入党组织日期 or ID number, 流动 data, an overdue talk, review or end of
    probation, a probation extension, no organization, lost contact."""
    members = P.category.in_(MEMBERS)
    ext = func.coalesce(P.probation_extension_months, 0)
    return or_(
        and_(members, or_(P.admitted_on.is_(None), P.id_number.is_(None), P.id_number == "")),
        P.is_flowing.is_(True),
        P.flow_to.is_not(None),
        and_(
            P.category == "applicant",
            P.talked_on.is_(None),
            P.applied_on < _before(today, int(cfg["talk_within_months"])),
        ),
        and_(
            P.category == "activist",
            func.coalesce(P.last_review_on, P.activist_on)
            < _before(today, int(cfg["review_every_months"])),
        ),
        and_(
            P.category == "probationary",
            P.admitted_on < _before(today, int(cfg["probation_months"])),
        ),
        ext != 0,
        P.org_id.is_(None),
        and_(P.lost_contact.is_(True), members),
    )
