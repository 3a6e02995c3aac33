"""Work records (工作纪实): entry and editing (`service`), the cadence check
(`cadence.check`), reminders (`reminders.reminders`). The book is
`partydesk.reports.book`."""

from partydesk.ledger.models.work import (
    Appraisal,
    Attendance,
    AttendanceStatus,
    Rating,
    RecordKind,
    WorkRecord,
)

# Kinds whose records have a sign-in table (expected / present / absent / observers).
MEETING_KINDS = (
    RecordKind.MEMBER_MEETING,
    RecordKind.COMMITTEE_MEETING,
    RecordKind.GROUP_MEETING,
    RecordKind.LECTURE,
    RecordKind.THEME_DAY,
    RecordKind.LIFE_MEETING,
    RecordKind.APPRAISAL,
)
# 三会一课
THREE_ONE = (
    RecordKind.MEMBER_MEETING,
    RecordKind.COMMITTEE_MEETING,
    RecordKind.GROUP_MEETING,
    RecordKind.LECTURE,
)

__all__ = [
    "Appraisal",
    "Attendance",
    "AttendanceStatus",
    "MEETING_KINDS",
    "Rating",
    "RecordKind",
    "THREE_ONE",
    "WorkRecord",
]
