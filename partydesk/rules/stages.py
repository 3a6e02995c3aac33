"""What each category of the membership pipeline (发展党员) needs, as rules over a person's
dates: the one source of what 入党申请人 … 正式党员 require, used by every way in (cell,
form, paste, import, command line, demo) and by `partydesk check` for old ledgers.

    problems = person_problems(values, cfg, today)          # the record as it would be
    problems += transition_problems(before, values, cfg)    # an edit of a stored record

A `Problem` names its rule (a code, which `check` groups by) and says in Chinese what is
wrong and what to do. Warnings are shown but do not refuse. Thresholds come from
settings["pipeline"] (defaults in `pipeline.DEFAULTS`).

The categories move forward one step at a time, each with its date: a category needs the
dates of its own step and (before admission) of every step before it, and only the next
step's date may be filled in ahead (so a clerk can type the date, then change the
category). A person entered at a later stage (补录) is judged on the dates given.
Steps back are acts with a date and a reason (partydesk.ledger.acts), never edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from partydesk.rules.dates import add_months, age_on
from partydesk.rules.pipeline import DEFAULTS, extension_error, probation_end, talk_due

# The steps in order: category code, its Chinese name, the date field that records it and
# the date's Chinese name.
STEPS: tuple[tuple[str, str, str, str], ...] = (
    ("applicant", "入党申请人", "applied_on", "申请入党日期"),
    ("activist", "入党积极分子", "activist_on", "确定为积极分子日期"),
    ("target", "发展对象", "target_on", "确定为发展对象日期"),
    ("probationary", "预备党员", "admitted_on", "加入党组织日期"),
    ("full", "正式党员", "full_on", "转为正式党员日期"),
)
RANK = {code: i for i, (code, *_rest) in enumerate(STEPS)}
DATE_LABEL = {attr: label for _c, _n, attr, label in STEPS} | {
    "talked_on": "入党谈话日期",
    "last_review_on": "最近考察日期",
}
# Before admission every step's date is part of the candidate's file and required. Members
# entered from a roster (补录) are judged on the dates given (rosters of old members often
# lack them; `partydesk check` lists a member without 加入党组织日期). Moving a person
# forward by an edit needs the date of every step moved through (`transition_problems`).
_FIRST_REQUIRED = {0: 0, 1: 0, 2: 0, 3: 3, 4: 3}
_LAST_REQUIRED = {0: 0, 1: 1, 2: 2}

# The acts that step back, for the hint of a refused backward edit.
ACT_HINT = {
    "activist": "取消积极分子资格（partydesk person cancel-activist）",
    "target": "取消积极分子资格（partydesk person cancel-activist）",
    "probationary": "取消预备党员资格（partydesk person cancel-probation）",
    "full": "不能撤回；如确属录入错误，请删除该人员后重新录入",
}


@dataclass(frozen=True)
class Problem:
    """One broken rule: `rule` is a code (check groups by it), `text` Chinese."""

    rule: str
    text: str
    warning: bool = False


def _cfg(cfg: Mapping[str, Any] | None) -> dict:
    return {**DEFAULTS, **(cfg or {})}


def category_name(code: str | None) -> str:
    return STEPS[RANK[code]][1] if code in RANK else (code or "（无）")


def person_problems(
    values: Mapping[str, Any], cfg: Mapping[str, Any] | None = None, today: date | None = None
) -> list[Problem]:
    """Every pipeline rule the person's values break (the record as it would be stored)."""
    cfg = _cfg(cfg)
    today = today or date.today()
    v = values.get
    out: list[Problem] = []
    cat = v("category")
    rank = RANK.get(cat)
    if rank is not None:
        span = range(_FIRST_REQUIRED[rank], _LAST_REQUIRED.get(rank, -1) + 1)
        need = [STEPS[i][3] for i in span if v(STEPS[i][2]) is None]
        if need:
            out.append(_missing(STEPS[rank][1], need))
        ahead = [STEPS[i][3] for i in range(rank + 2, len(STEPS)) if v(STEPS[i][2]) is not None]
        if ahead:
            out.append(
                Problem(
                    "pipeline_ahead",
                    f"发展党员程序：人员类别为“{STEPS[rank][1]}”，却已有{'、'.join(ahead)}。"
                    "类别须逐级前进：请核对人员类别，或清空尚未发生的日期",
                )
            )
    out += _order_problems(values)
    for attr, label in DATE_LABEL.items():
        d = v(attr)
        if d is not None and d > today:
            out.append(
                Problem(
                    "pipeline_future",
                    f"发展党员程序：{label}{d:%Y-%m-%d}晚于今天，不能是将来的日期。请核对该日期",
                )
            )
    born = v("birth_date")
    first = next((v(a) for _c, _n, a, _l in STEPS if v(a) is not None), None)
    min_age = int(cfg.get("min_age", 18))
    if born and first and age_on(born, first) < min_age:
        out.append(
            Problem(
                "pipeline_age",
                f"发展党员程序：申请入党须年满{min_age}周岁，出生于{born:%Y-%m-%d}，"
                f"{first:%Y-%m-%d}时为{age_on(born, first)}周岁。请核对出生日期（身份证号）或申请日期",
            )
        )
    act, tgt = v("activist_on"), v("target_on")
    if act and tgt and tgt >= act:
        earliest = add_months(act, cfg["activist_min_months"])
        if tgt < earliest:
            out.append(
                Problem(
                    "pipeline_activist_span",
                    f"发展党员程序：确定为积极分子后须培养考察满{cfg['activist_min_months']}个月"
                    f"才能确定为发展对象（最早{earliest:%Y-%m-%d}，填的是{tgt:%Y-%m-%d}）。"
                    "请核对两个日期",
                )
            )
    ext = v("probation_extension_months") or 0
    err = extension_error(ext, cfg)
    if err:
        out.append(
            Problem(
                "extension",
                f"发展党员程序：{err}（填的是{ext}个月）。不延长请填0",
            )
        )
    adm, full = v("admitted_on"), v("full_on")
    if adm and full and full >= adm and not err:
        end = probation_end(adm, ext, cfg)
        if full < end:
            span = cfg["probation_months"] + ext
            out.append(
                Problem(
                    "pipeline_probation_span",
                    f"发展党员程序：预备期{span}个月，自{adm:%Y-%m-%d}起至{end:%Y-%m-%d}期满"
                    f"后才能转正（填的是{full:%Y-%m-%d}）。请核对日期，或先延长预备期",
                )
            )
    applied, talked = v("applied_on"), v("talked_on")
    if applied and talked and talked >= applied and talked > talk_due(applied, cfg):
        out.append(
            Problem(
                "talk_late",
                f"发展党员程序：入党谈话应在递交申请后{cfg['talk_within_months']}个月内"
                f"（{talk_due(applied, cfg):%Y-%m-%d}前），实际为{talked:%Y-%m-%d}",
                warning=True,
            )
        )
    return out


