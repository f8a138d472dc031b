"""Sizing arithmetic of `storyline batch --benchmark`."""

from __future__ import annotations

import pytest

from storyline.batch.sizing import describe, sizing


def test_rates_and_projected_cores() -> None:
    s = sizing(articles=1000, wall_seconds=50.0, cpu_seconds=80.0, workers=2, per_day=864_000)
    assert s["articles_per_cpu_second"] == 12.5  # 1000 / 80
    assert s["articles_per_second_per_core_wall"] == 10.0  # 1000 / 50 / 2
    assert s["cores_needed_cpu"] == 0.8  # 10 articles/s needed / 12.5
    assert s["cores_needed_wall"] == 1.0
    assert "864,000 articles/day: 0.8 busy cores" in describe(s)[2]


def test_nothing_measured_is_an_error() -> None:
    with pytest.raises(ValueError, match="fresh --output"):
        sizing(articles=0, wall_seconds=3.0, cpu_seconds=0.0, workers=1)
