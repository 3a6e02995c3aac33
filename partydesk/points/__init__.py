"""Points cards (积分卡), ranking, bands, publication (公示) and the 积分超市 — headless.

Modules: `periods` (2025-07 / 2025Q3 / 2025), `schemes` (look-ups, bands), `entries`
(entering, locks, reversing entries), `totals` (cards with caps, floors, ranking), `market`
(goods, balances, redemptions), `attendance` (entries proposed from a meeting)."""

from partydesk.points.periods import Period
from partydesk.points.periods import parse as parse_period

__all__ = ["Period", "parse_period"]
