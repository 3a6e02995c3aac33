"""Core ledger entities: units (两新组织), party organizations, people in the pipeline,
instructors (党建指导员), settings.

Enumerated columns store the English code of the enums in `partydesk.ledger.enums`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from partydesk.ledger.models.base import Base, Record
from partydesk.rules.pinyin import sort_key


def _sort_name(person: bool):
    """A validator keeping `sort_name` (the pinyin sort key) in step with `name` on every
    ORM write; bulk writers fill it with `partydesk.ledger.sortkeys`."""

    def keep(self, _key, value):
        self.sort_name = sort_key(value, person)
        return value

    return validates("name")(keep)


class Unit(Record, Base):
    """两新组织: a non-public enterprise, social organization or new-employment group."""

    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(String(200), index=True)
    sort_name: Mapped[str | None] = mapped_column(String(400), index=True)  # pinyin
    _keep_sort_name = _sort_name(False)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)  # 统一社会信用代码
    kind: Mapped[str] = mapped_column(String(20), default="enterprise", index=True)
    industry: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(100), index=True)  # 街道 / 村(社区)
    address: Mapped[str | None] = mapped_column(String(300))
    legal_rep: Mapped[str | None] = mapped_column(String(50))  # 法定代表人
    employees: Mapped[int | None] = mapped_column(Integer)
    members_employed: Mapped[int | None] = mapped_column(Integer)  # 党员数 (employed there)
    above_scale: Mapped[bool] = mapped_column(Boolean, default=False)  # 规上
    high_tech: Mapped[bool] = mapped_column(Boolean, default=False)  # 高新
    key_unit: Mapped[bool] = mapped_column(Boolean, default=False)  # 重点单位
    has_union: Mapped[bool] = mapped_column(Boolean, default=False)  # 工会 (work coverage)
    has_league: Mapped[bool] = mapped_column(Boolean, default=False)  # 团组织 (work coverage)
    status: Mapped[str] = mapped_column(String(20), default="operating")
    note: Mapped[str | None] = mapped_column(Text)

    host_links: Mapped[list[OrgHostUnit]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )


class Organization(Record, Base):
    """党组织: a committee, general branch, branch, joint branch or work branch."""

    __tablename__ = "organization"

    name: Mapped[str] = mapped_column(String(200), index=True)  # full name, as on the seal
    sort_name: Mapped[str | None] = mapped_column(String(400), index=True)  # pinyin
    _keep_sort_name = _sort_name(False)
    short_name: Mapped[str | None] = mapped_column(String(100))
    org_type: Mapped[str] = mapped_column(String(20), default="branch", index=True)
    formation: Mapped[str | None] = mapped_column(String(20), index=True)  # 组建方式
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    founded_on: Mapped[date | None] = mapped_column(Date)
    term_start: Mapped[date | None] = mapped_column(Date)  # 本届任期开始
    term_end: Mapped[date | None] = mapped_column(Date)
    secretary_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True)
    )
    street: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Organization | None] = relationship(remote_side="Organization.id")
    host_links: Mapped[list[OrgHostUnit]] = relationship(
        back_populates="org", cascade="all, delete-orphan", order_by="OrgHostUnit.id"
    )
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])
    committee: Mapped[list[CommitteeMember]] = relationship(
        back_populates="org", cascade="all, delete-orphan"
    )
    groups: Mapped[list[PartyGroup]] = relationship(
        back_populates="org", cascade="all, delete-orphan"
    )

    @property
    def host_units(self) -> list[Unit]:
        return [link.unit for link in self.host_links]


class OrgHostUnit(Record, Base):
    """Host unit (所在单位) of an organization; a joint branch has several."""

    __tablename__ = "org_host_unit"
    __table_args__ = (Index("ux_org_host_unit_pair", "org_id", "unit_id", unique=True),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)

    org: Mapped[Organization] = relationship(back_populates="host_links")
    unit: Mapped[Unit] = relationship(back_populates="host_links")


class PartyGroup(Record, Base):
    """党小组 of an organization."""

    __tablename__ = "party_group"

    org_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True)
    )

    org: Mapped[Organization] = relationship(back_populates="groups")
    leader: Mapped[Person | None] = relationship(foreign_keys=[leader_id])


class Person(Record, Base):
    """A person in the party pipeline: applicant, activist, development target,
    probationary or full member (入党申请人 … 正式党员)."""

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_org_category", "org_id", "category"),
        # 出生日期's order as tables show it, empty dates last (0019_birthorder)
        Index("ix_person_birth_order", text("(birth_date IS NULL)"), "birth_date"),
    )

    name: Mapped[str] = mapped_column(String(50), index=True)
    sort_name: Mapped[str | None] = mapped_column(String(400), index=True)  # pinyin
    _keep_sort_name = _sort_name(True)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)  # 公民身份证号
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(20))  # 民族
    education: Mapped[str | None] = mapped_column(String(20))  # 学历
    phone: Mapped[str | None] = mapped_column(String(20))
    job: Mapped[str | None] = mapped_column(String(100))  # 工作岗位
    org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL"), index=True
    )  # the unit where the person works
    # 工作单位 as written when it is not a unit of the ledger (kept, not dropped; it counts
    # for no unit until the unit is entered and chosen)
    unit_text: Mapped[str | None] = mapped_column(String(200))
    party_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_group.id", ondelete="SET NULL")
    )
    category: Mapped[str] = mapped_column(String(20), default="full", index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    applied_on: Mapped[date | None] = mapped_column(Date)  # 递交入党申请书
    talked_on: Mapped[date | None] = mapped_column(Date)  # 入党谈话 (within a month)
    activist_on: Mapped[date | None] = mapped_column(Date)  # 确定为入党积极分子
    last_review_on: Mapped[date | None] = mapped_column(Date)  # latest 6-monthly review
    target_on: Mapped[date | None] = mapped_column(Date)  # 确定为发展对象
    admitted_on: Mapped[date | None] = mapped_column(Date)  # 加入党组织 (branch meeting)
    full_on: Mapped[date | None] = mapped_column(Date)  # 转为正式党员
    probation_extension_months: Mapped[int] = mapped_column(Integer, default=0)
    is_flowing: Mapped[bool] = mapped_column(Boolean, default=False)  # 流动党员
    flow_to: Mapped[str | None] = mapped_column(String(200))  # 外出流向
    flow_since: Mapped[date | None] = mapped_column(Date)
    lost_contact: Mapped[bool] = mapped_column(Boolean, default=False)  # 失联
    note: Mapped[str | None] = mapped_column(Text)

    org: Mapped[Organization | None] = relationship(foreign_keys=[org_id])
    unit: Mapped[Unit | None] = relationship()
    party_group: Mapped[PartyGroup | None] = relationship(foreign_keys=[party_group_id])
    events: Mapped[list[PersonEvent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEvent.on"
    )


class PersonEvent(Record, Base):
    """One entry of a person's history: category change, transfer in/out, talk, review,
    flowing, lost contact … (`kind` is an `EventKind` code)."""

    __tablename__ = "person_event"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    on: Mapped[date] = mapped_column(Date)
    from_value: Mapped[str | None] = mapped_column(String(200))
    to_value: Mapped[str | None] = mapped_column(String(200))
    from_org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    to_org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="events")


class CommitteeMember(Record, Base):
    """A member of an organization's committee (支委 / 党委委员) with a role."""

    __tablename__ = "committee_member"

    org_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20), default="member")
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)

    org: Mapped[Organization] = relationship(back_populates="committee")
    person: Mapped[Person] = relationship()


