"""Membership pipeline deadlines, table-driven, with month-end edges."""

from datetime import date
from types import SimpleNamespace

import pytest

from partydesk.rules import pipeline
from partydesk.rules.dates import add_months, months_between


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),  # year end
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    "a, b, n",
    [
        (date(2024, 1, 31), date(2024, 2, 29), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 15), date(2025, 1, 14), 11),
        (date(2025, 1, 15), date(2024, 1, 15), -12),
    ],
)
def test_months_between(a, b, n):
    assert months_between(a, b) == n


@pytest.mark.parametrize(
    "applied, due",
    [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2024, 1, 30), date(2024, 2, 29)),
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2026, 5, 10), date(2026, 6, 10)),
    ],
)
def test_talk_due_a_month_after_applying(applied, due):
    assert pipeline.talk_due(applied) == due


@pytest.mark.parametrize(
    "activist, last_review, due",
    [
        (date(2025, 8, 31), None, date(2026, 2, 28)),
        (date(2025, 8, 31), date(2026, 2, 28), date(2026, 8, 28)),
        (date(2023, 8, 31), None, date(2024, 2, 29)),
        (date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 30)),
    ],
)
def test_activist_review_every_six_months(activist, last_review, due):
    assert pipeline.next_review_due(activist, last_review) == due


@pytest.mark.parametrize(
    "admitted, extension, end",
    [
        (date(2025, 7, 1), 0, date(2026, 7, 1)),
        (date(2024, 2, 29), 0, date(2025, 2, 28)),
        (date(2024, 2, 29), 6, date(2025, 8, 29)),
        (date(2025, 3, 31), 6, date(2026, 9, 30)),
        (date(2025, 3, 31), 12, date(2027, 3, 31)),
    ],
)
def test_probation_ends_a_year_after_the_branch_meeting(admitted, extension, end):
    assert pipeline.probation_end(admitted, extension) == end


def test_earliest_target_date_is_a_year_of_activism():
    assert pipeline.earliest_target_date(date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize("months, ok", [(0, True), (5, False), (6, True), (12, True), (13, False)])
def test_probation_extension_between_6_and_12_months(months, ok):
    assert (pipeline.extension_error(months) is None) is ok


def test_thresholds_come_from_the_config():
    cfg = dict(pipeline.DEFAULTS, talk_within_months=2, probation_months=6)
    assert pipeline.talk_due(date(2026, 1, 31), cfg) == date(2026, 3, 31)
    assert pipeline.probation_end(date(2026, 1, 31), 0, cfg) == date(2026, 7, 31)


def person(**kw):
    base = dict(
        category="full",
        applied_on=None,
        talked_on=None,
        activist_on=None,
        last_review_on=None,
        target_on=None,
        admitted_on=None,
        full_on=None,
        probation_extension_months=0,
    )
    base.update(kw)
    return SimpleNamespace(**base)


@pytest.mark.parametrize(
    "p, kinds",
    [
        (person(category="applicant", applied_on=date(2026, 1, 31)), [("talk", date(2026, 2, 28))]),
        (
            person(category="applicant", applied_on=date(2026, 1, 31), talked_on=date(2026, 2, 5)),
            [],
        ),
        (
            person(category="activist", activist_on=date(2025, 8, 31)),
            [("review", date(2026, 2, 28)), ("target_eligible", date(2026, 8, 31))],
        ),
        (
            person(
                category="probationary", admitted_on=date(2024, 2, 29), probation_extension_months=6
            ),
            [("probation_end", date(2025, 8, 29))],
        ),
        (person(category="full", admitted_on=date(2020, 1, 1), full_on=date(2021, 1, 2)), []),
        (
            person(category="target", activist_on=date(2024, 1, 1), target_on=date(2025, 3, 1)),
            [("target_waiting", date(2025, 6, 1))],
        ),
        (
            person(category="target", activist_on=date(2024, 1, 1)),
            [],
        ),  # no date: nothing to count from
    ],
)
def test_dues_for_each_category(p, kinds):
    assert [(d.kind, d.due_on) for d in pipeline.dues_for(p)] == kinds


def test_due_is_overdue_only_after_its_day():
    due = pipeline.dues_for(person(category="applicant", applied_on=date(2026, 1, 31)))[0]
    assert not due.overdue(date(2026, 2, 28))
    assert due.overdue(date(2026, 3, 1))


@pytest.mark.parametrize(
    "p, warnings",
    [
        (
            person(
                applied_on=date(2020, 1, 1),
                activist_on=date(2020, 6, 1),
                target_on=date(2021, 7, 1),
                admitted_on=date(2021, 12, 1),
                full_on=date(2022, 12, 1),
            ),
            [],
        ),
        (
            person(applied_on=date(2020, 6, 1), activist_on=date(2020, 1, 1)),
            ["确定为积极分子日期早于递交申请日期"],
        ),
        (
            person(admitted_on=date(2022, 1, 1), full_on=date(2021, 12, 31)),
            ["转为正式党员日期早于加入党组织日期"],
        ),
        (
            person(applied_on=date(2020, 1, 1), full_on=date(2019, 1, 1)),
            ["转为正式党员日期早于递交申请日期"],
        ),
    ],
)
def test_order_warnings(p, warnings):
    assert pipeline.order_warnings(p) == warnings
