"""Recording a candidate's development steps and reading their progress.

A step is refused (ValidationError, nothing written) when an earlier one is missing, when
its date is out of order with the steps around it, when it names the wrong 培养联系人 /
入党介绍人, or when the ledger's pipeline rules say it is too early. The dates and the
category a step sets on the person go through the ledger's own editing (the same checks as
a cell edit, and a history entry for a category change)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.develop.steps import RANK, Step, implied_upto, steps
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger import editing
from partydesk.ledger.enums import Category, PersonStatus
from partydesk.ledger.models import Person
from partydesk.ledger.models.develop import DevelopmentStep
from partydesk.rules import pipeline
from partydesk.rules.dates import add_months

# The person's own pipeline date that stands for a step nobody recorded.
LEDGER_DATE = {
    1: "applied_on",
    2: "talked_on",
    3: "activist_on",
    7: "target_on",
    15: "admitted_on",
    24: "full_on",
}


@dataclass
class StepState:
    step: Step
    records: list[DevelopmentStep] = field(default_factory=list)
    implied: bool = False  # the category shows it was done; nothing recorded
    ledger_date: date | None = None

    @property
    def done(self) -> bool:
        return bool(self.records) or self.implied

    @property
    def first_on(self) -> date | None:
        return self.records[0].done_on if self.records else self.ledger_date

    @property
    def last_on(self) -> date | None:
        return self.records[-1].done_on if self.records else self.ledger_date


@dataclass
class Progress:
    person: Person
    states: list[StepState]
    next: Step | None = None
    next_due: date | None = None
    deadline: bool = True

    def state(self, no: int) -> StepState:
        return self.states[no - 1]

    @property
    def recorded(self) -> int:
        return sum(1 for s in self.states if s.records)


def _person(session: Session, person_id: int) -> Person:
    p = session.get(Person, person_id)
    if p is None:
        raise NotFoundError(f"人员（编号 {person_id}）不存在。")
    return p


def progress(
    session: Session, person_id: int, rows: list[DevelopmentStep] | None = None
) -> Progress:
    """Where a candidate stands: each step's records (or the ledger date standing for it),
    the next step and when it falls due."""
    person = _person(session, person_id)
    all_steps = steps(session)
    if rows is None:
        rows = list(
            session.scalars(
                select(DevelopmentStep)
                .where(DevelopmentStep.person_id == person_id)
                .order_by(DevelopmentStep.step_no, DevelopmentStep.done_on, DevelopmentStep.id)
            )
        )
    upto = implied_upto(all_steps, person.category)
    states = []
    for s in all_steps:
        recs = [r for r in rows if r.step_no == s.no]
        attr = LEDGER_DATE.get(s.no)
        states.append(
            StepState(
                s,
                recs,
                implied=not recs and s.no <= upto,
                ledger_date=getattr(person, attr) if attr else None,
            )
        )
    pr = Progress(person, states)
    nxt = next((st for st in states if not st.done), None)
    if nxt is not None:
        pr.next = nxt.step
        pr.next_due, pr.deadline = _due(session, pr, nxt.step)
    return pr


def _due(session: Session, pr: Progress, step: Step) -> tuple[date | None, bool]:
    rule = step.due
    if not rule:
        return None, True
    cfg = settings.get(session, "pipeline")
    deadline = bool(rule.get("deadline", True))
    if rule.get("probation_end"):
        adm = pr.state(15).last_on or pr.person.admitted_on
        if adm is None:
            return None, deadline
        return pipeline.probation_end(adm, pr.person.probation_extension_months or 0, cfg), deadline
    base = pr.state(int(rule["after"])).last_on
    if base is None:
        return None, deadline
    months = rule.get("months", 1)
    if isinstance(months, str):
        months = int(cfg.get(months, pipeline.DEFAULTS.get(months, 1)))
    return add_months(base, int(months)), deadline


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def record_step(
    session: Session,
    person_id: int,
    step_no: int,
    done_on: date,
    *,
    who: str | None = None,
    document: str | None = None,
    note: str | None = None,
    sponsors: list[int] | tuple[int, ...] = (),
    today: date | None = None,
) -> DevelopmentStep:
    """Record one step for a candidate, or refuse it with the reason."""
    today = today or date.today()
    if not 1 <= int(step_no) <= 25:
        raise ValidationError(f"步骤应为1至25（现为{step_no}）。", "step_no")
    pr = progress(session, person_id)
    person = pr.person
    st = pr.state(step_no)
    step = st.step
    if done_on > today:
        raise ValidationError(f"{step.title}的日期{_fmt(done_on)}晚于今天。", "done_on")
    if st.records and not step.repeat:
        raise ValidationError(
            f"{step.title}已于{_fmt(st.records[0].done_on)}记录，不能重复记录。", "step_no"
        )
    for earlier in pr.states[: step_no - 1]:
        if not earlier.done:
            raise ValidationError(
                f"{step.title}不能先于{earlier.step.title}：{earlier.step.title}尚未完成。",
                "step_no",
            )
        on = earlier.last_on
        if on is not None and on > done_on:
            raise ValidationError(
                f"{step.title}的日期{_fmt(done_on)}早于{earlier.step.title}的日期{_fmt(on)}。",
                "done_on",
            )
    for later in pr.states[step_no:]:
        if later.records and later.first_on < done_on:
            raise ValidationError(
                f"{step.title}的日期{_fmt(done_on)}晚于已记录的{later.step.title}（{_fmt(later.first_on)}）。",
                "done_on",
            )
    sponsor_ids = _check_sponsors(session, person, step, list(sponsors))
    _check_rules(session, pr, step, done_on)

    raw: dict = {f: done_on for f in step.sets}
    if step.sets_full_on:
        adm = pr.state(15).last_on or person.admitted_on
        raw["full_on"] = (
            pipeline.probation_end(
                adm, person.probation_extension_months or 0, settings.get(session, "pipeline")
            )
            if adm
            else done_on
        )
    if step.category and RANK[step.category] > RANK.get(person.category, 0):
        raw["category"] = step.category
    change = editing.set_fields(session, "person", person.id, raw, today=today) if raw else None
    row = DevelopmentStep(
        person_id=person.id,
        step_no=step_no,
        done_on=done_on,
        who=(who or "").strip() or None,
        document=(document or "").strip() or None,
        note=(note or "").strip() or None,
        sponsor1_id=sponsor_ids[0] if sponsor_ids else None,
        sponsor2_id=sponsor_ids[1] if sponsor_ids else None,
    )
    session.add(row)
    session.flush()
    # what the step changed on the person (editing.Change), for the window's undo
    row.person_change = change
    return row


def undo_step(session: Session, step_id: int, change) -> None:
    """Take back a step just recorded: the row, and what it changed on the person."""
    remove_step(session, step_id)
    if change is not None:
        editing.revert(session, [change])


def _check_sponsors(session: Session, person: Person, step: Step, ids: list[int]) -> list[int]:
    if not step.sponsors:
        if ids:
            raise ValidationError(f"{step.title}不指定培养联系人或入党介绍人。", "sponsors")
        return []
    what = step.sponsors
    if len(ids) != 2:
        raise ValidationError(f"{step.title}须指定两名{what}（现为{len(ids)}名）。", "sponsors")
    if ids[0] == ids[1]:
        raise ValidationError(f"两名{what}不能是同一人。", "sponsors")
    for pid in ids:
        p = _person(session, pid)
        if p.id == person.id:
            raise ValidationError(f"{what}不能是{person.name}本人。", "sponsors")
        if p.category != Category.FULL.value or p.status != PersonStatus.ACTIVE.value:
            now = Category.label_of(p.category)
            if p.status != PersonStatus.ACTIVE.value:
                now = PersonStatus.label_of(p.status)
            raise ValidationError(
                f"{what}须是台账中在册的正式党员：“{p.name}”现为{now}。", "sponsors"
            )
    return ids


def _check_rules(session: Session, pr: Progress, step: Step, done_on: date) -> None:
    """The pipeline rules on this step's date, said in the step's words (7: a year as
    积极分子; 23: the probation over, which no date of the person's shows before 转正). Age
    at application and the rest are judged by the ledger's rules when the step's dates
    are written."""
    cfg = settings.get(session, "pipeline")
    person = pr.person
    if step.no == 7:
        since = pr.state(3).last_on or person.activist_on
        if since is not None:
            earliest = pipeline.earliest_target_date(since, cfg)
            if done_on < earliest:
                raise ValidationError(
                    f"{step.title}须在确定为入党积极分子满{cfg['activist_min_months']}个月之后"
                    f"（{_fmt(since)}确定，最早{_fmt(earliest)}）。",
                    "done_on",
                )
    if step.no == 23:
        adm = pr.state(15).last_on or person.admitted_on
        if adm is not None:
            end = pipeline.probation_end(adm, person.probation_extension_months or 0, cfg)
            if done_on < end:
                raise ValidationError(
                    f"{step.title}讨论转正须在预备期满之后：预备期至{_fmt(end)}。", "done_on"
                )


def remove_step(session: Session, step_id: int) -> DevelopmentStep:
    """Delete a mistaken step record (the person's dates stay as they are; edit them in the
    table if they were wrong). A later step recorded after it keeps its place."""
    row = session.get(DevelopmentStep, step_id)
    if row is None:
        raise NotFoundError(f"发展步骤记录（编号 {step_id}）不存在。")
    session.delete(row)
    session.flush()
    return row


def candidates(session: Session, org_ids: set[int] | None = None) -> list[Person]:
    """People with at least one recorded step, or in the pipeline (申请人 … 预备党员)."""
    q = select(Person).where(
        Person.status == PersonStatus.ACTIVE.value,
        Person.category.in_(["applicant", "activist", "target", "probationary"])
        | Person.id.in_(select(DevelopmentStep.person_id)),
    )
    if org_ids is not None:
        q = q.where(Person.org_id.in_(org_ids))
    return list(session.scalars(q.order_by(Person.org_id, Person.id)))
