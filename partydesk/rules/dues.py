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


# Kinds of base (党费计算类别): the tier table used, or the fixed minimum.
KINDS = ("working", "retired", "minimum")

# The whole `dues` setting: the tiers above, the fixed minimum (元/月) for students, the
# unemployed and those on subsistence allowances, and the months unpaid in a row that make
# a reminder (待办) and an alert (连续6个月不交纳党费 is a matter the branch must handle).
DEFAULTS = {
    **DEFAULT_TIERS,
    "minimum": 0.2,
    "remind_months": 3,
    "alert_months": 6,
}


def due_fen(kind: str, monthly_pay: float | Decimal | None, cfg: dict = DEFAULTS) -> int:
    """The monthly due in fen (分) for a base of this kind: the fixed minimum, or the
    pay times the rate of its tier rounded to the fen."""
    if kind == "minimum":
        return int((Decimal(str(cfg.get("minimum", 0.2))) * 100).to_integral_value(ROUND_HALF_UP))
    if kind not in ("working", "retired"):
        raise ValueError(f"未知的党费类别：{kind}")
    if monthly_pay is None:
        raise ValueError("请填写工资基数")
    return int(monthly_dues(monthly_pay, kind == "retired", cfg) * 100)
