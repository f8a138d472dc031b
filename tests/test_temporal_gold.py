"""Accuracy gate: value F1 on a small hand-written gold set (tests/fixtures/temporal)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.analyze.temporal import find_timexes

GOLD = Path(__file__).parent / "fixtures" / "temporal" / "gold.jsonl"
# Measured 1.00 on this fixture (with and without a spaCy parse); the floor leaves room
# for one or two expressions, so a real regression fails.
VALUE_F1_FLOOR = 0.95


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _gold_spans(row: dict[str, Any]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    pos = 0
    for g in row["timexes"]:
        start = row["text"].index(g["text"], pos)
        pos = start + len(g["text"])
        yield start, pos, g


def value_f1(doc_for: Any = None) -> tuple[float, list[str]]:
    """TE3-style value F1: relaxed span F1 x value accuracy over the matched spans."""
    n_gold = n_sys = hit_sys = hit_gold = value_ok = 0
    errors: list[str] = []
    for row in _rows():
        anchor = dt.date.fromisoformat(row["dct"]) if row["dct"] else None
        doc = doc_for(row["text"]) if doc_for else None
        found = find_timexes(row["text"], anchor, doc=doc)
        gold = list(_gold_spans(row))
        n_gold += len(gold)
        n_sys += len(found)
        hit_sys += sum(1 for t in found if any(t.start < e and s < t.end for s, e, _ in gold))
        for s, e, g in gold:
            match = [t for t in found if t.start < e and s < t.end]
            if not match:
                errors.append(f"{row['id']}: missed {g['text']!r}")
                continue
            hit_gold += 1
            if match[0].value == g["value"]:
                value_ok += 1
            else:
                errors.append(f"{row['id']}: {g['text']!r} {match[0].value} != {g['value']}")
    p, r = hit_sys / n_sys, hit_gold / n_gold
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1 * (value_ok / hit_gold if hit_gold else 0.0), errors


def test_fixture_is_big_enough() -> None:
    rows = _rows()
    assert len(rows) >= 15
    assert sum(len(r["timexes"]) for r in rows) >= 60


def test_value_f1_floor_without_parse() -> None:
    f1, errors = value_f1()
    assert f1 >= VALUE_F1_FLOOR, errors


@pytest.fixture(scope="module")
def nlp() -> Any:
    from storyline.analyze.parse import load_nlp
    from storyline.config import AnalysisOptions

    return load_nlp(AnalysisOptions().spacy_model)


def test_value_f1_floor_with_parse(nlp: Any) -> None:
    f1, errors = value_f1(nlp)
    assert f1 >= VALUE_F1_FLOOR, errors
