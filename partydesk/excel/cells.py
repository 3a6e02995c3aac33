"""Cells as offices write them, turned into what the field registry understands before it
judges them: dates typed as numbers (2019.07, 201907, 20190701), date-times, Excel serial
numbers; the words of 政治面貌 (中共党员 …). A guess never yields a year before 1900 or
past what the field allows; what was guessed is said in a warning.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from partydesk.errors import ValidationError

# Excel's day 0 is 1899-12-30 (it counts the phantom 1900-02-29); serials 1..73050 are
# 1900-01-01 .. 2099-12-31.
_EPOCH = date(1899, 12, 30)
_LAST_SERIAL = 73050
_DATETIME_TEXT = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_YEAR_MONTH_TEXT = re.compile(r"^(\d{4})(\d{2})$")

# Values offices write for a field, mapped to the registry's words.
VALUE_WORDS: dict[tuple[str, str], dict[str, str]] = {
    ("person", "category"): {
        "中共党员": "正式党员",
        "中共正式党员": "正式党员",
        "正式党员": "正式党员",
        "中共预备党员": "预备党员",
        "预备党员": "预备党员",
        "入党积极分子": "入党积极分子",
        "积极分子": "入党积极分子",
        "发展对象": "发展对象",
        "入党申请人": "入党申请人",
        "申请入党人": "入党申请人",
    },
}

# How late a guessed year may be: a fact of the past (入党, 出生, 成立 …) this year at the
# latest (the registry then refuses a future day); the end of a term one term ahead (a
# 党委's term is five years, a 党支部's three); any other date next year at the latest.
_TERM_ENDS = {"term_end"}
_TERM_YEARS = 5


def latest_year(name: str, kind: str, today: date) -> int:
    """The last year a date guessed from a number or short text may fall in."""
    if kind == "past_date":
        return today.year
    if name in _TERM_ENDS:
        return today.year + _TERM_YEARS
    return today.year + 1


def office_value(entity: str, name: str, kind: str, raw, today: date):
    """(value for the registry's cleaner, warning or None). Raises ValidationError for a
    number that is no date at all."""
    if kind in ("date", "past_date"):
        return office_date(raw, latest_year(name, kind, today))
    words = VALUE_WORDS.get((entity, name))
    if words is not None and raw.__class__ is str:
        return words.get("".join(raw.split()), raw), None
    return raw, None


def office_date(raw, latest: int):
    if raw.__class__ is datetime:
        return raw.date(), None
    if raw.__class__ is date or raw is None:
        return raw, None
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, int | float):
        return _number_date(raw, latest)
    if raw.__class__ is str:
        t = "".join(raw.split())
        m = _DATETIME_TEXT.match(raw.strip())
        if m:
            return m.group(1), None
        m = _YEAR_MONTH_TEXT.match(t)
        if m:
            return _year_month(int(m.group(1)), int(m.group(2)), raw, latest), None
        if re.fullmatch(r"\d+(\.\d+)?", t) and not re.fullmatch(r"\d{8}", t):
            if "." in t:
                y, mo = t.split(".")
                return _year_month(int(y), int(mo), raw, latest), None
            return _number_date(int(t), latest)
    return raw, None


def _year_month(y: int, mo: int, raw, latest: int) -> date:
    _check_year(y, raw, latest)
    if not 1 <= mo <= 12:
        raise ValidationError(f"日期无法识别：“{raw}”（月份应为1–12）")
    return date(y, mo, 1)


def _check_year(y: int, raw, latest: int) -> None:
    if y < 1900 or y > latest:
        raise ValidationError(f"日期无法识别：“{raw}”（年份{y}不在1900–{latest}年之间）")


def _number_date(v: int | float, latest: int):
    """A number in a date column: 20190701, 201907, 2019.07 (year.month), 1985 (a year),
    or an Excel serial number of 1900–2099."""
    if v != v or v in (float("inf"), float("-inf")) or v < 1:
        raise ValidationError(f"日期无法识别：“{v}”")
    whole = int(v)
    if v == whole:
        s = str(whole)
        if len(s) == 8:
            y, mo, d = int(s[:4]), int(s[4:6]), int(s[6:])
            _check_year(y, v, latest)
            try:
                return date(y, mo, d), None
            except ValueError:
                raise ValidationError(f"日期不存在：“{s}”") from None
        if len(s) == 6:
            return _year_month(int(s[:4]), int(s[4:]), s, latest), None
        if len(s) == 4 and 1900 <= whole <= latest:
            return date(whole, 1, 1), f"只写了年份{whole}，按{whole}年1月1日导入"
    elif 1900 <= whole <= latest:
        # year.month: 2019.07 is July; 2019.1 is read as January (Excel drops the 0 of
        # 2019.10 typed as a number, so October is said in the warning).
        frac = repr(float(v)).split(".")[1]
        mo = int(frac[:2]) if len(frac) >= 2 else int(frac)
        d = _year_month(whole, mo, v, latest)
        warn = None
        if len(frac) == 1 and frac == "1":
            warn = f"“{v}”按{whole}年1月导入；若是10月，请写成文本“{whole}.10”"
        return d, warn
    if 1 <= v <= _LAST_SERIAL:
        d = _EPOCH + timedelta(days=whole)
        _check_year(d.year, v, latest)
        return d, None
    raise ValidationError(f"日期无法识别：“{v}”（可写作 2019-07-01、2019.07、2019年7月1日）")
