"""A fact is corroborated only when sources agree, not merely when no rule opposes them:
values a rule lists (a date resolved on a guessed page date, a repeated event) are
compatible with anything but corroborate nothing they do not overlap."""

from __future__ import annotations

from storyline.stories.ledger_align import Candidate, settle
from storyline.stories.types import CONFLICTING, CORROBORATED, SINGLE_SOURCE, Evidence


def _cand(source: str, day: int) -> Candidate:
    ev = Evidence(source, source.upper(), None, "It happened.", 0, 12, 3, 12, "happened")
    return Candidate((day, day), f"day {day}", {}, ev, source)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _status(*cands: Candidate, listed: bool) -> str:
    compat = (lambda a, b: True) if listed else _overlaps
    fact = settle("event_date", "When", list(cands), compat, lambda a, b: False,
                  what="date", agree=_overlaps)
    assert fact is not None
    return fact.status


def test_disjoint_listed_dates_are_not_corroborated() -> None:
    assert _status(_cand("a", 1), _cand("b", 9), listed=True) == SINGLE_SOURCE


def test_overlapping_dates_are_corroborated_and_firm_disjoint_ones_conflict() -> None:
    assert _status(_cand("a", 1), _cand("b", 1), listed=True) == CORROBORATED
    assert _status(_cand("a", 1), _cand("b", 1), _cand("c", 9), listed=True) == CORROBORATED
    assert _status(_cand("a", 1), _cand("b", 9), listed=False) == CONFLICTING
