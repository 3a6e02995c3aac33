"""A 六个清 survey's answers update the unit's facts (从业人员数, 党员数), with the surveys as
their history: the newest survey wins, an older one entered late changes nothing, a blank
answer keeps the unit's value; the command line says what it updated and lists the history."""

from __future__ import annotations

from datetime import date

from standing_helpers import add_unit

from partydesk.cli import main
from partydesk.ledger.models import Unit
from partydesk.standing import survey


def test_the_newest_survey_updates_the_units_facts(ledger):
    with ledger.session() as s:
        u = add_unit(s, "云海科技有限公司", employees=40)
        rec = survey.record_survey(s, u.id, date(2026, 3, 1), "赵敏", employees=45, members=6)
        assert [(c.label, c.before, c.after) for c in rec.unit_changes] == [
            ("从业人员数", 40, 45),
            ("党员数", None, 6),
        ]
        uid = u.id
    with ledger.session() as s:
        u = s.get(Unit, uid)
        assert (u.employees, u.members_employed) == (45, 6)
        # an older sheet entered late: kept in the history, the unit keeps the newer facts
        old = survey.record_survey(s, uid, date(2025, 9, 1), "钱进", employees=30)
        assert old.unit_changes == []
        # a later survey that leaves 党员 blank changes only 从业人员数
        new = survey.record_survey(
            s, uid, date(2026, 9, 1), "赵敏", prefill=False, employees=50, members=""
        )
        assert [c.column for c in new.unit_changes] == ["employees"]
    with ledger.session() as s:
        u = s.get(Unit, uid)
        assert (u.employees, u.members_employed) == (50, 6)
        hist = survey.fact_history(s, uid)
        assert [(h.surveyed_on, h.employees) for h in hist] == [
            (date(2025, 9, 1), 30),
            (date(2026, 3, 1), 45),
            (date(2026, 9, 1), 50),
        ]


def test_the_command_line_says_what_it_updated_and_lists_the_history(ledger, ledger_path, capsys):
    with ledger.session() as s:
        add_unit(s, "云海科技有限公司", employees=40)
    ledger.close()
    path = str(ledger_path)
    args = ["survey", "--unit", "云海", "--surveyor", "赵敏", "--on", "2026-03-01"]
    assert main([*args, "--employees", "45", "--ledger", path]) == 0
    assert "单位信息已按摸排更新：从业人员数 40 → 45" in capsys.readouterr().out
    assert main(["survey", "--unit", "云海", "--history", "--ledger", path]) == 0
    got = capsys.readouterr().out
    assert "2026-03-01  摸排人：赵敏  从业人员：45" in got
    assert "现登记：从业人员数45" in got
