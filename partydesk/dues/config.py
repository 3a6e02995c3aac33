"""The dues settings (tiers, minimum, arrears thresholds) and the words for kinds and
payment methods."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import ValidationError

KEY = "dues"

KIND_LABELS = {"working": "在职", "retired": "离退休", "minimum": "最低标准"}
KIND_ALIASES = {
    "在职": "working",
    "在职党员": "working",
    "离退休": "retired",
    "退休": "retired",
    "离休": "retired",
    "离退休党员": "retired",
    "最低标准": "minimum",
    "最低": "minimum",
    "学生": "minimum",
    "无固定收入": "minimum",
    "失业": "minimum",
    "低保": "minimum",
}
METHOD_LABELS = {"cash": "现金", "transfer": "转账", "wechat": "微信", "alipay": "支付宝"}


def get(session: Session) -> dict:
    return settings.get(session, KEY)


def kind_from_text(t: str | None) -> str:
    s = (t or "").strip()
    if not s:
        return "working"
    if s in KIND_LABELS:
        return s
    if s in KIND_ALIASES:
        return KIND_ALIASES[s]
    raise ValidationError(f"未知的党费类别“{t}”，应为：{'、'.join(KIND_LABELS.values())}。", "kind")


def method_from_text(t: str | None) -> str:
    s = (t or "").strip()
    if not s:
        return "cash"
    if s in METHOD_LABELS:
        return s
    for code, lab in METHOD_LABELS.items():
        if s == lab or (lab in s and len(s) <= 4):
            return code
    if s in ("银行转账", "银行", "网银"):
        return "transfer"
    raise ValidationError(
        f"未知的交纳方式“{t}”，应为：{'、'.join(METHOD_LABELS.values())}。", "method"
    )


def to_fen(amount: str | float | int | Decimal | None, what: str = "金额") -> int:
    """元 (as typed: 42, 42.5, "42.50", "42元") → fen; refuses more than two decimals."""
    if amount is None:
        raise ValidationError(f"请填写{what}。", "amount")
    s = str(amount).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    if not s:
        raise ValidationError(f"请填写{what}。", "amount")
    try:
        d = Decimal(s)
    except Exception:  # noqa: BLE001 - decimal raises InvalidOperation and friends
        raise ValidationError(f"{what}应为数字（元），如 42.50：{amount}", "amount") from None
    if not d.is_finite():
        raise ValidationError(f"{what}应为数字（元），如 42.50：{amount}", "amount")
    fen = d * 100
    if fen != fen.to_integral_value():
        if isinstance(amount, float):
            fen = fen.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        else:
            raise ValidationError(f"{what}最多到分（两位小数）：{amount}", "amount")
    if abs(fen) > 100_000_000:
        raise ValidationError(f"{what} {amount} 元太大了，请检查。", "amount")
    return int(fen)


def yuan(fen: int | None) -> str:
    """Fen → "42.50" (blank for None)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    f = abs(int(fen))
    return f"{sign}{f // 100}.{f % 100:02d}"
