"""Normalization rules behind the ledger: intervals, places, amounts, independence."""

from __future__ import annotations

import pytest

from storyline.model import Article, Number, Timex
from storyline.stories.ledger_align import source_keys
from storyline.stories.ledger_slots import (
    Gazetteer,
    display_interval,
    learn_places,
    numbers_compatible,
    overlaps,
    quantity_key,
    timex_interval,
)


def tx(value: str, mod: str | None = None, begin: str | None = None,
       finish: str | None = None) -> Timex:
    return Timex(0, 1, "x", "DATE", value, mod, begin, finish)


@pytest.mark.parametrize(("timex", "interval"), [
    (tx("2025-08", "END", "2025-08-01", "2025-08-31"), ("2025-08-21", "2025-08-31")),
    (tx("2025-08", "END", "2025-08-21", "2025-08-31"), ("2025-08-21", "2025-08-31")),
    (tx("2025-03", "START"), ("2025-03-01", "2025-03-10")),
    (tx("2025-W19"), ("2025-05-05", "2025-05-11")),
    (tx("2024"), ("2024-01-01", "2024-12-31")),
    (tx("2024-02"), ("2024-02-01", "2024-02-29")),
    (tx("PRESENT_REF"), None),
    # The temporal stage's conventions: thirds of a year on month boundaries; synonyms.
    (tx("2025", "END"), ("2025-09-01", "2025-12-31")),
    (tx("2025-08", "LATE"), ("2025-08-21", "2025-08-31")),
    (tx("2025-SU"), ("2025-06-01", "2025-08-31")),
])
def test_timex_interval(timex: Timex, interval: tuple[str, str] | None) -> None:
    assert timex_interval(timex) == interval


def test_display_and_overlap() -> None:
    assert display_interval("2025-08-21", "2025-08-31") == "late August 2025"
    assert display_interval("2025-09-03", "2025-09-03") == "3 September 2025"
    assert display_interval("2025-09-01", "2025-09-30") == "September 2025"
    assert not overlaps(("2025-08-21", "2025-08-31"), ("2025-09-01", "2025-09-30"))
    assert overlaps(("2025-09-01", "2025-09-30"), ("2025-09-03", "2025-09-03"))


def test_gazetteer_refinement_and_conflict() -> None:
    gaz = Gazetteer()
    assert gaz.compatible("China", "Beijing") and gaz.compatible("Beijing", "china")
    assert gaz.compatible("the United States", "US")
    # The same alias table as the entities stage: dots, "the" and possessives are normalized.
    assert gaz.compatible("U.S.", "Washington") and gaz.compatible("Holland", "the Netherlands")
    assert gaz.compatible("China’s", "Beijing")
    assert not gaz.compatible("Beijing", "Shanghai")
    assert not gaz.compatible("Moscow", "China")
    assert gaz.specificity("Beijing") > gaz.specificity("China")


def test_a_compass_part_of_a_place_is_inside_it() -> None:
    gaz = Gazetteer()
    assert gaz.compatible("southern Iran", "Iran") and gaz.compatible("Southern Iran", "Bandar Abbas")
    assert not gaz.compatible("southern Iran", "Santiago")
    assert gaz.compatible("Northeast Philadelphia", "Philadelphia")
    assert gaz.compatible("Southern California", "Los Angeles")
    assert gaz.compatible("South Africa", "Pretoria") and not gaz.compatible("South Africa", "Lima")
    # A city of the built-in table keeps its state: Los Angeles is in California.
    assert gaz.compatible("California", "Los Angeles")


def test_places_learned_from_articles() -> None:
    art = Article(id="a", text="Leaders gathered in Ufa, Russia for the talks.")
    learned = learn_places([art])
    assert learned == {"Ufa": "Russia"}
    assert Gazetteer(learned).compatible("Russia", "Ufa")


def num(value: float, approx: str | None = None, counts: str = "troops") -> Number:
    return Number(0, 1, str(value), value, None, counts, "count", approx)


def test_amounts_allow_rounding_and_approximation() -> None:
    assert numbers_compatible(num(12000, "more than"), num(12500))
    assert numbers_compatible(num(245e9, "nearly"), num(240e9))
    assert numbers_compatible(num(1000), num(1010))  # rounding
    assert not numbers_compatible(num(5e9), num(8e9))
    assert not numbers_compatible(num(12000, "more than"), num(11000))


def test_quantity_keys() -> None:
    assert quantity_key(num(1, counts="military aircraft")) == "count::aircraft"
    assert quantity_key(num(1, counts="troops")) == quantity_key(num(2, counts="the troop"))
    assert quantity_key(num(1, counts="")) is None
    assert quantity_key(Number(0, 1, "80th", 80, None, "anniversary", "ordinal")) is None


def test_independent_sources() -> None:
    arts = [Article(id="a", outlet="Wire"), Article(id="b", outlet="Paper", syndication_group="g"),
            Article(id="c", outlet="Other", syndication_group="g"),
            Article(id="d", outlet="Blog", duplicate_of="a"), Article(id="e", outlet="wire "),
            Article(id="f")]
    keys = source_keys(arts)
    assert keys["b"] == keys["c"]  # syndicated
    assert keys["a"] == keys["d"] == keys["e"]  # duplicate; same outlet
    assert len(set(keys.values())) == 3
