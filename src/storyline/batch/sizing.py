"""Sizing from a measured ``storyline batch`` run (``storyline batch --benchmark``).

Two rates per core, both from this run, never estimated:

* **per CPU-second**: articles / CPU seconds of the workers (each worker is one process with
  one BLAS thread, so a fully busy core does this many per second). Steady on a shared
  machine, and what sizing uses: it is what a dedicated core would do;
* **per core, wall clock**: articles / wall seconds / workers, which also pays for Ray and
  model start-up and for any contention with other jobs (an upper bound on the cost).

Projected cores for a daily volume = volume / 86,400 s / rate. The figures hold for
articles like the measured ones: run it on a sample of the real crawl (e.g. one CC-NEWS
WARC) for real sizes. Story assignment (``storyline load``) is sized separately by
``benchmarks/cluster_scale.py``.
"""

from __future__ import annotations

from typing import Any

SECONDS_PER_DAY = 86_400
CC_NEWS_PER_DAY = 370_000  # CC-NEWS articles per day (docs/benchmarks.md)


def sizing(articles: int, wall_seconds: float, cpu_seconds: float, workers: int,
           per_day: int = CC_NEWS_PER_DAY) -> dict[str, Any]:
    """Rates per core and projected cores for ``per_day`` articles (see module docstring)."""
    if articles <= 0 or cpu_seconds <= 0 or wall_seconds <= 0:
        raise ValueError("no articles were processed in this run: nothing to measure "
                         "(use a fresh --output so no input is skipped)")
    per_cpu_second = articles / cpu_seconds
    per_core_wall = articles / wall_seconds / max(1, workers)
    need = per_day / SECONDS_PER_DAY  # articles per second, around the clock
    return {
        "articles": articles, "workers": workers, "wall_seconds": round(wall_seconds, 2),
        "worker_cpu_seconds": round(cpu_seconds, 2),
        "cpu_seconds_per_article": round(cpu_seconds / articles, 4),
        "articles_per_cpu_second": round(per_cpu_second, 2),
        "articles_per_second_per_core_wall": round(per_core_wall, 2),
        "per_day": per_day,
        "cores_needed_cpu": round(need / per_cpu_second, 2),
        "cores_needed_wall": round(need / per_core_wall, 2),
    }


def describe(s: dict[str, Any]) -> list[str]:
    """Human-readable lines for ``sizing``'s result."""
    return [
        f"measured: {s['articles']} articles, {s['workers']} workers, {s['wall_seconds']} s "
        f"wall, {s['worker_cpu_seconds']} CPU-s in workers "
        f"({s['cpu_seconds_per_article']} CPU-s/article)",
        f"per core: {s['articles_per_cpu_second']} articles per CPU-second; "
        f"{s['articles_per_second_per_core_wall']} articles/s per worker, wall clock "
        "(start-up and contention included)",
        f"for {s['per_day']:,} articles/day: {s['cores_needed_cpu']} busy cores "
        f"(by CPU time), {s['cores_needed_wall']} cores (by wall clock, this run's "
        "conditions); add headroom for peaks and retries",
    ]
