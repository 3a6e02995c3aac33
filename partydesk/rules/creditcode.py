"""统一社会信用代码 (GB 32100-2015): check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def normalize(text: str | None) -> str:
    """Full-width to ASCII (NFKC), spaces, hyphens and invisible characters dropped,
    upper case."""
    from partydesk.rules.idcard import fold

    if text is None:
        return ""
    t = fold(str(text))
    return "".join(t.replace("-", "").replace("－", "").replace("—", "").split()).upper()


def check_char(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def parse(text: str | None) -> str:
    """Return the normalized code; raise ValueError (Chinese) when it is invalid."""
    n = normalize(text)
    if not n:
        raise ValueError("统一社会信用代码为空")
    if len(n) != 18:
        raise ValueError(f"统一社会信用代码应为18位，实际为{len(n)}位")
    bad = [c for c in n if c not in _VALUE]
    if bad:
        raise ValueError(f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用I、O、Z、S、V）")
    if not n[1:8].isdigit():
        raise ValueError(
            f"统一社会信用代码第2位（机构类别）和第3–8位（登记管理机关行政区划码）应为数字，"
            f"而不是“{n[1:8]}”"
        )
    expected = check_char(n[:17])
    if n[17] != expected:
        raise ValueError(f"统一社会信用代码校验位错误（末位应为{expected}）")
    return n


def is_valid(text: str | None) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def error(text: str | None) -> str | None:
    try:
        parse(text)
    except ValueError as e:
        return str(e)
    return None


def make(body17: str) -> str:
    """Append the check character to 17 valid characters (demo data, tests)."""
    return body17 + check_char(body17)