class Instructor(Record, Base):
    """党建指导员: an official assigned to guide units."""

    __tablename__ = "instructor"

    name: Mapped[str] = mapped_column(String(50), index=True)
    sort_name: Mapped[str | None] = mapped_column(String(400), index=True)  # pinyin
    _keep_sort_name = _sort_name(True)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    home_unit: Mapped[str | None] = mapped_column(String(200))  # 派出单位, e.g. 区发改局
    post: Mapped[str | None] = mapped_column(String(100))  # 职务
    phone: Mapped[str | None] = mapped_column(String(20))
    appointed_on: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)

    assignments: Mapped[list[InstructorAssignment]] = relationship(
        back_populates="instructor", cascade="all, delete-orphan"
    )


class InstructorAssignment(Record, Base):
    """An instructor guiding a unit and/or an organization from `start_on` to `end_on`."""

    __tablename__ = "instructor_assignment"

    instructor_id: Mapped[int] = mapped_column(
        ForeignKey("instructor.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="CASCADE"), index=True
    )
    org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)  # None: still guiding

    instructor: Mapped[Instructor] = relationship(back_populates="assignments")
    unit: Mapped[Unit | None] = relationship()
    org: Mapped[Organization | None] = relationship()


class Setting(Record, Base):
    """Editable configuration kept in the ledger (thresholds, rubrics, templates), as JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
