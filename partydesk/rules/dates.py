"""Calendar helpers shared by the rules."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    if d.day <= 28:  # every month has the day (the common case, and no calendar needed)
        return date(y, m, d.day)
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


_FOLD_DIGITS = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．－／"}
# Excel's day 0 is 1899-12-30 (it counts the phantom 1900-02-29).
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value) -> date | None:
    """A date from what offices type: a date/datetime, an Excel serial number, or text such
    as "2019-7-1", "2019/07/01", "2019.07.01", "2019.07" (→ 1st), "2019年7月1日",
    "2019年7月", "20190701". Empty → None. Raises ValueError (Chinese) otherwise."""
    import re
    from datetime import datetime, timedelta

    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError("日期格式无法识别")
    if isinstance(value, int | float):
        if 1 <= value < 2958466:  # Excel serial up to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"日期数值无法识别：{value}")
    t = str(value).translate(_FOLD_DIGITS).strip()
    t = "".join(t.split())
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
    if m is None:
        m = re.fullmatch(r"(\d{4})[年\-/.](\d{1,2})(?:[月\-/.](\d{1,2})日?)?月?", t)
    if m is None:
        if re.fullmatch(r"\d+(\.\d+)?", t):
            return parse_date(float(t))
        raise ValueError(f"日期格式无法识别：“{value}”（可写作 2019-07-01、2019.07、2019年7月1日）")
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"日期不存在：“{value}”") from None
