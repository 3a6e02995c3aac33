"""Mobile numbers: 11 digits, 1[3-9] + 9 digits."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"1[3-9]\d{9}")
_FOLD = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"}


def normalize(text: str | None) -> str:
    if text is None:
        return ""
    t = str(text).translate(_FOLD)
    t = re.sub(r"[\s\-]", "", t)
    if t.startswith("+86"):
        t = t[3:]
    return t


def error(text: str | None) -> str | None:
    n = normalize(text)
    if not n:
        return "手机号为空"
    if not n.isdigit():
        return "手机号只能包含数字"
    if len(n) != 11:
        return f"手机号应为11位，实际为{len(n)}位"
    if not _MOBILE.fullmatch(n):
        return "手机号应以13–19开头"
    return None


def is_valid(text: str | None) -> bool:
    return error(text) is None


def parse(text: str | None) -> str:
    e = error(text)
    if e:
        raise ValueError(e)
    return normalize(text)
