"""End to end on the two seed articles: ingest, analyze (all stages), ledger and timeline.

This exercises every analysis stage together; the expectations are the ones the project
was built for, reached by general rules (no seed strings appear in the code).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import cli
from storyline.stories.ledger import build_ledger
from storyline.stories.types import CONFLICTING, CORROBORATED, SINGLE_SOURCE, Ledger
from tests.conftest import SEEDS, analyzed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Storyline]:
    sl = analyzed(SEEDS, tmp_path_factory.mktemp("seeds") / "seeds.db")
    yield sl
    sl.close()


@pytest.fixture(scope="module")
def ledger(seeded: Storyline) -> Ledger:
    return build_ledger(list(seeded.store.iter_articles()), "seeds")


def _facts(ledger: Ledger, slot: str) -> list:
    return [f for f in ledger.facts if f.slot == slot]


def test_visit_date_conflict(ledger: Ledger) -> None:
    (date,) = _facts(ledger, "event_date")
    assert date.status == CONFLICTING
    shown = {v.value for v in date.values}
    assert "late August 2025" in shown and "September 2025" in shown
    assert "3 September 2025" in (date.note or "")  # the Beijing event inside the window
    # The note names who says what: the outlet, or "unknown outlet [id]" for a page without one.
    assert "Express & Star says late August 2025" in (date.note or "")
    assert "unknown outlet [" in (date.note or "")


def test_destination_city_refines_country(ledger: Ledger) -> None:
    (place,) = _facts(ledger, "place")
    assert place.status == CORROBORATED
    assert {"China", "Beijing"} <= {v.value for v in place.values}


def test_two_announcers_each_single_source(ledger: Ledger) -> None:
    announcers = {f.values[0].value: f.status for f in _facts(ledger, "announcer")}
    assert announcers.get("Yuri Ushakov") == SINGLE_SOURCE
    assert announcers.get("Sergei Shoigu") == SINGLE_SOURCE


def test_figures_are_single_source(ledger: Ledger) -> None:
    numbers = {f.values[0].value: f.status for f in ledger.facts if f.slot.startswith("number:")}
    for figure in ("245", "12,000", "500", "200"):
        hits = [status for value, status in numbers.items() if figure in value]
        assert hits and all(s == SINGLE_SOURCE for s in hits), (figure, numbers)


def test_pair_timeline_lists_the_meetings(seeded: Storyline) -> None:
    tl = seeded.timeline("Vladimir Putin", "Xi Jinping")
    months = {(e.begin or "")[:7] for e in tl.entries} | {(e.begin or "")[:4] for e in tl.entries}
    expected = ["2015", "2022-02", "2023-03", "2023-10", "2024-05", "2024-07", "2024-09",
                "2025-05", "2025-08", "2025-09"]
    found = [m for m in expected if m in months]
    assert len(found) >= 9, (found, [(e.date, e.title) for e in tl.entries])
    assert all(e.evidence for e in tl.entries)
    planned = [e for e in tl.entries if e.planned]
    assert {(e.begin or "")[:7] for e in planned} >= {"2025-08", "2025-09"}


def test_cli_timeline_text(seeded: Storyline) -> None:
    out = CliRunner().invoke(cli, ["--db", seeded.options.store.url, "timeline", "Putin", "Xi"])
    assert out.exit_code == 0, out.output
    assert "Kazakhstan" in out.output and "(planned)" in out.output


def test_story_lists_read_saved_ledger_counts(seeded: Storyline) -> None:
    # Grouping saves each changed story's counts on its row; a later reader lists them
    # without building any ledger (one per listed story made lists slow).
    seeded.build_stories(progress=False)
    reader = Storyline(seeded.options, create=False)
    try:
        def no_ledgers(story_id: str) -> None:
            raise AssertionError(f"built the ledger of {story_id} to list stories")

        reader.story = no_ledgers  # type: ignore[method-assign]
        reader.story_ledger = no_ledgers  # type: ignore[method-assign]
        (row,) = reader.triaged_stories(disputed=True)
        assert row.meta["ledger"]["conflicting"] == 1
        assert row.meta["ledger"]["corroborated"] >= 1
    finally:
        reader.close()
