"""Helpers for benchmarks: timing, the summary line, and the cached demo ledgers."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

# Demo ledgers are built once and kept here (a 300,000-person ledger takes a while).
CACHE = Path(os.environ.get("PARTYDESK_BENCH_CACHE", "/tmp/pd-bench-cache"))
TODAY = "2026-11-01"


def schema_key() -> str:
    """The migration head and a hash of every migration file: a cached ledger is reused
    only when built by exactly these migrations (one at an old schema, or one whose
    migrations were reordered since, would measure a ledger no user has)."""
    import hashlib

    from partydesk.ledger.migrate import head_revision

    versions = Path(__file__).resolve().parents[2] / "partydesk/ledger/migrations/versions"
    digest = hashlib.sha256()
    for f in sorted(versions.glob("*.py")):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return f"{head_revision()}-{digest.hexdigest()[:10]}"


def bench_ledger(members: int, units: int | None = None) -> Path:
    """The cached demo ledger with `members` people (units = members / 33), built with
    `partydesk demo` the first time for this schema (`schema_key`; ledgers of other schemas
    stay, another worktree may be measuring them).
    Opened once here, so the daily backup is done before anything is timed."""
    units = units or max(members // 33, 10)
    stem = f"demo-{members // 1000}k"
    path = CACHE / f"{stem}-{schema_key()}.partydesk"
    if not path.exists():
        from datetime import date

        from partydesk.demo import build_demo

        CACHE.mkdir(parents=True, exist_ok=True)
        build_demo(path, units=units, members=members, seed=1, today=date.fromisoformat(TODAY))
    from partydesk.ledger import open_ledger

    open_ledger(path).close()
    return path


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the machine).
    Each run starts from a collected heap: a full collection of what the previous run
    (often the other side) left would otherwise land on whichever side came next."""
    import gc

    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def summary(name: str, ours: float, floor: float, goal: float, unit: str = "s", **extra) -> str:
    """`NAME ratio=R goal=G ours=… floor=…` plus any extra key=value figures."""
    ratio = ours / floor if floor > 0 else float("inf")
    parts = [
        f"{name} ratio={ratio:.2f} goal={goal:g} ours={ours:.3f}{unit} floor={floor:.3f}{unit}"
    ]
    parts += [f"{k}={v}" for k, v in extra.items()]
    return " ".join(parts)
