"""Party dues (党费): monthly rate on after-tax regular pay, by tiers from settings."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DEFAULT_TIERS = {
    "working": [[3000, 0.005], [5000, 0.01], [10000, 0.015], [None, 0.02]],
    "retired": [[5000, 0.005], [None, 0.01]],
}


def rate(
    monthly_pay: float | Decimal, retired: bool = False, tiers: dict = DEFAULT_TIERS
) -> Decimal:
    """The rate for the whole pay (the tier is chosen by the pay; upper bounds inclusive)."""
    pay = Decimal(str(monthly_pay))
    if pay < 0:
        raise ValueError("工资收入不能为负数")
    for upper, r in tiers["retired" if retired else "working"]:
        if upper is None or pay <= Decimal(str(upper)):
            return Decimal(str(r))
    raise ValueError("党费档次配置不完整")


def monthly_dues(
    monthly_pay: float | Decimal, retired: bool = False, tiers: dict = DEFAULT_TIERS
) -> Decimal:
    """Dues for one month, rounded to the fen (分)."""
    pay = Decimal(str(monthly_pay))
    return (pay * rate(pay, retired, tiers)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
