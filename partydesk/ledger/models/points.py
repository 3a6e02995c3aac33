"""Points schemes, entries, publications, redemptions (积分卡 / 积分超市).

A scheme (积分方案) is scored per period (month / quarter / year); it has a base score,
optional floor and ceiling, items (加分 / 扣分 项) grouped by dimension, each with points
per occurrence and a cap per scoring period, and bands (stars or candidate outcomes).
Entries are append-mostly: once a period is published (公示) its entries are locked and a
correction is a new reversing entry.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partydesk.ledger.models.base import Base, Record


class PointsScheme(Record, Base):
    """积分方案, e.g. 党员量化积分 (monthly) or 积极分子考察积分卡 (quarterly)."""

    __tablename__ = "points_scheme"

    code: Mapped[str] = mapped_column(String(40), unique=True)  # stable short name
    name: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10), default="month")  # month|quarter|year
    # Bands are shown on cards of this period kind (None: the scoring period).
    band_period: Mapped[str | None] = mapped_column(String(10))
    base_points: Mapped[float] = mapped_column(Float, default=0)  # 基础分
    floor: Mapped[float | None] = mapped_column(Float)  # lowest total (保底分)
    ceiling: Mapped[float | None] = mapped_column(Float)  # highest total (满分)
    # Comma-separated person categories the scheme scores (e.g. "full,probationary").
    categories: Mapped[str] = mapped_column(String(100), default="full,probationary")
    redeemable: Mapped[bool] = mapped_column(Boolean, default=False)  # counts in 积分超市
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[PointsItem]] = relationship(
        back_populates="scheme",
        cascade="all, delete-orphan",
        order_by="(PointsItem.sort_order, PointsItem.id)",
    )
    bands: Mapped[list[PointsBand]] = relationship(
        back_populates="scheme", cascade="all, delete-orphan", order_by="PointsBand.min_points"
    )


class PointsItem(Record, Base):
    """积分项目: points per occurrence (negative: a deduction) and a cap per scoring period
    on the item's total (for a deduction, on the size of the deduction)."""

    __tablename__ = "points_item"

    scheme_id: Mapped[int] = mapped_column(
        ForeignKey("points_scheme.id", ondelete="CASCADE"), index=True
    )
    dimension: Mapped[str | None] = mapped_column(String(50))  # e.g. 政治思想
    name: Mapped[str] = mapped_column(String(100))
    points: Mapped[float] = mapped_column(Float)
    cap: Mapped[float | None] = mapped_column(Float)  # None: no cap
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    scheme: Mapped[PointsScheme] = relationship(back_populates="items")


class PointsBand(Record, Base):
    """A band of totals: from `min_points` up to the next band's minimum. `kind` is "star"
    (星级, with `stars`) or "outcome" (e.g. 优先发展)."""

    __tablename__ = "points_band"

    scheme_id: Mapped[int] = mapped_column(
        ForeignKey("points_scheme.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="star")
    min_points: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(50))
    stars: Mapped[int | None] = mapped_column(Integer)

    scheme: Mapped[PointsScheme] = relationship(back_populates="bands")


class PointsEntry(Record, Base):
    """One dated, attributed scoring of an item for a person: `count` occurrences worth
    `points_each` (copied from the item when entered, so later edits of the item never
    rewrite history). A reversing entry has `reverses_id` and the opposite count."""

    __tablename__ = "points_entry"
    __table_args__ = (
        Index("ix_points_entry_scheme_org_period", "scheme_id", "org_id", "period_key"),
        Index("ix_points_entry_person_scheme", "person_id", "scheme_id"),
    )

    scheme_id: Mapped[int] = mapped_column(ForeignKey("points_scheme.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(
        ForeignKey("points_item.id", ondelete="RESTRICT"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # The organization the person belonged to when scored: the card and the notice of
    # that organization keep the entry after a transfer.
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    period_key: Mapped[str] = mapped_column(String(10))  # scoring period, e.g. 2025-07
    on: Mapped[date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer, default=1)
    points_each: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(50))
    source: Mapped[str | None] = mapped_column(String(50))  # manual|grid|attendance:N|demo
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("points_entry.id", ondelete="SET NULL"), index=True
    )

    item: Mapped[PointsItem] = relationship()


class PointsPublication(Record, Base):
    """积分公示 of an organization's totals for a period; locks the entries it covers."""

    __tablename__ = "points_publication"
    __table_args__ = (
        Index("ux_points_publication_key", "scheme_id", "org_id", "period_key", unique=True),
    )

    scheme_id: Mapped[int] = mapped_column(ForeignKey("points_scheme.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    period_key: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)


class PointsGoods(Record, Base):
    """积分超市 goods: a thing that can be had for `price` points."""

    __tablename__ = "points_goods"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    price: Mapped[float] = mapped_column(Float)
    stock: Mapped[int | None] = mapped_column(Integer)  # None: not counted
    unit_label: Mapped[str | None] = mapped_column(String(10))  # 件, 本, 个 …
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)


class PointsRedemption(Record, Base):
    """A redemption in the 积分超市: draws `points` (price × quantity at the time) down
    from the person's balance."""

    __tablename__ = "points_redemption"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    goods_id: Mapped[int] = mapped_column(
        ForeignKey("points_goods.id", ondelete="RESTRICT"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    points: Mapped[float] = mapped_column(Float)
    entered_by: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)

    goods: Mapped[PointsGoods] = relationship()
