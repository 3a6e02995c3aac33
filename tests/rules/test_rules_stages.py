"""The membership pipeline's rules over a person's dates (the one rule set), table-driven,
and the acts that step back (recorded in the 履历)."""

from datetime import date

import pytest

from partydesk.rules import record

TODAY = date(2026, 6, 30)

FULL_OK = {
    "category": "full",
    "birth_date": date(1990, 1, 1),
    "applied_on": date(2015, 1, 10),
    "talked_on": date(2015, 2, 1),
    "activist_on": date(2015, 6, 1),
    "target_on": date(2016, 6, 1),
    "admitted_on": date(2016, 12, 1),
    "full_on": date(2017, 12, 1),
    "probation_extension_months": 0,
}


def rules(values, before=None):
    return [(p.rule, p.warning) for p in record.judge("person", values, before, today=TODAY)]


@pytest.mark.parametrize(
    "change, rule",
    [
        ({}, None),
        ({"target_on": date(2016, 5, 31)}, "pipeline_activist_span"),  # a day short of a year
        ({"full_on": date(2017, 11, 30)}, "pipeline_probation_span"),
        ({"probation_extension_months": 6}, "pipeline_probation_span"),  # 18 months now
        ({"probation_extension_months": 6, "full_on": date(2018, 6, 1)}, None),
        ({"probation_extension_months": 3}, "extension"),
        ({"birth_date": date(1997, 1, 11)}, "pipeline_age"),  # 17 on the day of applying
        ({"birth_date": date(1997, 1, 10)}, None),  # 18 that day
        ({"talked_on": date(2015, 1, 5)}, "pipeline_order"),
        ({"activist_on": date(2014, 1, 1)}, "pipeline_order"),
        ({"full_on": date(2027, 1, 1)}, "pipeline_future"),
        ({"category": "applicant"}, "pipeline_ahead"),
        ({"category": "target", "admitted_on": None, "full_on": None}, None),  # 补录
        (
            {"category": "target", "target_on": None, "admitted_on": None, "full_on": None},
            "pipeline_missing",
        ),
        (
            {
                "category": "activist",
                "applied_on": None,
                "talked_on": None,
                "target_on": None,
                "admitted_on": None,
                "full_on": None,
            },
            "pipeline_missing",
        ),
    ],
)
def test_state_rules(change, rule):
    got = [r for r, warn in rules({**FULL_OK, **change}) if not warn]
    assert got == ([rule] if rule else [])


def test_late_talk_is_a_warning_only():
    got = rules({**FULL_OK, "talked_on": date(2015, 3, 1)})
    assert got == [("talk_late", True)]
    assert record.errors(record.judge("person", {**FULL_OK, "talked_on": date(2015, 3, 1)})) == []


def test_a_member_from_a_roster_needs_no_candidate_dates():
    assert rules({"category": "full"}) == []
    assert rules({"category": "probationary", "admitted_on": date(2026, 1, 1)}) == []


@pytest.mark.parametrize(
    "before, after, rule",
    [
        ({"category": "target"}, {"category": "full"}, "pipeline_missing"),
        ({"category": "full"}, {"category": "target"}, "pipeline_back"),
        ({"category": "probationary"}, {"category": "activist"}, "pipeline_back"),
        ({"category": "probationary"}, {"category": "full", "full_on": date(2026, 1, 1)}, None),
        (
            {"category": "probationary", "probation_extension_months": 0},
            {"category": "probationary", "probation_extension_months": 6},
            "pipeline_extension_edit",
        ),
    ],
)
def test_transition_rules(before, after, rule):
    got = [p.rule for p in record.judge("person", after, before, today=TODAY) if not p.warning]
    assert (rule in got) if rule else got == []


def test_an_old_break_does_not_block_another_edit():
    broken = {**FULL_OK, "target_on": date(2015, 7, 1)}  # stored by an older version
    assert rules(broken)
    assert rules({**broken, "talked_on": date(2015, 1, 20)}, before=broken) == []


@pytest.mark.parametrize(
    "values, rule",
    [
        ({"appointed_on": date(2025, 1, 1), "term_end": date(2024, 1, 1)}, "term_order"),
        ({"active": True, "term_end": date(2026, 6, 1)}, "instructor_expired"),
        ({"active": False, "term_end": date(2026, 6, 1)}, None),
        ({"active": True, "term_end": date(2026, 7, 1)}, None),
    ],
)
def test_instructor_terms(values, rule):
    got = [p.rule for p in record.judge("instructor", values, today=TODAY)]
    assert got == ([rule] if rule else [])


@pytest.mark.parametrize(
    "values, warned",
    [
        ({"is_flowing": True, "flow_to": None}, True),
        ({"is_flowing": False, "flow_to": "广东省深圳市"}, True),
        ({"is_flowing": True, "flow_to": "广东省深圳市"}, False),
        ({"is_flowing": False, "flow_to": None}, False),
    ],
)
def test_flowing_member_data_that_does_not_fit_is_a_warning(values, warned):
    got = record.judge("person", {"category": "full", **values}, today=TODAY)
    assert [(p.rule, p.warning) for p in got] == ([("flowing", True)] if warned else [])
