"""Certificates (证书 / 聘书) and 红领党务 qualifications, instructor assessments.

Enumerated columns store the English codes of the enums below; the Chinese labels are what
users see."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partydesk.ledger.enums import LabeledEnum
from partydesk.ledger.models.base import Base, Record


class AssessmentGrade(LabeledEnum):
    """Yearly assessment of an instructor (年度考核等次)."""

    EXCELLENT = ("excellent", "优秀")
    COMPETENT = ("competent", "称职")
    BASIC = ("basic", "基本称职")
    INCOMPETENT = ("incompetent", "不称职")


class QualificationLevel(LabeledEnum):
    """红领党务 level."""

    JUNIOR = ("junior", "初级")
    INTERMEDIATE = ("intermediate", "中级")
    SENIOR = ("senior", "高级")


class QualificationStatus(LabeledEnum):
    ACTIVE = ("active", "有效")
    WITHDRAWN = ("withdrawn", "已撤销")


class QualificationEventKind(LabeledEnum):
    AWARD = ("award", "认定")
    KEEP = ("keep", "复核保留")
    PROMOTE = ("promote", "晋级")
    DEMOTE = ("demote", "降级")
    WITHDRAW = ("withdraw", "撤销")


class CertificateKind(LabeledEnum):
    INSTRUCTOR = ("instructor", "党建指导员聘书")
    PARTY_AFFAIRS = ("party_affairs", "红领党务证书")


class CertificateStatus(LabeledEnum):
    VALID = ("valid", "有效")
    REVOKED = ("revoked", "已撤销")
    REPLACED = ("replaced", "已换发")


class InstructorAssessment(Record, Base):
    """An instructor's yearly assessment (年度考核)."""

    __tablename__ = "instructor_assessment"
    __table_args__ = (Index("ux_instructor_assessment_year", "instructor_id", "year", unique=True),)

    instructor_id: Mapped[int] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(20))  # AssessmentGrade code
    assessed_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Qualification(Record, Base):
    """A 红领党务 qualification held by a person or an instructor."""

    __tablename__ = "qualification"

    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="SET NULL"), index=True
    )
    holder_name: Mapped[str] = mapped_column(String(50), index=True)
    level: Mapped[str] = mapped_column(String(20))  # QualificationLevel code
    awarded_on: Mapped[date] = mapped_column(Date)  # date of the current level
    review_due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    events: Mapped[list[QualificationEvent]] = relationship(
        back_populates="qualification",
        cascade="all, delete-orphan",
        order_by="(QualificationEvent.on, QualificationEvent.id)",
    )


class QualificationEvent(Record, Base):
    """One step of a qualification's history: award, review kept, promotion, demotion,
    withdrawal — with the reason."""

    __tablename__ = "qualification_event"

    qualification_id: Mapped[int] = mapped_column(
        ForeignKey("qualification.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # QualificationEventKind code
    on: Mapped[date] = mapped_column(Date)
    from_level: Mapped[str | None] = mapped_column(String(20))
    to_level: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)

    qualification: Mapped[Qualification] = relationship(back_populates="events")


class CertificateTemplate(Record, Base):
    """Editable wording and serial pattern of one kind of certificate (the 聘书 form)."""

    __tablename__ = "certificate_template"

    kind: Mapped[str] = mapped_column(String(30), unique=True)
    kind_code: Mapped[str] = mapped_column(String(10))  # e.g. "ZD" in 2026ZD0001
    serial_pattern: Mapped[str] = mapped_column(String(100))  # "{year}{kind_code}{seq:04d}"
    title: Mapped[str] = mapped_column(String(50))  # 聘　书
    body: Mapped[str] = mapped_column(Text)  # "兹聘请 {name} 同志为……"
    closing: Mapped[str | None] = mapped_column(String(100))  # 特发此聘书。
    post: Mapped[str | None] = mapped_column(String(100))  # 党建指导员
    issuer: Mapped[str] = mapped_column(String(200))  # issuing organ as on the seal
    valid_years: Mapped[int] = mapped_column(Integer, default=1)


class CertificateBatch(Record, Base):
    """One issuing (一批): the certificates issued together, so that the office can print
    or reprint exactly that batch."""

    __tablename__ = "certificate_batch"

    kind: Mapped[str] = mapped_column(String(30))  # CertificateKind code
    issued_on: Mapped[date] = mapped_column(Date)
    size: Mapped[int] = mapped_column(Integer, default=0)  # how many were issued


class Certificate(Record, Base):
    """One issued certificate. The wording is stored as issued, so a reprint is identical
    even after the template changes."""

    __tablename__ = "certificate"

    kind: Mapped[str] = mapped_column(String(30), index=True)  # CertificateKind code
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    # Which check value it carries: 1 = the old one over the serial (keyed by a secret
    # in the ledger), 2 = over serial, holder, kind and dates with the ledger's key.
    check_version: Mapped[int] = mapped_column(Integer, default=2, server_default="1")
    holder_name: Mapped[str] = mapped_column(String(50), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="SET NULL"), index=True
    )
    qualification_id: Mapped[int | None] = mapped_column(
        ForeignKey("qualification.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(50))
    body: Mapped[str] = mapped_column(Text)  # rendered wording
    closing: Mapped[str | None] = mapped_column(String(100))
    post: Mapped[str | None] = mapped_column(String(100))
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    valid_until: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="valid", index=True)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    replaced_by: Mapped[str | None] = mapped_column(String(40))  # newer serial
    replaces: Mapped[str | None] = mapped_column(String(40))  # older serial
    printed_count: Mapped[int] = mapped_column(Integer, default=0)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate_batch.id", ondelete="SET NULL"), index=True
    )


class CertificateSerial(Record, Base):
    """Every serial ever allocated, kept even when its certificate is deleted, so that a
    number is never given twice."""

    __tablename__ = "certificate_serial"

    serial: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    holder_name: Mapped[str | None] = mapped_column(String(50))
    deleted_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class SerialCounter(Record, Base):
    """The last sequence number used per serial pattern, year and kind."""

    __tablename__ = "serial_counter"
    __table_args__ = (Index("ux_serial_counter_key", "pattern", "year", "kind", unique=True),)

    pattern: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    last: Mapped[int] = mapped_column(Integer, default=0)
