"""Months as integers yyyymm (202603): easy to store, index, compare and group in SQL."""

from __future__ import annotations

import re
from datetime import date

from partydesk.errors import ValidationError


def key(year: int, month: int) -> int:
    return year * 100 + month


def of(d: date) -> int:
    return d.year * 100 + d.month


def add(k: int, n: int) -> int:
    """The month `n` months after `k` (before, for negative `n`)."""
    i = (k // 100) * 12 + (k % 100 - 1) + n
    return key(i // 12, i % 12 + 1)


def between(a: int, b: int) -> int:
    """Months from `a` to `b` (b − a)."""
    return ((b // 100) * 12 + b % 100) - ((a // 100) * 12 + a % 100)


def span(a: int, b: int) -> list[int]:
    """Every month from `a` to `b`, both included."""
    return [add(a, i) for i in range(between(a, b) + 1)]


def year_months(year: int) -> list[int]:
    return [key(year, m) for m in range(1, 13)]


def first_day(k: int) -> date:
    return date(k // 100, k % 100, 1)


def text(k: int) -> str:
    return f"{k // 100}-{k % 100:02d}"


def label(k: int) -> str:
    return f"{k // 100}年{k % 100}月"


_MONTH = re.compile(r"^(\d{4})\s*[-./年]?\s*(\d{1,2})\s*月?$")


def parse(t: str | int | date) -> int:
    """2026-03, 2026.3, 2026年3月, 202603 (or a date) → 202603."""
    if isinstance(t, date):
        return of(t)
    s = str(t).strip()
    m = _MONTH.match(s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1900 <= y <= 2200:
            return key(y, mo)
    raise ValidationError(f"无法识别的月份“{t}”，请写成 2026-03。", "month")


def parse_range(t: str) -> list[int]:
    """One month, or a range written 2026-01..2026-06 / 2026-01~2026-06 / 2026-01至2026-06."""
    parts = re.split(r"\s*(?:\.\.|~|～|至|到)\s*", str(t).strip())
    if len(parts) == 1:
        return [parse(parts[0])]
    if len(parts) != 2:
        raise ValidationError(f"无法识别的月份范围“{t}”，请写成 2026-01..2026-06。", "month")
    a, b = parse(parts[0]), parse(parts[1])
    if b < a:
        raise ValidationError(f"月份范围“{t}”的结束月份早于开始月份。", "month")
    return span(a, b)