def _missing(category: str, need: list[str]) -> Problem:
    return Problem(
        "pipeline_missing",
        f"发展党员程序：人员类别为“{category}”须有{'、'.join(need)}。"
        "请填写该日期（每进一步都要有该步的日期；在表格中可先填日期再改人员类别）",
    )


# Date pairs (earlier, later) that must not be the other way round.
ORDER_PAIRS: tuple[tuple[str, str], ...] = (
    *((a, b) for i, (_c, _n, a, _l) in enumerate(STEPS) for (_c2, _n2, b, _l2) in STEPS[i + 1 :]),
    ("applied_on", "talked_on"),
    ("activist_on", "last_review_on"),
)


def _order_problems(values: Mapping[str, Any]) -> list[Problem]:
    v = values.get
    out = []
    for a, b in ORDER_PAIRS:
        if v(a) is not None and v(b) is not None and v(b) < v(a):
            out.append(
                Problem(
                    "pipeline_order",
                    f"发展党员程序：{DATE_LABEL[b]}{v(b):%Y-%m-%d}早于{DATE_LABEL[a]}"
                    f"{v(a):%Y-%m-%d}，各步须按先后顺序。请核对这两个日期",
                )
            )
    return out


def transition_problems(
    before: Mapping[str, Any], after: Mapping[str, Any], cfg: Mapping[str, Any] | None = None
) -> list[Problem]:
    """Rules of changing a stored person: a step forward needs its date, no step back by an
    edit, no extension by an edit."""
    out = []
    b, a = before.get("category"), after.get("category")
    if b in RANK and a in RANK and RANK[a] > RANK[b]:
        need = [
            STEPS[i][3]
            for i in range(max(RANK[b] + 1, _FIRST_REQUIRED[RANK[a]]), RANK[a] + 1)
            if after.get(STEPS[i][2]) is None
        ]
        if need:
            out.append(_missing(STEPS[RANK[a]][1], need))
    if b in RANK and a in RANK and RANK[a] < RANK[b]:
        out.append(
            Problem(
                "pipeline_back",
                f"发展党员程序：人员类别不能由“{category_name(b)}”改回“{category_name(a)}”。"
                f"退回须办理{ACT_HINT[b]}，写明日期和原因，记入履历",
            )
        )
    if (before.get("probation_extension_months") or 0) != (
        after.get("probation_extension_months") or 0
    ):
        out.append(
            Problem(
                "pipeline_extension_edit",
                "发展党员程序：延长预备期须经支部大会讨论决定，不能直接修改。"
                "请办理“延长预备期”（partydesk person extend），写明日期和原因",
            )
        )
    return out
