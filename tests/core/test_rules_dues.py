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
