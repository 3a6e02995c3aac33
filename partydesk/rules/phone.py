"""Mobile numbers: 11 digits, 1[3-9] + 9 digits; a prefix not yet allocated to any
carrier is a warning (a typing slip more often than a real number)."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_SEPARATORS = re.compile(r"[\s\-()（）]")
# Three-digit mobile prefixes allocated by the MIIT numbering plan (voice and SMS numbers;
# 140–144 are data-only IoT numbers, the rest unallocated).
ALLOCATED = frozenset(
    [str(n) for n in range(130, 140)]
    + ["145", "146", "147", "148", "149", "150", "151", "152", "153"]
    + [str(n) for n in range(155, 160)]
    + ["162", "165", "166", "167"]
    + [str(n) for n in range(170, 179)]
    + [str(n) for n in range(180, 190)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"]
)


def normalize(text: str | None) -> str:
    """Full-width to ASCII, spaces, hyphens and invisible characters dropped, and the
    country code (+86, 0086, or 86 before 11 digits) taken off."""
    from partydesk.rules.idcard import fold

    if text is None:
        return ""
    t = str(text)
    if not (len(t) == 11 and t.isdigit() and t.isascii()):  # else already plain
        t = _SEPARATORS.sub("", fold(t))
    for prefix in ("+86", "0086"):
        if t.startswith(prefix):
            return t[len(prefix) :]
    if t.startswith("86") and len(t) == 13:
        return t[2:]
    return t


def error(text: str | None) -> str | None:
    return _error(normalize(text))


def _error(n: str) -> str | None:
    if not n:
        return "手机号为空"
    if not n.isascii() or not n.isdigit():
        return "手机号只能包含数字0–9"
    if len(n) != 11:
        return f"手机号应为11位，实际为{len(n)}位"
    if not _MOBILE.fullmatch(n):
        return "手机号应以13–19开头"
    return None


def warning(text: str | None) -> str | None:
    """A valid-looking number whose prefix no carrier uses (yet)."""
    n = normalize(text)
    if _error(n) is None and n[:3] not in ALLOCATED:
        return f"手机号{n}的号段{n[:3]}尚未分配给运营商，请核对是否录错"
    return None


def is_valid(text: str | None) -> bool:
    return error(text) is None


def parse(text: str | None) -> str:
    n = normalize(text)
    e = _error(n)
    if e:
        raise ValueError(e)
    return n
