"""Points schemes, entries, redemptions (积分卡 / 积分超市) (issue 5)."""

from __future__ import annotations
