"""Audit log (操作日志): who changed what, when, with old and new values.

Rows are written automatically for every ORM change (partydesk.audit installs session
events on each Ledger) and by `partydesk.audit.log` for bulk work that bypasses the ORM."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partydesk.ledger.models.base import Base, Record, utcnow


class AuditEntry(Record, Base):
    """One entry of the 操作日志. `at` is UTC (naive) like every timestamp in the ledger."""

    __tablename__ = "audit_log"

    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(100), default="", index=True)
    action: Mapped[str] = mapped_column(String(20), index=True)  # insert/update/delete/import/…
    table_name: Mapped[str] = mapped_column(String(100), default="", index=True)
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_uuid: Mapped[str | None] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(300), default="")  # readable record label
    old_values: Mapped[str | None] = mapped_column(Text)  # JSON object
    new_values: Mapped[str | None] = mapped_column(Text)  # JSON object
    # Keyed hash over this entry and the previous one's (partydesk.audit.chain).
    chain: Mapped[str | None] = mapped_column(String(64))
