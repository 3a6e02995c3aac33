"""The demo filler: deterministic, works on tiny and empty ledgers, leaves real content."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from standing_helpers import add_org, add_unit

from partydesk.demo import DemoContext
from partydesk.demo.standing import fill
from partydesk.ledger import open_ledger
from partydesk.ledger.models.standing import (
    ChecklistMark,
    DemoSite,
    GuidanceLink,
    StarRating,
    UnitSurvey,
)
from partydesk.standing import survey

TODAY = date(2026, 11, 22)


def build(path):
    lg = open_ledger(path, create=True)
    with lg.session() as s:
        for i in range(30):
            u = add_unit(s, f"测试{i}号有限公司", employees=10 + i)
            if i % 3:
                add_org(s, f"中共测试{i}号有限公司支部委员会", units=[u])
    return lg


def snapshot(lg):
    with lg.session() as s:
        return (
            s.execute(
                select(
                    StarRating.org_id,
                    StarRating.year,
                    StarRating.scores,
                    StarRating.stars,
                    StarRating.accept_on,
                ).order_by(StarRating.id)
            ).all(),
            s.execute(
                select(UnitSurvey.unit_id, UnitSurvey.surveyed_on, UnitSurvey.surveyor).order_by(
                    UnitSurvey.id
                )
            ).all(),
            s.execute(select(DemoSite.org_id, DemoSite.level).order_by(DemoSite.id)).all(),
        )


def test_demo_is_deterministic_and_fills_everything(tmp_path):
    a, b = build(tmp_path / "a.partydesk"), build(tmp_path / "b.partydesk")
    for lg in (a, b):
        fill(DemoContext(lg, seed=7, today=TODAY))
    assert snapshot(a) == snapshot(b)
    with a.session() as s:
        years = dict(
            s.execute(select(StarRating.year, func.count()).group_by(StarRating.year)).all()
        )
        assert years == {2025: 20, 2026: 20}
        assert 20 * 3 < s.scalar(select(func.count()).select_from(ChecklistMark)) <= 20 * 6
        assert 0 < s.scalar(select(func.count()).select_from(GuidanceLink)) <= 20
        assert s.scalar(select(func.count()).select_from(DemoSite)) >= 1
        # last year's ratings went through all four steps; this year's not past today
        assert (
            s.scalar(
                select(func.count()).where(StarRating.year == 2025, StarRating.award_on.is_(None))
            )
            == 0
        )
        assert s.scalar(select(func.max(StarRating.award_on))) <= TODAY
        st = survey.survey_status(s, TODAY)
        assert st.operating == 30 and st.surveyed_ids and st.unsurveyed_ids
    a.close()
    b.close()


def test_demo_on_an_empty_ledger(ledger):
    fill(DemoContext(ledger, seed=1, today=date(2026, 1, 1)))  # first day of a half-year
    with ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(StarRating)) == 0
        assert s.scalar(select(func.count()).select_from(UnitSurvey)) == 0
