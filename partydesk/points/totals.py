"""Cards (积分卡) and ranking: a person's total for a period with caps, base and floor."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from partydesk.ledger.enums import PersonStatus
from partydesk.ledger.models import Organization, Person
from partydesk.ledger.models.points import PointsBand, PointsEntry, PointsScheme
from partydesk.points.periods import Period
from partydesk.points.schemes import band_for, check_period, scheme_categories


def capped(points: float, cap: float | None) -> float:
    """An item's points in one scoring period after its cap: a gain is cut to `cap`, a
    deduction to `-cap`."""
    if cap is None:
        return points
    return max(-cap, min(cap, points))


@dataclass
class ItemLine:
    count: int = 0
    raw: float = 0.0  # count × points, before caps
    counted: float = 0.0  # after the cap of each scoring period


@dataclass
class Card:
    """积分卡: one person's points in one scheme for one period.

    raw = base + every entry's points as entered; counted = base + items after their caps,
    then the scheme's floor and ceiling; earned = items after caps (what the 积分超市 uses)."""

    person_id: int
    name: str
    category: str
    period: Period
    base: float
    items: dict[int, ItemLine] = field(default_factory=dict)
    raw: float = 0.0
    counted: float = 0.0
    earned: float = 0.0
    rank: int = 0
    band: PointsBand | None = None

    @property
    def band_label(self) -> str:
        from partydesk.points.schemes import band_text

        return band_text(self.band)


def fmt(x: float) -> str:
    """Points as people write them: 85, 85.5, -2."""
    x = round(x, 2)
    return str(int(x)) if x == int(x) else f"{x:g}"


def members_for(session: Session, scheme: PointsScheme, org: Organization, period: Period):
    """People on the org's card list for the period: its active people of the scheme's
    categories, plus anyone scored for this org in the period (e.g. since transferred)."""
    scored = (
        select(PointsEntry.person_id)
        .where(
            PointsEntry.scheme_id == scheme.id,
            PointsEntry.org_id == org.id,
            PointsEntry.on >= period.start,
            PointsEntry.on <= period.end,
        )
        .distinct()
    )
    q = (
        select(Person)
        .where(
            or_(
                (Person.org_id == org.id)
                & (Person.status == PersonStatus.ACTIVE.value)
                & Person.category.in_(scheme_categories(scheme)),
                Person.id.in_(scored),
            )
        )
        .order_by(Person.id)
    )
    return list(session.scalars(q))


def compute_cards(
    session: Session, scheme: PointsScheme, org: Organization, period: Period
) -> list[Card]:
    """Every card of `org` for `period`, ranked (see `rank_cards`)."""
    check_period(scheme, period)
    people = members_for(session, scheme, org, period)
    rows = session.execute(
        select(
            PointsEntry.person_id,
            PointsEntry.item_id,
            PointsEntry.period_key,
            func.sum(PointsEntry.count),
            func.sum(PointsEntry.count * PointsEntry.points_each),
        )
        .where(
            PointsEntry.scheme_id == scheme.id,
            PointsEntry.org_id == org.id,
            PointsEntry.on >= period.start,
            PointsEntry.on <= period.end,
        )
        .group_by(PointsEntry.person_id, PointsEntry.item_id, PointsEntry.period_key)
    ).all()
    return build_cards(scheme, period, [(p.id, p.name, p.category) for p in people], rows)


def build_cards(scheme, period, people, rows) -> list[Card]:
    """Cards from (person_id, name, category) and rows of (person_id, item_id, period_key,
    Σcount, Σpoints) — one row per item per scoring period, where the cap applies."""
    caps = {it.id: it.cap for it in scheme.items}
    cards = {pid: Card(pid, name, cat, period, scheme.base_points) for pid, name, cat in people}
    for pid, item_id, _key, n, pts in rows:
        card = cards.get(pid)
        if card is None:
            continue
        line = card.items.setdefault(item_id, ItemLine())
        line.count += int(n or 0)
        line.raw += float(pts or 0)
        line.counted += capped(float(pts or 0), caps.get(item_id))
    for card in cards.values():
        card.earned = round(sum(line.counted for line in card.items.values()), 6)
        card.raw = round(card.base + sum(line.raw for line in card.items.values()), 6)
        total = card.base + card.earned
        if scheme.floor is not None:
            total = max(total, scheme.floor)
        if scheme.ceiling is not None:
            total = min(total, scheme.ceiling)
        card.counted = round(total, 6)
        card.band = band_for(scheme, card.counted, period)
    return rank_cards(list(cards.values()))


def rank_cards(cards: list[Card]) -> list[Card]:
    """Sort by counted points, highest first, and rank with standard competition ranking
    ("1224"): equal totals share a rank and the next rank skips, so totals 95, 95, 90 rank
    1, 1, 3. Ties keep roster order (person id)."""
    cards.sort(key=lambda c: (-round(c.counted, 2), c.person_id))
    prev, rank = None, 0
    for i, c in enumerate(cards, start=1):
        key = round(c.counted, 2)
        if key != prev:
            rank, prev = i, key
        c.rank = rank
    return cards


def cards_by_person(cards: list[Card]) -> dict[int, Card]:
    return {c.person_id: c for c in cards}


def entry_counts(
    session: Session, scheme: PointsScheme, org: Organization, period: Period
) -> dict[tuple[int, int], int]:
    """Σ count per (person, item) in the period: what the entry grid shows."""
    rows = session.execute(
        select(PointsEntry.person_id, PointsEntry.item_id, func.sum(PointsEntry.count))
        .where(
            PointsEntry.scheme_id == scheme.id,
            PointsEntry.org_id == org.id,
            PointsEntry.on >= period.start,
            PointsEntry.on <= period.end,
        )
        .group_by(PointsEntry.person_id, PointsEntry.item_id)
    ).all()
    return {(p, i): int(n or 0) for p, i, n in rows}
