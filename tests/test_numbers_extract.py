"""The numbers stage: values, units, what is counted, hedges; dates left to temporal."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.analyze.numbers import extract_numbers, word_value
from storyline.analyze.parse import load_nlp
from storyline.config import load_options
from storyline.model import Number

GOLD = Path(__file__).parent / "fixtures" / "numbers" / "gold.jsonl"


@pytest.fixture(scope="module")
def nums() -> Callable[[str], list[Number]]:
    nlp = load_nlp(load_options().analysis.spacy_model)
    return lambda text: extract_numbers(nlp(text))


def _find(numbers: list[Number], value: float) -> Number:
    for n in numbers:
        if math.isclose(n.value, value, rel_tol=1e-9):
            return n
    raise AssertionError(f"no number {value} in {[(n.text, n.value) for n in numbers]}")


def test_counts_with_what_they_count(nums: Callable[[str], list[Number]]) -> None:
    text = ("China marked the 70th anniversary with a massive military parade involving "
            "more than 12,000 troops, 500 pieces of military equipment and 200 military "
            "aircraft.")
    got = nums(text)
    troops = _find(got, 12000)
    assert (troops.counts, troops.approx, troops.kind) == ("troops", "more than", "count")
    assert _find(got, 500).counts == "military equipment"
    assert _find(got, 200).counts == "military aircraft"
    anniversary = _find(got, 70)
    assert (anniversary.kind, anniversary.counts) == ("ordinal", "anniversary")
    for n in got:
        assert text[n.start:n.end] == n.text


def test_money(nums: Callable[[str], list[Number]]) -> None:
    got = nums("Xi and Putin announced a defense agreement worth over $200 billion, adding "
               "to the nearly $245 billion in bilateral trade recorded in 2024.")
    trade = _find(got, 245e9)
    assert (trade.kind, trade.unit, trade.counts, trade.approx) == (
        "money", "USD", "bilateral trade", "nearly")
    assert _find(got, 200e9).approx == "over"
    assert not [n for n in got if n.value == 2024], "a year is temporal's, not a number"


def test_elliptical_count(nums: Callable[[str], list[Number]]) -> None:
    got = nums("Xi was the highest-ranking foreign leader among nearly 30 present in Moscow.")
    thirty = _find(got, 30)
    assert (thirty.counts, thirty.approx) == ("foreign leaders", "nearly")


def test_percent_words_and_scales(nums: Callable[[str], list[Number]]) -> None:
    got = nums("About 2 million people fled while inflation rose 3.5% and three soldiers "
               "died; 45 per cent of voters stayed home.")
    assert _find(got, 2e6).counts == "people"
    assert (_find(got, 3.5).kind, _find(got, 3.5).unit) == ("percent", "%")
    assert _find(got, 3).counts == "soldiers"
    assert _find(got, 45).counts == "voters"


def test_dates_and_times_are_skipped(nums: Callable[[str], list[Number]]) -> None:
    got = nums("On September 3, 2025, at 10:30, ten years after 2015, the Second World "
               "War was remembered.")
    assert got == [], [(n.text, n.kind) for n in got]


def test_word_values() -> None:
    assert word_value("twelve") == 12
    assert word_value("twenty-five") == 25
    assert word_value("Putin") is None


def test_gold_floor(nums: Callable[[str], list[Number]]) -> None:
    """Self-written gold: value+kind precision/recall and field accuracy (measured 1.0)."""
    tp = fp = fn = 0
    fields = {"counts": [0, 0], "unit": [0, 0], "approx": [0, 0]}
    for line in GOLD.read_text("utf-8").splitlines():
        gold: dict[str, Any] = json.loads(line)
        got = nums(gold["text"])
        used: set[int] = set()
        for want in gold["numbers"]:
            match = next((i for i, n in enumerate(got) if i not in used and n.kind == want["kind"]
                          and math.isclose(n.value, want["value"], rel_tol=1e-6)), None)
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            for name, score in fields.items():
                if name in want:
                    score[1] += 1
                    score[0] += getattr(got[match], name) == want[name]
        fp += len(got) - len(used)
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)
    for name, (ok, total) in fields.items():
        assert ok / total >= 0.85, f"{name}: {ok}/{total}"


def test_scores_times_and_values_of(nums: Callable[[str], list[Number]]) -> None:
    got = nums("The Saints won 17-14 on 2/3/2009 at 5:59 p.m. after the quake, which had a "
               "magnitude of 5.9, hit a town with a population of 120,000.")
    assert {n.value for n in got} == {5.9, 120000}, [(n.text, n.value) for n in got]
    assert _find(got, 5.9).counts == "magnitude"
    assert _find(got, 120000).counts == "population"


def test_cents_and_named_dollars(nums: Callable[[str], list[Number]]) -> None:
    got = nums("Innopac earned about 137.8 million Canadian dollars, or 18 Canadian cents a "
               "share, and will repay $5 billion of a $6 billion bridge loan.")
    cad = _find(got, 137.8e6)
    assert (cad.kind, cad.unit, cad.approx) == ("money", "CAD", "about")
    assert (_find(got, 0.18).unit, _find(got, 0.18).kind) == ("CAD", "money")
    assert _find(got, 6e9).counts == "bridge loan"


def test_two_dozen_and_frame(nums: Callable[[str], list[Number]]) -> None:
    """'two-dozen' is 24; the frame gives the predicate and marks increments."""
    found = {n.text: n for n in nums(
        "He signed nearly two-dozen executive actions. Police said 12 people were "
        "injured. Around 20 more people had to be rescued.")}
    assert found["nearly two-dozen"].value == 24
    assert found["12"].predicate == "injure"
    assert found["Around 20"].additive
