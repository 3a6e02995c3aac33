"""Tables of the work the book records beyond meetings: each candidate's development
steps (发展党员纪实), problems raised and closed (问题清单, 销号), the units a visit went
to (走访单位), and an organization's yearly plan and summary (年度工作计划 / 总结)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partydesk.ledger.enums import LabeledEnum
from partydesk.ledger.models.base import Base, Record


class DevelopmentStep(Record, Base):
    """One step of a candidate's development (《发展党员工作细则》's 25 steps): when, who
    did it, the document and a note. Steps 5 and 9 name two 正式党员 (培养联系人 /
    入党介绍人) in `sponsor1_id` / `sponsor2_id`."""

    __tablename__ = "development_step"
    __table_args__ = (Index("ix_development_step_person_no", "person_id", "step_no"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    step_no: Mapped[int] = mapped_column(Integer)
    done_on: Mapped[date] = mapped_column(Date)
    who: Mapped[str | None] = mapped_column(String(100))  # 经办人 / 谈话人 / 审批机关
    document: Mapped[str | None] = mapped_column(String(200))  # 材料 / 文书
    note: Mapped[str | None] = mapped_column(Text)
    sponsor1_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    sponsor2_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


class ProblemState(LabeledEnum):
    """State of a problem on the list (问题清单)."""

    OPEN = ("open", "待办")
    IN_PROGRESS = ("in_progress", "办理中")
    SOLVED = ("solved", "已解决")
    UNSOLVABLE = ("unsolvable", "不能解决")


class Problem(Record, Base):
    """A problem raised in a visit, an inspection or a 组织生活会: its unit, when it was
    raised, who is responsible and by when; closed (销号) with the date and how, or marked
    not solvable with why (`resolution`)."""

    __tablename__ = "problem"
    __table_args__ = (
        Index("ix_problem_state_due", "state", "due_on"),
        Index("ix_problem_unit", "unit_id"),
        Index("ix_problem_record", "record_id"),
    )

    text: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    record_id: Mapped[int | None] = mapped_column(ForeignKey("work_record.id", ondelete="SET NULL"))
    raised_on: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str | None] = mapped_column(String(100))  # 责任人
    due_on: Mapped[date | None] = mapped_column(Date)  # 办结时限
    state: Mapped[str] = mapped_column(String(20), default="open")
    closed_on: Mapped[date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)  # 如何解决 / 不能解决的原因

    @property
    def state_label(self) -> str:
        return ProblemState.label_of(self.state)


class VisitUnit(Record, Base):
    """A unit a visit (走访) went to; a visit may name several."""

    __tablename__ = "visit_unit"
    __table_args__ = (Index("ux_visit_unit_record_unit", "record_id", "unit_id", unique=True),)

    record_id: Mapped[int] = mapped_column(ForeignKey("work_record.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)


class OrgText(Record, Base):
    """An organization's text for a year: 年度工作计划 (`kind` "plan") or 年度工作总结
    ("summary"), kept as pasted, paragraphs separated by blank lines."""

    __tablename__ = "org_text"
    __table_args__ = (Index("ux_org_text_org_year_kind", "org_id", "year", "kind", unique=True),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
