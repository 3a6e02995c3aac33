"""Helpers for benchmarks: timing and the summary line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
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
