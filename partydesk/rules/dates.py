"""Calendar helpers shared by the rules."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def months_between(a: date, b: date) -> int:
    """Whole months from a to b (negative when b is before a)."""
    n = (b.year - a.year) * 12 + (b.month - a.month)
    if n > 0 and b.day < a.day:
        n -= 1
    elif n < 0 and b.day > a.day:
        n += 1
    return n


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
