"""What other features score from the dues ledger, so nobody types it twice: the rubric
indicator 党费按时足额收缴 (评星定级) and the points deduction 未按时足额交纳党费 (积分卡).
Both count a member as late for a period when a month of it that has ended is unpaid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.dues import figures, schedule
from partydesk.dues import months as mo
from partydesk.errors import NotFoundError
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsEntry

RUBRIC_WORD = "党费"  # the rubric indicator is found by this word in its label
POINTS_ITEM = "未按时足额交纳党费"


@dataclass
class RubricScore:
    code: str
    label: str
    max_points: float
    members: int
    in_arrears: int
    score: float


def _indicator(session: Session) -> dict:
    from partydesk.standing import config as standing_config
    from partydesk.standing.rating import indicators

    for ind in indicators(standing_config.get(session)):
        if RUBRIC_WORD in ind["label"]:
            return ind
    raise NotFoundError("评星细则中没有党费的指标（如“党费按时足额收缴”）。")


def rubric_score(session: Session, org_id: int, year: int, today: date) -> RubricScore:
    """The indicator's score: full marks times the share of members with no month of the
    year unpaid (to the last month ended), to the half point."""
    ind = _indicator(session)
    through = figures.default_through(year, today)
    first = mo.key(year, 1)
    members = 0
    late = 0
    if through >= first:
        cells = schedule.member_cells(session, mo.span(first, through), org_id=org_id)
        members = len(cells)
        late = len(figures.members_in_arrears(session, org_id, first, through))
    mx = float(ind["max"])
    score = mx if members == 0 else round(mx * (members - late) / members * 2) / 2
    return RubricScore(ind["code"], ind["label"], mx, members, late, score)


def apply_rubric_score(session: Session, org_id: int, year: int, sc: RubricScore) -> None:
    from partydesk.standing.rating import save_rating

    save_rating(session, org_id, year, scores={sc.code: sc.score})


@dataclass
class Deductions:
    org_id: int
    month: int
    people: list[tuple[int, str]]  # (person id, name)


def points_deductions(session: Session, org_id: int, month: int, today: date) -> Deductions:
    """Members of the organization whose dues for `month` are unpaid (once it has ended)."""
    if month > figures.last_closed_month(today):
        return Deductions(org_id, month, [])
    ids = figures.members_in_arrears(session, org_id, month, month)
    names = {p.id: p.name for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    return Deductions(org_id, month, [(i, names[i]) for i in ids])


def apply_points_deductions(session: Session, d: Deductions) -> int:
    """Enter the deduction once per member and month (an entry already there is kept)."""
    from partydesk.points.entries import add_entry
    from partydesk.points.schemes import find_item, find_scheme

    scheme = find_scheme(session, "member")
    item = find_item(session, scheme, POINTS_ITEM)
    on = mo.first_day(mo.add(d.month, 1)).replace(day=1)
    end_of_month = date.fromordinal(on.toordinal() - 1)
    n = 0
    for pid, _name in d.people:
        have = session.scalar(
            select(PointsEntry.id).where(
                PointsEntry.person_id == pid,
                PointsEntry.item_id == item.id,
                PointsEntry.period_key == mo.text(d.month),
                PointsEntry.source == "dues",
            )
        )
        if have is not None:
            continue
        add_entry(
            session,
            scheme,
            session.get(Person, pid),
            item,
            end_of_month,
            note=f"{mo.label(d.month)}党费未交足（由党费台账生成）",
            source="dues",
            org_id=d.org_id,
            check_category=False,
        )
        n += 1
    return n
