"""Accounts' lanes (辖区) on a server ledger: which streets or townships (街道/乡镇) a
township clerk's account sees and changes. Row-level security reads this table (see
partydesk.accounts); a ledger file has it too, empty, so both have one schema."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from partydesk.ledger.models.base import Base

ALL_STREETS = "*"  # the street of a county account's lane: every street


class AccountLane(Base):
    """One street of an account's lane (an account with ALL_STREETS sees everything)."""

    __tablename__ = "account_lane"

    account: Mapped[str] = mapped_column(String(63), primary_key=True)  # the database role
    street: Mapped[str] = mapped_column(String(100), primary_key=True)
