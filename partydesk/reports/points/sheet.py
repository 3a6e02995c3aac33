"""What a points notice or card prints, copied out of the session by `gather` so the
rendering runs anywhere (a worker thread, after the session closed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.ledger.models import Organization
from partydesk.ledger.models.points import PointsScheme
from partydesk.points.entries import period_locked
from partydesk.points.periods import Period
from partydesk.points.totals import Card, compute_cards

# The notice's wording, as data a county may change (settings key "points.notice").
# {scheme} {period} {rules} {start} {end} {days} {org} {contact} {phone} are filled in.
settings.DEFAULTS["points.notice"] = {
    "intro": "根据“{scheme}”有关规定，现将{period}积分情况公示如下（{rules}）：",
    "period": "公示时间：{start}至{end}（{days}个工作日）。公示期间如有异议，请向{org}反映。",
    "contact": "联系人：{contact}　　联系电话：{phone}",
    "days": 5,
    # 一人一卡 go out in "rank" order (the notice's) or by "name".
    "card_order": "rank",
}


def working_days_after(start: date, days: int) -> date:
    """The last day of a notice posted on `start` for `days` working days (Mon–Fri)."""
    d, left = start, max(days, 1)
    while True:
        if d.weekday() < 5:
            left -= 1
            if left == 0:
                return d
        d += timedelta(days=1)


@dataclass
class ItemInfo:
    id: int
    dimension: str
    name: str
    points: float
    cap: float | None


@dataclass
class PointsSheet:
    """Everything a notice or the cards of one organization for one period show."""

    org_name: str
    scheme_name: str
    scheme_period: str
    period: Period
    base: float
    floor: float | None
    ceiling: float | None
    items: list[ItemInfo]
    cards: list[Card]
    published_on: date | None = None
    band_title: str = "星级"
    dimensions: list[str] = field(default_factory=list)
    contact: str = ""  # the organization's secretary
    phone: str = ""  # the organization's phone, else the secretary's
    wording: dict = field(default_factory=lambda: dict(settings.DEFAULTS["points.notice"]))

    def dimension_points(self, card: Card, dim: str) -> float:
        return sum(line.counted for iid, line in card.items.items() if self._dim_of.get(iid) == dim)

    def __post_init__(self):
        self._dim_of = {it.id: it.dimension for it in self.items}
        if not self.dimensions:
            seen: list[str] = []
            for it in self.items:
                if it.dimension not in seen:
                    seen.append(it.dimension)
            self.dimensions = seen


def gather(
    session: Session, scheme: PointsScheme, org: Organization, period: Period
) -> PointsSheet:
    cards = compute_cards(session, scheme, org, period)
    sec = org.secretary
    pub = period_locked(session, scheme, org, period)
    kinds = {b.kind for b in scheme.bands}
    return PointsSheet(
        org_name=org.name,
        scheme_name=scheme.name,
        scheme_period=scheme.period,
        period=period,
        base=scheme.base_points,
        floor=scheme.floor,
        ceiling=scheme.ceiling,
        items=[
            ItemInfo(it.id, it.dimension or "其他", it.name, it.points, it.cap)
            for it in scheme.items
        ],
        cards=cards,
        published_on=pub.published_at.date()
        if pub is not None and pub.period_key == period.key
        else None,
        band_title="培养意见" if kinds == {"outcome"} else "星级",
        contact=sec.name if sec is not None else "",
        phone=org.contact_phone or (sec.phone if sec is not None and sec.phone else ""),
        wording=settings.get(session, "points.notice"),
    )


def card_title(sheet: PointsSheet) -> str:
    """积分卡 title: 党员量化积分 → 党员量化积分卡; a name already ending in 卡 is kept."""
    return sheet.scheme_name if sheet.scheme_name.endswith("卡") else sheet.scheme_name + "卡"


def title_of(sheet: PointsSheet) -> str:
    return f"{sheet.period.label}{sheet.scheme_name}"
