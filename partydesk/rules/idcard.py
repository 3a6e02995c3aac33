"""公民身份证号 (GB 11643-1999): check digit, birth date and sex."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import mul

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# Full-width digits/letters and stray spaces as typed in office sheets.
_FOLD = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ｘＸ"}


def normalize(text: str | None) -> str:
    """Fold full-width characters, drop spaces, upper-case the final x."""
    if text is None:
        return ""
    t = str(text).translate(_FOLD)
    t = "".join(t.split()).replace("\u3000", "")
    return t.upper()


def check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("身份证号前17位长度不对")
    total = sum(map(mul, map(int, first17), WEIGHTS))
    return CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: date
    sex: str  # "M" / "F"


def parse(text: str | None) -> IdInfo:
    """Validate an 18-character ID number; return it normalized with birth date and sex.

    Raises ValueError with a Chinese message saying what is wrong."""
    n = normalize(text)
    if not n:
        raise ValueError("身份证号为空")
    if len(n) != 18:
        raise ValueError(f"身份证号应为18位，实际为{len(n)}位")
    if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        raise ValueError("身份证号前17位须为数字，末位为数字或X")
    try:
        born = date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        raise ValueError("身份证号中的出生日期无效") from None
    if born.year < 1900 or born > date.today():
        raise ValueError("身份证号中的出生日期不合理")
    expected = check_char(n[:17])
    if n[17] != expected:
        raise ValueError(f"身份证号校验位错误（末位应为{expected}）")
    return IdInfo(n, born, "M" if int(n[16]) % 2 == 1 else "F")


def is_valid(text: str | None) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def error(text: str | None) -> str | None:
    """The Chinese reason the number is invalid, or None when it is valid."""
    try:
        parse(text)
    except ValueError as e:
        return str(e)
    return None


def make(region: str, born: date, seq: int, sex: str) -> str:
    """Build a valid number (for demo data and tests): 6-digit region, birth date, a 3-digit
    sequence whose last digit's parity gives the sex, then the check digit."""
    s = seq % 1000
    if (s % 2 == 1) != (sex == "M"):
        s = (s + 1) % 1000
    first17 = f"{region}{born:%Y%m%d}{s:03d}"
    return first17 + check_char(first17)
