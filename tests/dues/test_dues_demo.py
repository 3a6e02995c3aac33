"""`partydesk demo` includes a year of dues with realistic arrears."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from partydesk import reminders
from partydesk.demo import build_demo
from partydesk.dues import figures, schedule
from partydesk.ledger import open_ledger
from partydesk.ledger.models.dues import DuesBase, DuesPayment, DuesRelief


def test_demo_has_a_year_of_dues_with_arrears(tmp_path):
    path = tmp_path / "demo.partydesk"
    today = date(2026, 11, 22)
    build_demo(path, units=60, members=1500, seed=5, today=today)
    with open_ledger(path) as lg, lg.Session() as s:
        assert s.scalar(select(func.count()).select_from(DuesBase)) > 500
        months = set(s.scalars(select(DuesPayment.month).distinct()))
        assert {202501, 202512, 202610} <= months
        assert s.scalar(select(func.count()).where(DuesPayment.reverses_id.is_not(None))) > 0
        assert s.scalar(select(func.count()).where(DuesPayment.method == "wechat")) > 100
        assert s.scalar(select(func.count()).select_from(DuesRelief)) >= 0
        sm = figures.summary(s, 2025)
        assert 0.9 < sm.total.rate < 1.0
        ar = figures.arrears(s, today)
        members = sm.total.members
        runs = [a.run for a in ar]
        assert any(r >= 6 for r in runs) and any(3 <= r < 6 for r in runs)
        assert sum(r >= 3 for r in runs) < 0.12 * members  # arrears, not a collapse
        kinds = {r.kind for r in reminders.collect(s, today)}
        assert {"dues_arrears", "dues_alert"} <= kinds
        # a member transferred out is settled up to the month of the transfer, no later
        gone = s.execute(
            select(DuesPayment.person_id, func.max(DuesPayment.month)).group_by(
                DuesPayment.person_id
            )
        ).all()
        cells = schedule.member_cells(s, [202610])
        paid_late = [pid for pid, last in gone if last >= 202610 and pid not in cells]
        assert paid_late == []
