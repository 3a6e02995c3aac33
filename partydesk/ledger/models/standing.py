"""Star rating (评星定级), demonstration sites (示范点), 四个一, the 六有 checklist and the
half-yearly 六个清 survey.

Rubrics, veto conditions, star bands and checklist items are data (settings key
"standing", see partydesk.standing.config); these tables hold what was recorded."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partydesk.ledger.enums import LabeledEnum
from partydesk.ledger.models.base import Base, Record
from partydesk.ledger.models.core import Instructor, Organization, Unit


class DemoLevel(LabeledEnum):
    """示范点 level."""

    PROVINCIAL = ("provincial", "省级")
    CITY = ("city", "市级")
    COUNTY = ("county", "县级")


class RatingStep(LabeledEnum):
    """The four steps of 评星定级, in order."""

    SELF_CHECK = ("self_check", "自查初评")
    IMPROVE = ("improve", "转化提升")
    ACCEPT = ("accept", "检查验收")
    AWARD = ("award", "授牌奖励")


class StarRating(Record, Base):
    """One organization's star rating for one year (评星定级).

    `scores` is JSON {indicator code: points}; `vetoes` JSON [veto code]. `total` and
    `stars` are what the rubric and bands gave when the rating was last saved (an awarded
    plaque does not change when a county edits its bands later)."""

    __tablename__ = "star_rating"
    __table_args__ = (Index("ux_star_rating_org_year", "org_id", "year", unique=True),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    scores: Mapped[str] = mapped_column(Text, default="{}")
    vetoes: Mapped[str] = mapped_column(Text, default="[]")
    total: Mapped[float] = mapped_column(Float, default=0.0)
    stars: Mapped[int] = mapped_column(Integer, default=0, index=True)
    self_check_on: Mapped[date | None] = mapped_column(Date)  # 自查初评
    improve_on: Mapped[date | None] = mapped_column(Date)  # 转化提升
    accept_on: Mapped[date | None] = mapped_column(Date)  # 检查验收
    award_on: Mapped[date | None] = mapped_column(Date)  # 授牌奖励
    note: Mapped[str | None] = mapped_column(Text)

    org: Mapped[Organization] = relationship()


class DemoSite(Record, Base):
    """A demonstration site (示范点) named at a level in a year."""

    __tablename__ = "demo_site"
    __table_args__ = (Index("ux_demo_site_org_level_year", "org_id", "level", "year", unique=True),)

    org_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(20))  # DemoLevel code
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(200))  # e.g. 党建示范点
    note: Mapped[str | None] = mapped_column(Text)

    org: Mapped[Organization] = relationship()


class GuidanceLink(Record, Base):
    """四个一: one linked leader, one instructor, one pairing unit, one 吹哨报到 channel."""

    __tablename__ = "guidance_link"

    org_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), unique=True
    )
    leader_name: Mapped[str | None] = mapped_column(String(50))  # 联系领导
    leader_post: Mapped[str | None] = mapped_column(String(100))
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="SET NULL"), index=True
    )
    pairing_unit: Mapped[str | None] = mapped_column(String(200))  # 结对单位
    whistle_channel: Mapped[str | None] = mapped_column(String(200))  # 吹哨报到渠道
    note: Mapped[str | None] = mapped_column(Text)

    org: Mapped[Organization] = relationship()
    instructor: Mapped[Instructor | None] = relationship()


class ChecklistMark(Record, Base):
    """The state of one item of the 六有 checklist for one organization."""

    __tablename__ = "checklist_mark"
    __table_args__ = (Index("ux_checklist_mark_org_item", "org_id", "item", unique=True),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(50))  # item code from the checklist setting
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))


class UnitSurvey(Record, Base):
    """One 六个清 survey of a unit: operating entity, employees, party organization,
    structure, members, instructor — with who surveyed and when."""

    __tablename__ = "unit_survey"
    __table_args__ = (Index("ix_unit_survey_unit_on", "unit_id", "surveyed_on"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    surveyed_on: Mapped[date] = mapped_column(Date, index=True)
    surveyor: Mapped[str | None] = mapped_column(String(50))
    operating: Mapped[str | None] = mapped_column(String(200))  # 经营主体清
    employees: Mapped[int | None] = mapped_column(Integer)  # 从业人员清
    party_org: Mapped[str | None] = mapped_column(String(200))  # 党组织清
    structure: Mapped[str | None] = mapped_column(String(200))  # 组织架构清
    members: Mapped[int | None] = mapped_column(Integer)  # 党员情况清
    instructor: Mapped[str | None] = mapped_column(String(100))  # 党建指导员清
    note: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit] = relationship()
