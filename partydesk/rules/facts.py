"""Dates of facts: a meeting held, points earned, an assessment made, a site named, a rating
step taken have already happened, so none of them is dated after today (a clerk typing
2027 for 2017, or next year's plan into this year's record, is caught on entry).

Every service that stores such a date asks here, so the window, the command line and the
import refuse with the same message. `today` is a parameter for tests and for the demo,
which builds a ledger as of its own day."""

from __future__ import annotations

from datetime import date, datetime

from partydesk.errors import ValidationError


def _day(d: date | datetime) -> date:
    return d.date() if isinstance(d, datetime) else d


def past(d: date | datetime | None, label: str, today: date | None = None, field=None):
    """`d` unchanged when it is not after today; else a ValidationError naming the field."""
    if d is None:
        return d
    today = today or date.today()
    day = _day(d)
    if day > today:
        raise ValidationError(
            f"{label}{day:%Y-%m-%d}晚于今天（{today:%Y-%m-%d}）。这里记的是已经发生的事，"
            f"不能填将来的日期，请核对年份和日期。",
            field,
        )
    return d


def past_year(year: int | None, label: str, today: date | None = None, field=None):
    """`year` unchanged when it has begun; else a ValidationError naming the field."""
    if year is None:
        return year
    today = today or date.today()
    if int(year) > today.year:
        raise ValidationError(
            f"{label}{int(year)}年晚于今年（今天是{today:%Y-%m-%d}）。这里记的是已经发生的事，"
            f"不能填将来的年度，请核对年度。",
            field,
        )
    return year
