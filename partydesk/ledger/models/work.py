"""Work records (工作纪实): meetings, talks, visits, instructor logs.

One table holds every kind of record (`WorkRecord.kind` is a `RecordKind` code); columns a
kind does not use stay empty. Who was there is in `Attendance`; the ratings of a 民主评议
are in `Appraisal`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partydesk.ledger.enums import LabeledEnum
from partydesk.ledger.models.base import Base, Record


class RecordKind(LabeledEnum):
    """Kind of a work record (纪实类型)."""

    MEMBER_MEETING = ("member_meeting", "支部党员大会")
    COMMITTEE_MEETING = ("committee_meeting", "支委会")
    GROUP_MEETING = ("group_meeting", "党小组会")
    LECTURE = ("lecture", "党课")
    THEME_DAY = ("theme_day", "主题党日")
    LIFE_MEETING = ("life_meeting", "组织生活会")
    APPRAISAL = ("appraisal", "民主评议")
    TALK = ("talk", "谈心谈话")
    VISIT = ("visit", "走访")
    INSTRUCTOR_LOG = ("instructor_log", "指导员工作日志")


class AttendanceStatus(LabeledEnum):
    PRESENT = ("present", "出席")
    ABSENT = ("absent", "缺席")
    OBSERVER = ("observer", "列席")


class Rating(LabeledEnum):
    """民主评议 rating (评议等次)."""

    EXCELLENT = ("excellent", "优秀")
    QUALIFIED = ("qualified", "合格")
    BASIC = ("basic", "基本合格")
    UNQUALIFIED = ("unqualified", "不合格")


class WorkRecord(Record, Base):
    """A work record (工作纪实) of an organization: a meeting (三会一课, 主题党日,
    组织生活会, 民主评议), a talk (谈心谈话), a visit (走访) or an instructor's log entry
    (指导员工作日志). `seq` numbers the records of one kind within org + year."""

    __tablename__ = "work_record"
    __table_args__ = (
        Index("ix_work_record_org_year_kind", "org_id", "year", "kind", "seq"),
        Index("ix_work_record_instructor_held", "instructor_id", "held_at"),
        Index("ix_work_record_unit_held", "unit_id", "held_at"),
        Index("ix_work_record_kind_held", "kind", "held_at"),
    )

    org_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    held_at: Mapped[datetime] = mapped_column(DateTime)
    end_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str | None] = mapped_column(String(200))
    host: Mapped[str | None] = mapped_column(String(50))  # 主持人 (谈话人 for talks)
    recorder: Mapped[str | None] = mapped_column(String(50))  # 记录人
    expected_count: Mapped[int | None] = mapped_column(Integer)  # 应到人数
    topics: Mapped[str | None] = mapped_column(Text)  # 议题
    content: Mapped[str | None] = mapped_column(Text)  # 内容
    resolutions: Mapped[str | None] = mapped_column(Text)  # 决议
    votes: Mapped[str | None] = mapped_column(Text)  # 表决结果
    lecturer: Mapped[str | None] = mapped_column(String(50))  # 党课主讲人
    lesson_title: Mapped[str | None] = mapped_column(String(200))  # 党课题目
    problems: Mapped[str | None] = mapped_column(Text)  # 组织生活会: 查摆问题
    measures: Mapped[str | None] = mapped_column(Text)  # 组织生活会: 整改措施
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="SET NULL")
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    people_met: Mapped[str | None] = mapped_column(Text)  # 走访: 见面人员
    problems_raised: Mapped[str | None] = mapped_column(Text)  # 反映问题
    problems_solved: Mapped[str | None] = mapped_column(Text)  # 解决情况
    note: Mapped[str | None] = mapped_column(Text)

    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Attendance.id"
    )
    appraisals: Mapped[list[Appraisal]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Appraisal.id"
    )

    @property
    def kind_label(self) -> str:
        return RecordKind.label_of(self.kind)


class Attendance(Record, Base):
    """Who was expected at a record and how they took part (出席 / 缺席 with reason /
    列席). Observers not in the ledger carry only `name_text`."""

    __tablename__ = "attendance"
    __table_args__ = (Index("ix_attendance_record", "record_id"),)

    record_id: Mapped[int] = mapped_column(ForeignKey("work_record.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="present")
    reason: Mapped[str | None] = mapped_column(String(200))  # 缺席原因
    name_text: Mapped[str | None] = mapped_column(String(50))  # name as written

    record: Mapped[WorkRecord] = relationship(back_populates="attendance")


class Appraisal(Record, Base):
    """One member's rating in a 民主评议 record (优秀 / 合格 / 基本合格 / 不合格)."""

    __tablename__ = "appraisal"
    __table_args__ = (Index("ux_appraisal_record_person", "record_id", "person_id", unique=True),)

    record_id: Mapped[int] = mapped_column(ForeignKey("work_record.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    rating: Mapped[str] = mapped_column(String(20), default="qualified")
    note: Mapped[str | None] = mapped_column(Text)

    record: Mapped[WorkRecord] = relationship(back_populates="appraisals")
