"""Party dues (党费): bases (工资基数) with the month they apply from, reliefs (减免)
and payments.

Amounts are integer fen (分) so that sums are exact in SQL and in Python; months are
integers yyyymm (202603). The monthly due is fixed when a base is set (核定), as offices
do once a year: a later change of the tiers applies to bases set afterwards. Payments are
never edited: a correction is a reversing payment (negative amount, `reverses_id`) with a
reason.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partydesk.ledger.models.base import Base, Record


class DuesBase(Record, Base):
    """A member's monthly base from `start_month` on, with its kind (在职 / 离退休 /
    最低标准) and the monthly due it gives."""

    __tablename__ = "dues_base"
    __table_args__ = (Index("ix_dues_base_person_month", "person_id", "start_month"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    start_month: Mapped[int] = mapped_column(Integer)  # yyyymm
    kind: Mapped[str] = mapped_column(String(20), default="working")  # working|retired|minimum
    base_fen: Mapped[int | None] = mapped_column(Integer)  # 税后工资基数; None for minimum
    due_fen: Mapped[int] = mapped_column(Integer)  # 每月应交
    note: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(50))


class DuesRelief(Record, Base):
    """减免: from `from_month` to `to_month` the member owes `due_fen` a month (0: 免交),
    approved on `approved_on` for `reason`."""

    __tablename__ = "dues_relief"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    from_month: Mapped[int] = mapped_column(Integer)
    to_month: Mapped[int] = mapped_column(Integer)
    due_fen: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(Text)
    approved_on: Mapped[date] = mapped_column(Date)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    entered_by: Mapped[str | None] = mapped_column(String(50))


class DuesPayment(Record, Base):
    """One payment for one month (a reversal has a negative amount and `reverses_id`)."""

    __tablename__ = "dues_payment"
    __table_args__ = (
        # Covering: the summary sums a member's months from the index alone.
        Index("ix_dues_payment_person_month", "person_id", "month", "amount_fen"),
        Index("ix_dues_payment_org_month", "org_id", "month"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # The organization that collected it (kept after the member moves on).
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    month: Mapped[int] = mapped_column(Integer)  # the month paid for, yyyymm
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(10), default="cash")  # cash|transfer|wechat|alipay
    note: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(50))
    source: Mapped[str | None] = mapped_column(String(20))  # manual|grid|month|import|demo|reversal
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("dues_payment.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str | None] = mapped_column(Text)  # why it was reversed (on the reversal)
