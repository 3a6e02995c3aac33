"""Star rating (评星定级): rubric totals, vetoes (一票否决), bands, the four steps."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Organization
from partydesk.ledger.models.standing import RatingStep, StarRating
from partydesk.rules import facts
from partydesk.standing import config

STEP_FIELDS = {
    RatingStep.SELF_CHECK: "self_check_on",
    RatingStep.IMPROVE: "improve_on",
    RatingStep.ACCEPT: "accept_on",
    RatingStep.AWARD: "award_on",
}


def indicators(cfg: dict) -> list[dict]:
    """Every indicator of the rubric, with its area label added."""
    out = []
    for area in cfg["rubric"]:
        for ind in area["indicators"]:
            out.append({**ind, "area": area["code"], "area_label": area["label"]})
    return out


def rubric_max(cfg: dict) -> float:
    return float(sum(i["max"] for i in indicators(cfg)))


@dataclass(frozen=True)
class Evaluation:
    total: float
    areas: dict[str, float]  # area code -> points
    vetoes: list[str]  # veto codes that apply
    stars: int
    max_total: float = 100.0
    missing: list[str] = field(default_factory=list)  # indicators with no score yet


def check_scores(cfg: dict, scores: dict[str, float]) -> None:
    """Raise ValidationError (Chinese) for an unknown indicator or a score out of range."""
    known = {i["code"]: i for i in indicators(cfg)}
    for code, pts in scores.items():
        ind = known.get(code)
        if ind is None:
            raise ValidationError(f"评分细则中没有指标“{code}”。", field=code)
        try:
            value = float(pts)
        except (TypeError, ValueError):
            raise ValidationError(f"“{ind['label']}”的得分“{pts}”不是数字。", field=code) from None
        if not 0 <= value <= float(ind["max"]):
            raise ValidationError(
                f"“{ind['label']}”的得分应在0至{ind['max']:g}分之间，填写的是{value:g}分。",
                field=code,
            )


def check_vetoes(cfg: dict, vetoes: list[str]) -> None:
    known = {v["code"] for v in cfg["vetoes"]}
    for code in vetoes:
        if code not in known:
            raise ValidationError(f"没有一票否决事项“{code}”。", field="vetoes")


def stars_for(total: float, vetoed: bool, cfg: dict) -> int:
    """Stars the bands give for `total`; `veto_stars` when a veto applies."""
    if vetoed:
        return int(cfg.get("veto_stars", 0))
    for band in sorted(cfg["bands"], key=lambda b: -float(b["min"])):
        if total >= float(band["min"]):
            return int(band["stars"])
    return 0


def evaluate(cfg: dict, scores: dict[str, float], vetoes: list[str] = ()) -> Evaluation:
    check_scores(cfg, scores)
    check_vetoes(cfg, list(vetoes))
    areas: dict[str, float] = {}
    missing = []
    for ind in indicators(cfg):
        pts = scores.get(ind["code"])
        if pts is None:
            missing.append(ind["code"])
            pts = 0
        areas[ind["area"]] = areas.get(ind["area"], 0.0) + float(pts)
    total = round(sum(areas.values()), 2)
    return Evaluation(
        total=total,
        areas=areas,
        vetoes=list(vetoes),
        stars=stars_for(total, bool(vetoes), cfg),
        max_total=rubric_max(cfg),
        missing=missing,
    )


def band_text(cfg: dict) -> str:
    """The bands in words, e.g. 五星≥90分 四星≥80分 …"""
    names = "零一二三四五六七八九"
    return "  ".join(
        f"{names[b['stars']] if b['stars'] < 10 else b['stars']}星≥{b['min']:g}分"
        for b in sorted(cfg["bands"], key=lambda b: -float(b["min"]))
    )


def rating_scores(r: StarRating) -> dict[str, float]:
    return json.loads(r.scores or "{}")


def rating_vetoes(r: StarRating) -> list[str]:
    return json.loads(r.vetoes or "[]")


def current_step(r: StarRating) -> RatingStep | None:
    """The furthest step with a date."""
    last = None
    for step, attr in STEP_FIELDS.items():
        if getattr(r, attr) is not None:
            last = step
    return last


def get_rating(session: Session, org_id: int, year: int) -> StarRating | None:
    return session.scalar(
        select(StarRating).where(StarRating.org_id == org_id, StarRating.year == year)
    )


def save_rating(
    session: Session,
    org_id: int,
    year: int,
    *,
    scores: dict[str, float] | None = None,
    vetoes: list[str] | None = None,
    steps: dict[str, date | None] | None = None,
    note: str | None = None,
    replace_scores: bool = False,
    today: date | None = None,
) -> StarRating:
    """Create or update the rating of `org_id` for `year` and recompute total and stars.

    `scores` are merged into the stored ones (or replace them with `replace_scores`);
    `vetoes`, when given, replace the stored list; `steps` maps step codes
    (self_check/improve/accept/award) to dates (None clears). A rating is of a year that
    has begun, and a step's date is when it was taken: neither after `today`."""
    if session.get(Organization, org_id) is None:
        raise NotFoundError(f"找不到编号为{org_id}的党组织。")
    if not 1990 <= int(year) <= 2100:
        raise ValidationError(f"年度“{year}”不对。", field="year")
    cfg = config.get(session)
    r = get_rating(session, org_id, year)
    if r is None:
        facts.past_year(year, "评星定级年度", today, "year")
        r = StarRating(org_id=org_id, year=int(year), scores="{}", vetoes="[]")
        session.add(r)
    known = {i["code"] for i in indicators(cfg)}
    # scores of indicators a county has since removed from its rubric are dropped
    merged = {} if replace_scores else {k: v for k, v in rating_scores(r).items() if k in known}
    if scores:
        merged.update({k: float(v) for k, v in scores.items()})
    veto_list = rating_vetoes(r) if vetoes is None else list(dict.fromkeys(vetoes))
    ev = evaluate(cfg, merged, veto_list)
    for code, d in (steps or {}).items():
        step = RatingStep.from_text(code)
        if step is None:
            raise ValidationError(
                f"没有评星步骤“{code}”。应为：自查初评、转化提升、检查验收、授牌奖励。"
            )
        if d is not None and d != getattr(r, STEP_FIELDS[step]):
            facts.past(d, f"“{step.label}”日期", today, STEP_FIELDS[step])
        setattr(r, STEP_FIELDS[step], d)
    _check_step_order(r)
    r.scores = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    r.vetoes = json.dumps(veto_list, ensure_ascii=False)
    r.total = ev.total
    r.stars = ev.stars
    if note is not None:
        r.note = note or None
    session.flush()
    return r


def _check_step_order(r: StarRating) -> None:
    prev: tuple[RatingStep, date] | None = None
    for step, attr in STEP_FIELDS.items():
        d = getattr(r, attr)
        if d is None:
            continue
        if prev is not None and d < prev[1]:
            raise ValidationError(
                f"“{step.label}”日期（{d}）早于“{prev[0].label}”日期（{prev[1]}）。"
            )
        prev = (step, d)


def history(session: Session, org_id: int) -> list[StarRating]:
    return list(
        session.scalars(
            select(StarRating).where(StarRating.org_id == org_id).order_by(StarRating.year)
        )
    )


def stars_by_level(session: Session, year: int) -> dict[int, list[int]]:
    """Organization ids by stars for `year` (0: rated but no star, or vetoed)."""
    out: dict[int, list[int]] = {}
    for org_id, stars in session.execute(
        select(StarRating.org_id, StarRating.stars)
        .where(StarRating.year == year)
        .order_by(StarRating.org_id)
    ):
        out.setdefault(int(stars), []).append(org_id)
    return out


def latest_year(session: Session) -> int | None:
    from sqlalchemy import func

    return session.scalar(select(func.max(StarRating.year)))
