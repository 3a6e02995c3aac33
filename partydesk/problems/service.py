"""Adding problems, moving them through their states, listing and counting them. Every
function takes a session and leaves committing to the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Organization, Unit
from partydesk.ledger.models.develop import Problem, ProblemState

KEY = "problems"
# A problem raised without a deadline is due this many days later.
settings.DEFAULTS[KEY] = {"due_days": 30}

OPEN_STATES = (ProblemState.OPEN.value, ProblemState.IN_PROGRESS.value)


def parse_state(text: str) -> ProblemState:
    st = ProblemState.from_text(text)
    if st is None:
        raise ValidationError(
            f"无法识别的问题状态“{text}”。可用：{'、'.join(ProblemState.labels())}。", "state"
        )
    return st


def add_problem(
    session: Session,
    text: str,
    raised_on: date,
    *,
    unit_id: int | None = None,
    org_id: int | None = None,
    record_id: int | None = None,
    responsible: str | None = None,
    due_on: date | None = None,
) -> Problem:
    text = (text or "").strip()
    if not text:
        raise ValidationError("问题内容不能为空。", "text")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise NotFoundError(f"单位（编号 {unit_id}）不存在。")
    if org_id is not None and session.get(Organization, org_id) is None:
        raise NotFoundError(f"党组织（编号 {org_id}）不存在。")
    if due_on is None:
        from datetime import timedelta

        due_on = raised_on + timedelta(days=int(settings.get(session, KEY)["due_days"]))
    if due_on < raised_on:
        raise ValidationError("办结时限早于提出日期。", "due_on")
    p = Problem(
        text=text,
        raised_on=raised_on,
        unit_id=unit_id,
        org_id=org_id,
        record_id=record_id,
        responsible=(responsible or "").strip() or None,
        due_on=due_on,
        state=ProblemState.OPEN.value,
    )
    session.add(p)
    session.flush()
    return p


def get_problem(session: Session, problem_id: int) -> Problem:
    p = session.get(Problem, problem_id)
    if p is None:
        raise NotFoundError(f"问题（编号 {problem_id}）不存在。")
    return p


def set_state(
    session: Session,
    problem_id: int,
    state: str | ProblemState,
    *,
    on: date | None = None,
    how: str | None = None,
    today: date | None = None,
) -> Problem:
    """待办 / 办理中 reopen or start; 已解决 needs the date and how (销号); 不能解决 needs
    why. Refused with the reason otherwise."""
    p = get_problem(session, problem_id)
    st = state if isinstance(state, ProblemState) else parse_state(state)
    how = (how or "").strip() or None
    if st in (ProblemState.SOLVED, ProblemState.UNSOLVABLE):
        on = on or today or date.today()
        if on < p.raised_on:
            raise ValidationError("办结日期早于问题提出日期。", "closed_on")
        if how is None:
            what = "如何解决" if st is ProblemState.SOLVED else "不能解决的原因"
            raise ValidationError(f"标记为“{st.label}”须写明{what}。", "resolution")
        p.closed_on, p.resolution = on, how
    else:
        p.closed_on = None
        if how is not None:
            p.resolution = how
        elif p.state not in OPEN_STATES:
            p.resolution = None
    p.state = st.value
    session.flush()
    return p


def edit_problem(session: Session, problem_id: int, **values) -> Problem:
    """Change text, responsible, due date or unit of a problem."""
    p = get_problem(session, problem_id)
    for k, v in values.items():
        if k not in ("text", "responsible", "due_on", "unit_id", "org_id"):
            raise TypeError(k)
        if k == "text" and not (v or "").strip():
            raise ValidationError("问题内容不能为空。", "text")
        setattr(p, k, v.strip() if isinstance(v, str) else v)
    if p.due_on is not None and p.due_on < p.raised_on:
        raise ValidationError("办结时限早于提出日期。", "due_on")
    session.flush()
    return p


def is_overdue(p, today: date) -> bool:
    return p.state in OPEN_STATES and p.due_on is not None and p.due_on < today


@dataclass(frozen=True)
class Row:
    """One problem as lists and the report show it."""

    id: int
    text: str
    unit: str
    org: str
    raised_on: date
    responsible: str
    due_on: date | None
    state: str
    state_label: str
    closed_on: date | None
    resolution: str
    record_id: int | None
    overdue: bool


def list_problems(
    session: Session,
    today: date,
    *,
    which: str = "all",  # "open" (待办 + 办理中), "closed", "overdue" or "all"
    unit_id: int | None = None,
    org_ids: set[int] | None = None,
    search: str | None = None,
) -> list[Row]:
    """Open ones first, overdue before the rest, by deadline; then the closed ones, the
    latest first."""
    is_open = Problem.state.in_(OPEN_STATES)
    q = (
        select(Problem, Unit.name, Organization.name)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
        .outerjoin(Organization, Organization.id == Problem.org_id)
    )
    if which == "open":
        q = q.where(is_open)
    elif which == "closed":
        q = q.where(~is_open)
    elif which == "overdue":
        q = q.where(is_open, Problem.due_on < today)
    elif which != "all":
        raise ValidationError(f"无法识别的范围“{which}”（open、closed、overdue 或 all）。")
    if unit_id is not None:
        q = q.where(Problem.unit_id == unit_id)
    if org_ids is not None:
        q = q.where(Problem.org_id.in_(org_ids))
    for word in (search or "").split():
        like = f"%{word}%"
        q = q.where(
            Problem.text.like(like)
            | Unit.name.like(like)
            | Organization.name.like(like)
            | Problem.responsible.like(like)
        )
    q = q.order_by(
        case((is_open, 0), else_=1),
        case((is_open & (Problem.due_on < today), 0), else_=1),
        case((is_open, Problem.due_on), else_=None),
        Problem.closed_on.desc(),
        Problem.id,
    )
    out = []
    for p, unit, org in session.execute(q):
        out.append(
            Row(
                p.id,
                p.text,
                unit or "",
                org or "",
                p.raised_on,
                p.responsible or "",
                p.due_on,
                p.state,
                ProblemState.label_of(p.state),
                p.closed_on,
                p.resolution or "",
                p.record_id,
                is_overdue(p, today),
            )
        )
    return out


@dataclass(frozen=True)
class Counts:
    open: int  # 待办 + 办理中
    overdue: int
    solved: int
    unsolvable: int

    @property
    def total(self) -> int:
        return self.open + self.solved + self.unsolvable


def counts(session: Session, today: date) -> Counts:
    """The figures of the dashboard and the report's heading."""
    by = dict(session.execute(select(Problem.state, func.count()).group_by(Problem.state)).all())
    overdue = session.scalar(
        select(func.count()).where(Problem.state.in_(OPEN_STATES), Problem.due_on < today)
    )
    return Counts(
        sum(by.get(s, 0) for s in OPEN_STATES),
        overdue or 0,
        by.get(ProblemState.SOLVED.value, 0),
        by.get(ProblemState.UNSOLVABLE.value, 0),
    )


def of_record(session: Session, record_id: int) -> list[Problem]:
    return list(
        session.scalars(select(Problem).where(Problem.record_id == record_id).order_by(Problem.id))
    )
