"""Paired, interleaved timing shared by the benchmark scripts (a busy, shared machine:
both sides of a comparison must see the same load, so they alternate round by round)."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

Run = Callable[[], tuple[float, float]]  # -> (wall seconds, CPU seconds)


def cpu_seconds() -> float:
    """CPU time of this process plus its finished (reaped) children."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def interleaved(rounds: int, ours: Run, theirs: Run) -> tuple[list[tuple[float, float]],
                                                               list[tuple[float, float]]]:
    """Run both ``rounds`` times, alternating which goes first; (ours, theirs) timings."""
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for r in range(rounds):
        pair = [("ours", ours, a), ("plain", theirs, b)]
        for name, fn, out in pair if r % 2 == 0 else pair[::-1]:
            wall, cpu = fn()
            out.append((wall, cpu))
            print(f"  round {r + 1} {name:5s}: {wall:6.2f} s wall, {cpu:6.2f} s CPU", flush=True)
    return a, b


def summary(n: int, unit: str, ours: tuple[str, list[tuple[float, float]]],
            theirs: tuple[str, list[tuple[float, float]]]) -> None:
    """Medians per side (items/s, CPU-s per item) and the median per-round ratios."""
    for name, runs in (ours, theirs):
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name}: {n / wall:.1f} {unit}/s, {cpu / n:.4f} CPU-s per {unit[:-1]} "
              f"(median of {len(runs)}: {wall:.2f} s wall, {cpu:.2f} s CPU)")
    ratios = [o[0] / p[0] for o, p in zip(ours[1], theirs[1], strict=True)]
    cpu_ratios = [o[1] / p[1] for o, p in zip(ours[1], theirs[1], strict=True)]
    print(f"ratio {ours[0]} / {theirs[0]}: wall {statistics.median(ratios):.2f}x "
          f"(pairs: {', '.join(f'{x:.2f}' for x in ratios)}), "
          f"CPU {statistics.median(cpu_ratios):.2f}x")
