from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from partydesk.demo import build_demo
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Organization
from partydesk.records import Attendance, WorkRecord, cadence


def test_demo_fills_two_years_some_branches_incomplete(tmp_path):
    path = tmp_path / "demo.partydesk"
    today = date(2026, 11, 22)
    build_demo(path, units=40, members=600, seed=3, today=today)
    with open_ledger(path) as lg, lg.Session() as s:
        years = dict(
            s.execute(select(WorkRecord.year, func.count()).group_by(WorkRecord.year)).all()
        )
        assert set(years) == {2025, 2026} and min(years.values()) > 50
        assert s.scalar(select(func.count()).select_from(Attendance)) > 500
        kinds = set(s.scalars(select(WorkRecord.kind).distinct()))
        assert {
            "member_meeting",
            "committee_meeting",
            "lecture",
            "theme_day",
            "life_meeting",
            "appraisal",
            "talk",
        } <= kinds
        assert not s.scalar(select(func.count()).where(WorkRecord.held_at >= date(2026, 11, 1)))
        cfg = cadence.rules(s)
        org_ids = s.scalars(
            select(Organization.id).where(Organization.org_type.in_(cfg["org_types"]))
        ).all()
        lines = [cadence.summary_line(cadence.check(s, o, 2025, today)) for o in org_ids]
        complete = lines.count("齐全")
        assert 0 < complete < len(lines), lines
        # seq numbers run 1..n per org, kind and year
        rows = s.execute(
            select(
                WorkRecord.org_id,
                WorkRecord.kind,
                WorkRecord.year,
                func.min(WorkRecord.seq),
                func.max(WorkRecord.seq),
                func.count(),
            )
            .where(WorkRecord.org_id.is_not(None))
            .group_by(WorkRecord.org_id, WorkRecord.kind, WorkRecord.year)
        ).all()
        assert all(lo == 1 and hi == n for *_k, lo, hi, n in rows)
