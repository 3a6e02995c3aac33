"""公民身份证号 (GB 11643-1999): check digit, birth date and sex."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import mul

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_DIGIT_OFFSET = 48 * sum(WEIGHTS)

# GB/T 2260 province-level codes (the first two digits), plus 81/82/83 of the residence
# permits of Hong Kong, Macao and Taiwan residents.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)


def normalize(text: str | None) -> str:
    """Fold full-width characters (NFKC), drop spaces and invisible characters, upper-case
    the final x. Digits of other scripts stay as they are (and are refused by `parse`)."""
    if text is None:
        return ""
    t = str(text)
    if t.isascii() and t.isalnum():  # already plain: nothing to fold or drop
        return t.upper()
    t = fold(t)
    return "".join(t.split()).upper()


def fold(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) without zero-width characters."""
    import unicodedata

    if text.isascii():  # nothing to fold (the common case: thousands of cells an import)
        return text
    t = unicodedata.normalize("NFKC", text)
    return t.translate(_INVISIBLE)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("身份证号前17位长度不对")
    if first17.isascii() and first17.isdigit():
        # the digits' code points weighted, less 48 ("0") times the weights' sum
        total = sum(map(mul, first17.encode("ascii"), WEIGHTS)) - _DIGIT_OFFSET
        return CHECK_CHARS[total % 11]
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
    if not n.isascii() and any(c.isdigit() for c in n if not c.isascii()):
        raise ValueError("身份证号含有非半角的数字（如阿拉伯文数字），请用0–9重新录入")
    if len(n) != 18:
        raise ValueError(f"身份证号应为18位，实际为{len(n)}位")
    if not n.isascii() or not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        raise ValueError("身份证号前17位须为数字，末位为数字或X")
    if n[:2] not in PROVINCES:
        raise ValueError(f"身份证号前两位{n[:2]}不是有效的省级行政区划代码，请核对")
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
