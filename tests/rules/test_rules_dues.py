"""Party dues tiers (党费): boundaries are inclusive upper bounds."""

from decimal import Decimal

import pytest

from partydesk.rules import dues


@pytest.mark.parametrize(
    "pay, retired, rate",
    [
        (0, False, "0.005"),
        (3000, False, "0.005"),
        (3000.01, False, "0.01"),
        (5000, False, "0.01"),
        (5000.01, False, "0.015"),
        (10000, False, "0.015"),
        (10000.01, False, "0.02"),
        (50000, False, "0.02"),
        (3000, True, "0.005"),
        (5000, True, "0.005"),
        (5000.01, True, "0.01"),
        (12000, True, "0.01"),
    ],
)
def test_rate_by_tier(pay, retired, rate):
    assert dues.rate(pay, retired) == Decimal(rate)


@pytest.mark.parametrize(
    "pay, retired, amount",
    [
        (3000, False, "15.00"),
        (4200, False, "42.00"),
        (8888.88, False, "133.33"),
        (12345, False, "246.90"),
        (4999, True, "25.00"),  # 24.995 rounds half up
        (6000, True, "60.00"),
    ],
)
def test_monthly_dues_rounded_to_the_fen(pay, retired, amount):
    assert dues.monthly_dues(pay, retired) == Decimal(amount)


def test_negative_pay_is_refused_in_chinese():
    with pytest.raises(ValueError, match="不能为负数"):
        dues.rate(-1)


def test_tiers_are_data():
    tiers = {"working": [[2000, 0.003], [None, 0.01]], "retired": [[None, 0.005]]}
    assert dues.rate(2000, tiers=tiers) == Decimal("0.003")
    assert dues.rate(2001, tiers=tiers) == Decimal("0.01")
    assert dues.rate(99999, retired=True, tiers=tiers) == Decimal("0.005")


@pytest.mark.parametrize(
    "kind, pay, fen",
    [
        ("working", 3000, 1500),  # 0.5 % up to 3000 inclusive
        ("working", 3000.01, 3000),  # 1 % just above
        ("working", 5000, 5000),
        ("working", 5000.01, 7500),
        ("working", 10000, 15000),
        ("working", 10000.01, 20000),
        ("retired", 5000, 2500),  # retirees: 0.5 % up to 5000
        ("retired", 5000.01, 5000),  # then 1 %
        ("minimum", None, 20),  # students, unemployed, 低保: 0.2 元 a month
        ("minimum", 8000, 20),  # whatever the pay
    ],
)
def test_due_in_fen_by_kind(kind, pay, fen):
    assert dues.due_fen(kind, pay) == fen


def test_the_minimum_is_a_setting():
    cfg = {**dues.DEFAULTS, "minimum": 0.5}
    assert dues.due_fen("minimum", None, cfg) == 50
    assert dues.DEFAULTS["minimum"] == 0.2


def test_a_base_is_required_for_the_tiers():
    with pytest.raises(ValueError, match="工资基数"):
        dues.due_fen("working", None)
