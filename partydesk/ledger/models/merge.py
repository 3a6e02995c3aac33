"""What offline merging of ledgers keeps: the ledger's own identity, a record of
deletions (tombstones), the merges done and what each merged record looked like then,
and the conflicts left for the clerk to decide (合并乡镇账本)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partydesk.ledger.models.base import Base, Record, utcnow


class LedgerIdentity(Base):
    """One row: this ledger's own UUID, so another ledger can tell which ledger it has
    merged before. A copy of the file (a backup) is the same ledger; an extract is not."""

    __tablename__ = "ledger_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    ledger_uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DeletedRecord(Base):
    """A tombstone: a record deleted from this ledger, by table and UUID. Written by
    triggers on every merged table, so every way of deleting (a cell, the CLI, a cascade
    from a parent, bulk SQL) leaves one; a merge carries the deletion over."""

    __tablename__ = "deleted_record"
    __table_args__ = (Index("ix_deleted_record_table_uuid", "table_name", "record_uuid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(100))
    record_uuid: Mapped[str] = mapped_column(String(36))
    deleted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MergeRun(Record, Base):
    """One merge of another ledger into this one (or an extract made from it): which
    ledger by its UUID, from which file, when, by whom, and the counts."""

    __tablename__ = "merge_run"

    kind: Mapped[str] = mapped_column(String(20), default="merge")  # merge | extract
    source_uuid: Mapped[str] = mapped_column(String(36), index=True)
    source_path: Mapped[str | None] = mapped_column(Text)
    merged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    who: Mapped[str | None] = mapped_column(String(100))
    counts: Mapped[str | None] = mapped_column(Text)  # JSON {"added": n, …}


class MergeBase(Base):
    """What a record looked like (content digest) when this ledger and the other ledger
    last agreed on it: a side whose digest differs from it has changed the record since."""

    __tablename__ = "merge_base"
    __table_args__ = (
        Index("ux_merge_base_key", "source_uuid", "table_name", "record_uuid", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_uuid: Mapped[str] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(100))
    record_uuid: Mapped[str] = mapped_column(String(36))
    digest: Mapped[str] = mapped_column(String(40))


class MergeConflict(Record, Base):
    """A record changed on both sides since the last merge (or edited on one side and
    deleted on the other), waiting for the clerk: keep this ledger's version or take the
    other ledger's. The other side's values are kept here, so deciding needs no file."""

    __tablename__ = "merge_conflict"
    __table_args__ = (Index("ix_merge_conflict_state", "state"),)

    run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    source_uuid: Mapped[str] = mapped_column(String(36))
    source_path: Mapped[str | None] = mapped_column(Text)
    table_name: Mapped[str] = mapped_column(String(100))
    record_uuid: Mapped[str] = mapped_column(String(36))  # the other ledger's record
    target_uuid: Mapped[str | None] = mapped_column(String(36))  # this ledger's (None: gone)
    kind: Mapped[str] = mapped_column(String(20), default="both")  # both|deleted_here|deleted_there
    label: Mapped[str] = mapped_column(String(300), default="")
    ours: Mapped[str | None] = mapped_column(Text)  # JSON of this ledger's row (None: deleted)
    theirs: Mapped[str | None] = mapped_column(Text)  # JSON of the other's row (None: deleted)
    theirs_digest: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10), default="open")  # open|kept|taken
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
