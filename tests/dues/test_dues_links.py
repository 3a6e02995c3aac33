"""The rubric indicator and the points deduction computed from the dues ledger."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from partydesk.dues import links, payments
from partydesk.dues import months as mo
from partydesk.ledger.models import Person
from partydesk.ledger.models.points import PointsEntry
from partydesk.standing.rating import get_rating, rating_scores


def _pay_all_but(s, ids, late: str, months):
    for name in ("张伟", "李娜", "王芳", "刘洋", "陈静", "周敏"):
        p = s.get(Person, ids[name])
        for k in months:
            if name == late and k == months[-1]:
                continue
            try:
                payments.pay(s, p, k, paid_on=date(2026, 12, 1), today=date(2027, 1, 15))
            except Exception:  # noqa: BLE001 - months the member owes nothing for
                pass


def test_rubric_score_is_the_share_of_members_with_no_arrears(branch):
    ledger, org, ids = branch
    today = date(2027, 1, 15)
    with ledger.session() as s:
        _pay_all_but(s, ids, "刘洋", mo.year_months(2026))
        sc = links.rubric_score(s, org, 2026, today)
        assert (sc.label, sc.members, sc.in_arrears, sc.max_points) == (
            "党费按时足额收缴",
            6,
            1,
            5.0,
        )
        assert sc.score == 4.0  # 5 × 5/6 = 4.17 → 4.0
        links.apply_rubric_score(s, org, 2026, sc)
        assert rating_scores(get_rating(s, org, 2026))[sc.code] == 4.0


def test_points_deduction_for_the_month_unpaid_once(branch):
    ledger, org, ids = branch
    today = date(2026, 4, 2)
    with ledger.session() as s:
        _pay_all_but(s, ids, "张伟", mo.span(202601, 202603))
        d = links.points_deductions(s, org, 202603, today)
        assert [n for _i, n in d.people] == ["张伟"]
        assert links.points_deductions(s, org, 202604, today).people == []  # not over yet
        assert links.apply_points_deductions(s, d) == 1
        assert links.apply_points_deductions(s, d) == 0
        e = s.scalars(select(PointsEntry).where(PointsEntry.source == "dues")).one()
        assert (e.person_id, e.period_key, e.on, e.points_each) == (
            ids["张伟"],
            "2026-03",
            date(2026, 3, 31),
            -2.0,
        )
