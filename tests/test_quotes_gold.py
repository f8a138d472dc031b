"""Accuracy floor of the quotes stage on a small self-written gold set.

tests/fixtures/quotes/gold.jsonl: one short news text per line with the expected quotes
and other attributions (speaker canonical name, cue lemma, content text, kind, and for the
later lines the attribution type: belief, intention, evaluation, perception, knowledge,
speech). A predicted quote matches a gold
one when their content spans overlap; the speaker is right when the predicted canonical
speaker (or, for nominal sources such as "officials", the source text) equals the gold one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.config import default_options
from storyline.model import Article
from storyline.pipeline import Pipeline

GOLD = Path(__file__).parent / "fixtures" / "quotes" / "gold.jsonl"
CONTENT_F1_FLOOR = 0.90
SPEAKER_F1_FLOOR = 0.90


@pytest.fixture(scope="module")
def scored() -> dict[str, Any]:
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())
    counts = {"gold": 0, "pred": 0, "match": 0, "speaker": 0, "kind": 0, "cue": 0,
              "typed": 0, "type": 0}
    misses: list[str] = []
    for line in GOLD.read_text("utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        article = pipeline(Article(text=text))
        counts["gold"] += len(item["quotes"])
        counts["pred"] += len(article.quotes)
        used: set[int] = set()
        for g in item["quotes"]:
            g_start = text.index(g["content"])
            g_end = g_start + len(g["content"])
            hit = next((i for i, q in enumerate(article.quotes)
                        if i not in used and q.start < g_end and g_start < q.end), None)
            if hit is None:
                misses.append(f"missed {g['content']!r}")
                continue
            used.add(hit)
            q = article.quotes[hit]
            counts["match"] += 1
            names = {(q.speaker or "").casefold(), (q.speaker_text or "").casefold()}
            if g["speaker"].casefold() in names:
                counts["speaker"] += 1
            else:
                misses.append(f"speaker {q.speaker!r}/{q.speaker_text!r} != {g['speaker']!r}")
            counts["kind"] += q.kind == g["kind"]
            counts["cue"] += q.cue == g["cue"]
            if "type" in g:
                counts["typed"] += 1
                counts["type"] += q.type == g["type"]
                if q.type != g["type"]:
                    misses.append(f"type {q.type!r} != {g['type']!r} for {g['content']!r}")
        misses += [f"spurious {q.text!r}" for i, q in enumerate(article.quotes) if i not in used]
    return {"counts": counts, "misses": misses}


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_content_f1_floor(scored: dict[str, Any]) -> None:
    c = scored["counts"]
    f1 = _f1(c["match"], c["pred"], c["gold"])
    assert f1 >= CONTENT_F1_FLOOR, (f1, scored["misses"])


def test_speaker_f1_floor(scored: dict[str, Any]) -> None:
    c = scored["counts"]
    f1 = _f1(c["speaker"], c["pred"], c["gold"])
    assert f1 >= SPEAKER_F1_FLOOR, (f1, scored["misses"])


def test_kind_and_cue_mostly_right(scored: dict[str, Any]) -> None:
    c = scored["counts"]
    assert c["kind"] >= 0.85 * c["match"], scored["misses"]
    assert c["cue"] >= 0.85 * c["match"], scored["misses"]


def test_attribution_types_right(scored: dict[str, Any]) -> None:
    c = scored["counts"]
    assert c["typed"] >= 16  # every typed gold attribution was matched
    assert c["type"] == c["typed"], scored["misses"]
