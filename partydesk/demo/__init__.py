"""`partydesk demo`: a realistic, fictional, deterministic ledger.

The core generator (units, organizations, people, instructors) runs first; then each
feature's filler in FILLERS adds its own content (work records, points, certificates,
ratings). Same seed and same `today` → the same ledger."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from partydesk.ledger import Ledger

# Modules with `fill(ctx: DemoContext) -> None`, run in this order after the core.
FILLERS = [
    "partydesk.demo.work",  # work records (issue 4)
    "partydesk.demo.points",  # points entries and redemptions (issue 5)
    "partydesk.demo.certs",  # certificates, 红领党务 (issue 6)
    "partydesk.demo.standing",  # ratings, checklists, surveys (issue 10)
]


@dataclass
class DemoContext:
    ledger: Ledger
    seed: int
    today: date
    progress: Callable[[str, float], None] | None = None
    extra: dict = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """An independent, deterministic random stream per filler, so one feature's
        changes never reshuffle another's data."""
        return random.Random(f"{self.seed}:{name}")

    def report(self, stage: str, fraction: float) -> None:
        if self.progress:
            self.progress(stage, fraction)


def run_fillers(ctx: DemoContext) -> None:
    for name in FILLERS:
        mod = importlib.import_module(name)
        fill = getattr(mod, "fill", None)
        if fill is not None:
            fill(ctx)


def default_path(path: str | Path | None) -> Path | None:
    return Path(path) if path is not None else None
