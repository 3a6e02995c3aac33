"""The one entry point of the record rules: every way a record enters the ledger (the
window's cell, detail form and paste, the Excel import, `partydesk add`/`set`, the demo)
asks `judge` whether the record as it would be stored may be written.

    problems = judge("person", merged, before=stored, cfg=settings.get(s, "pipeline"))
    refusals = [p for p in problems if not p.warning]

`values` are cleaned values (fields.clean); `before` the stored record for an edit (None
for a new one). A rule that the stored record already broke does not refuse an edit of
something else (old ledgers stay editable; `partydesk check` reports them), but the rules
of changing (no step back, …) always apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from partydesk.rules import idcard, phone, stages
from partydesk.rules.stages import Problem

__all__ = ["Problem", "judge", "errors", "warnings"]


def judge(
    entity_key: str,
    values: Mapping[str, Any],
    before: Mapping[str, Any] | None = None,
    *,
    cfg: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> list[Problem]:
    """Every rule the record breaks, errors and warnings, in Chinese."""
    today = today or date.today()
    found = _state(entity_key, values, cfg, today)
    if before:
        old = {p.text for p in _state(entity_key, {**before}, cfg, today)}
        found = [p for p in found if p.text not in old]
        if entity_key == "person":
            found += stages.transition_problems(before, values, cfg)
    return found


def errors(problems: list[Problem]) -> list[str]:
    return [p.text for p in problems if not p.warning]


def warnings(problems: list[Problem]) -> list[str]:
    return [p.text for p in problems if p.warning]


def _state(
    entity_key: str, values: Mapping[str, Any], cfg: Mapping[str, Any] | None, today: date
) -> list[Problem]:
    out: list[Problem] = []
    if entity_key in ("person", "instructor"):
        out += _id_problems(values)
        w = phone.warning(values.get("phone")) if values.get("phone") else None
        if w:
            out.append(Problem("phone_prefix", w, warning=True))
    if entity_key == "person":
        out += stages.person_problems(values, cfg, today)
        out += flowing_problems(values)
    if entity_key == "org":
        ts, te = values.get("term_start"), values.get("term_end")
        if ts and te and te <= ts:
            out.append(Problem("term_order", "任期届满日期应晚于任期开始日期。请核对两个日期"))
    if entity_key == "instructor":
        ts, te = values.get("appointed_on"), values.get("term_end")
        if ts and te and te <= ts:
            out.append(Problem("term_order", "任期届满日期应晚于选派日期。请核对两个日期"))
        if values.get("active") and te and te < today:
            out.append(
                Problem(
                    "instructor_expired",
                    f"任期已于{te:%Y-%m-%d}届满，不能为在任。请改为不在任，或续聘后改任期届满日期",
                )
            )
    return out


def _id_problems(values: Mapping[str, Any]) -> list[Problem]:
    num = values.get("id_number")
    if not num or not (values.get("birth_date") or values.get("sex")):
        return []
    born, sex = id_facts(num)
    out = []
    if values.get("birth_date") and values["birth_date"] != born:
        out.append(
            Problem(
                "id_mismatch",
                f"出生日期{values['birth_date']:%Y-%m-%d}与身份证号（{born:%Y-%m-%d}）不一致",
            )
        )
    if values.get("sex") and values["sex"] != sex:
        out.append(
            Problem(
                "id_mismatch",
                f"性别与身份证号不一致（身份证号为{'男' if sex == 'M' else '女'}）",
            )
        )
    return out


def id_facts(num: str) -> tuple[date, str]:
    """Birth date and sex of an ID number; a cleaned (validated) number is read directly,
    which matters when thousands of rows are checked (Excel import)."""
    if len(num) == 18 and num[:17].isdigit():
        try:
            born = date(int(num[6:10]), int(num[10:12]), int(num[12:14]))
            return born, "M" if int(num[16]) % 2 else "F"
        except ValueError:
            pass
    info = idcard.parse(num)
    return info.birth_date, info.sex


def flowing_problems(values: Mapping[str, Any]) -> list[Problem]:
    """流动党员 data that does not fit together (warnings: in a table one cell is typed at a
    time, so the flag and the destination cannot both change at once)."""
    flowing, to = values.get("is_flowing"), (values.get("flow_to") or "").strip()
    if flowing and not to:
        return [Problem("flowing", "流动党员应填写外出流向（流入地的党组织或地区）", warning=True)]
    if to and not flowing:
        return [
            Problem(
                "flowing",
                f"填了外出流向“{to}”，但“是否为流动党员”为否。请核对：是流动党员则改为“是”，否则清空外出流向",
                warning=True,
            )
        ]
    return []
