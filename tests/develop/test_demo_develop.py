"""partydesk demo fills development steps, visits' units with open and solved problems,
plans and summaries — and the steps it writes are in the order the rules ask."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from partydesk.demo import build_demo
from partydesk.develop.service import progress
from partydesk.ledger import open_ledger
from partydesk.ledger.models.develop import DevelopmentStep, OrgText, Problem, VisitUnit
from partydesk.records.plans import paragraphs

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo19") / "demo.partydesk"
    build_demo(path, units=80, members=900, seed=5, today=TODAY)
    with open_ledger(path) as lg:
        yield lg


def test_demo_steps_are_in_order(demo):
    with demo.session() as s:
        people = list(s.scalars(select(DevelopmentStep.person_id).distinct()))
        assert len(people) >= 30
        full_walks = 0
        for pid in people:
            pr = progress(s, pid)
            for st in pr.states:
                if st.records:
                    earlier = pr.states[: st.step.no - 1]
                    assert all(e.done for e in earlier), (pid, st.step.no)
                    assert all(r.done_on <= TODAY for r in st.records)
            full_walks += pr.next is None
            sp = pr.state(5).records
            if sp:
                assert sp[0].sponsor1_id and sp[0].sponsor2_id
        assert full_walks >= 1  # someone taken through all 25 steps


def test_demo_visits_problems_and_texts(demo):
    with demo.session() as s:
        by = dict(s.execute(select(Problem.state, func.count()).group_by(Problem.state)).all())
        assert by.get("solved", 0) > 0 and by.get("open", 0) + by.get("in_progress", 0) > 0
        assert s.scalar(select(func.count()).select_from(VisitUnit)) > 0
        solved = s.scalar(select(Problem).where(Problem.state == "solved").limit(1))
        assert solved.closed_on >= solved.raised_on and solved.resolution
        plan = s.scalar(select(OrgText).where(OrgText.kind == "plan").limit(1))
        assert plan.year == 2026 and len(paragraphs(plan.text)) == 6
        assert s.scalar(select(func.count()).where(OrgText.kind == "summary", OrgText.year == 2025))
