"""Dates between Python and Qt, and the calendar date editor every dialog uses."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import QDateEdit


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def to_qdate(d: date | None) -> QDate:
    """`d` as a QDate; today when None."""
    d = d or date.today()
    return QDate(d.year, d.month, d.day)


def to_datetime(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def to_qdatetime(dt: datetime | None) -> QDateTime:
    """`dt` as a QDateTime to the minute; now when None."""
    if dt is None:
        dt = datetime.now().replace(second=0, microsecond=0)
    return QDateTime(dt.year, dt.month, dt.day, dt.hour, dt.minute, 0)


def date_edit(d: date | None = None, parent=None) -> QDateEdit:
    """A yyyy-MM-dd editor with a calendar pop-up, set to `d` (today when None)."""
    e = QDateEdit(parent)
    e.setCalendarPopup(True)
    e.setDisplayFormat("yyyy-MM-dd")
    e.setDate(to_qdate(d))
    return e
