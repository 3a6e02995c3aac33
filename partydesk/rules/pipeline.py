"""Membership pipeline (发展党员) deadlines.

talk within a month of applying; an activist is reviewed every 6 months and serves at least
a year before becoming a development target; probation ends a year after the branch meeting
(extendable by 6-12 months). Thresholds come from settings["pipeline"]."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.rules.dates import add_months

DEFAULTS = {
    "min_age": 18,  # an applicant is 18 or older (on the first date of the pipeline)
    "talk_within_months": 1,
    "review_every_months": 6,
    "activist_min_months": 12,
    "probation_months": 12,
    "extension_min_months": 6,
    "extension_max_months": 12,
    "warn_days": 30,
    # a development target is normally admitted (political review, short training, branch
    # meeting) within a few months; after this many the 待办 list names the person
    "target_wait_months": 3,
}


@dataclass(frozen=True)
class Due:
    """Something that falls due for a person: `kind` code, Chinese text, date."""

    kind: str
    text: str
    due_on: date

    def overdue(self, today: date) -> bool:
        return self.due_on < today


def talk_due(applied_on: date, cfg: dict = DEFAULTS) -> date:
    return add_months(applied_on, cfg["talk_within_months"])


def next_review_due(activist_on: date, last_review_on: date | None, cfg: dict = DEFAULTS) -> date:
    return add_months(last_review_on or activist_on, cfg["review_every_months"])


def earliest_target_date(activist_on: date, cfg: dict = DEFAULTS) -> date:
    return add_months(activist_on, cfg["activist_min_months"])


def probation_end(admitted_on: date, extension_months: int = 0, cfg: dict = DEFAULTS) -> date:
    return add_months(admitted_on, cfg["probation_months"] + (extension_months or 0))


def extension_error(months: int, cfg: dict = DEFAULTS) -> str | None:
    if months == 0:
        return None
    lo, hi = cfg["extension_min_months"], cfg["extension_max_months"]
    if not lo <= months <= hi:
        return f"延长预备期应为{lo}至{hi}个月"
    return None


def dues_for(person, cfg: dict = DEFAULTS) -> list[Due]:
    """What falls due next for one person (any object with the Person attributes)."""
    out: list[Due] = []
    cat = person.category
    if cat == "applicant" and person.applied_on and not person.talked_on:
        out.append(Due("talk", "入党谈话（递交申请后一个月内）", talk_due(person.applied_on, cfg)))
    if cat == "activist" and person.activist_on:
        out.append(
            Due(
                "review",
                "积极分子考察（每半年一次）",
                next_review_due(person.activist_on, person.last_review_on, cfg),
            )
        )
        out.append(
            Due(
                "target_eligible",
                "可列为发展对象（培养满一年）",
                earliest_target_date(person.activist_on, cfg),
            )
        )
    if (
        cat == "target"
        and getattr(person, "target_on", None)
        and not getattr(person, "admitted_on", None)
    ):
        months = cfg.get("target_wait_months", DEFAULTS["target_wait_months"])
        out.append(
            Due(
                "target_waiting",
                f"确定为发展对象已满{months}个月，尚未接收为预备党员（政审、集中培训、支部大会讨论）",
                add_months(person.target_on, months),
            )
        )
    if cat == "probationary" and person.admitted_on:
        out.append(
            Due(
                "probation_end",
                "预备期满，讨论转正",
                probation_end(person.admitted_on, person.probation_extension_months, cfg),
            )
        )
    return out


def order_warnings(person) -> list[str]:
    """Key dates that are out of order (a warning each, in Chinese)."""
    steps = [
        ("applied_on", "递交申请"),
        ("activist_on", "确定为积极分子"),
        ("target_on", "确定为发展对象"),
        ("admitted_on", "加入党组织"),
        ("full_on", "转为正式党员"),
    ]
    seen: list[tuple[date, str]] = []
    out = []
    for attr, label in steps:
        d = getattr(person, attr, None)
        if d is None:
            continue
        for prev_d, prev_label in seen:
            if d < prev_d:
                out.append(f"{label}日期早于{prev_label}日期")
        seen.append((d, label))
    return out
