"""Accuracy gate for the fact ledger: self-written mini stories with expected statuses.

Each fixture under tests/fixtures/ledger/ gives articles with hand-made annotations (by
surface text; offsets are computed here) and the status every listed fact must get. The
floor test fails CI if the ledger's agreement with these expectations drops.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article, Entity, Event, Number, Quote, Timex
from storyline.stories.ledger import build_ledger
from storyline.stories.types import CONFLICTING, CORROBORATED, Fact, Ledger

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"
FLOOR = 0.9


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]?", text) if m[0].strip()]


def _find(text: str, needle: str, start: int = 0) -> int:
    pos = text.find(needle, start)
    assert pos >= 0, f"fixture text lacks {needle!r}"
    return pos


def load_article(spec: dict[str, Any]) -> Article:
    """An Article from a fixture spec (annotations located by their surface text)."""
    text = spec["text"]
    a = Article(id=spec["id"], text=text, outlet=spec.get("outlet"),
                published=spec.get("published"), title=spec.get("title"),
                syndication_group=spec.get("syndication_group"),
                duplicate_of=spec.get("duplicate_of"), sentences=_sentences(text))
    for surface, label, canonical, *role in spec.get("entities", []):
        for m in re.finditer(re.escape(surface), text):
            a.entities.append(Entity(m.start(), m.end(), surface, label, canonical,
                                     role[0] if role else None))
    timexes: dict[str, Timex] = {}
    for surface, (value, mod, begin, finish) in spec.get("timexes", {}).items():
        pos = _find(text, surface)
        timexes[surface] = Timex(pos, pos + len(surface), surface, "DATE", value, mod, begin,
                                 finish)
    a.timexes = sorted(timexes.values(), key=lambda t: t.start)
    for ev in spec.get("events", []):
        start, end = a.sentence_at(_find(text, ev["sentence"]))
        a.events.append(Event(start, end, text[start:end], ev["type"], ev["trigger"],
                              ev.get("actors", []), ev.get("place"),
                              timexes.get(ev.get("time") or ""), ev.get("planned", False)))
    for n in spec.get("numbers", []):
        pos = _find(text, n["text"])
        a.numbers.append(Number(pos, pos + len(n["text"]), n["text"], n["value"], n.get("unit"),
                                n.get("counts"), n.get("kind", "count"), n.get("approx")))
    for q in spec.get("quotes", []):
        pos = _find(text, q["text"])
        sp = _find(text, q["speaker_text"])
        cue = _find(text, q["cue"], sp)
        a.quotes.append(Quote(pos, pos + len(q["text"]), q["text"], q.get("kind", "direct"),
                              q["speaker"], sp, sp + len(q["speaker_text"]), q["speaker_text"],
                              q["cue"], cue, cue + len(q["cue"])))
    return a


def load_story(path: Path) -> tuple[list[Article], list[dict[str, Any]]]:
    data = json.loads(path.read_text("utf-8"))
    return [load_article(s) for s in data["articles"]], data["expected"]


def find_fact(ledger: Ledger, exp: dict[str, Any]) -> Fact | None:
    for f in ledger.facts:
        if f.slot != exp["slot"]:
            continue
        if "value" in exp and f.values[0].value != exp["value"]:
            continue
        if "label_contains" in exp and exp["label_contains"] not in f.label:
            continue
        return f
    return None


STORIES = sorted(FIXTURES.glob("*.json"))


def test_ledger_gold_floor() -> None:
    total = correct = 0
    misses = []
    for path in STORIES:
        articles, expected = load_story(path)
        ledger = build_ledger(articles, path.stem)
        for exp in expected:
            total += 1
            fact = find_fact(ledger, exp)
            if fact is not None and fact.status == exp["status"]:
                correct += 1
            else:
                misses.append((path.stem, exp, fact.status if fact else None))
    assert total >= 15
    assert correct / total >= FLOOR, misses


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_every_fact_has_evidence_with_exact_spans(path: Path) -> None:
    articles, _ = load_story(path)
    by_id = {a.id: a for a in articles}
    for fact in build_ledger(articles, path.stem).facts:
        assert fact.note
        for value in fact.values:
            for ev in value.evidence:
                text = by_id[ev.article_id].text
                assert text[ev.start:ev.end] == ev.text
                assert text[ev.sentence_start:ev.sentence_end] == ev.sentence
                assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end


def test_syndicated_copy_is_not_corroboration() -> None:
    articles, _ = load_story(FIXTURES / "01_visit_syndicated.json")
    ledger = build_ledger(articles, "s")
    fact = find_fact(ledger, {"slot": "number:count::leader"})
    assert fact is not None and fact.status != CORROBORATED
    assert fact.values[0].sources == 1
    assert len({e.article_id for e in fact.values[0].evidence}) == 2  # both copies shown


def test_refinement_is_not_a_conflict() -> None:
    articles, _ = load_story(FIXTURES / "02_meeting_refinement.json")
    ledger = build_ledger(articles, "s")
    date_fact = find_fact(ledger, {"slot": "event_date"})
    assert date_fact is not None and date_fact.status == CORROBORATED
    assert "refinement" in (date_fact.note or "")
    assert not ledger.by_status(CONFLICTING)


def test_conflict_note_names_both_sides() -> None:
    articles, _ = load_story(FIXTURES / "01_visit_syndicated.json")
    fact = find_fact(build_ledger(articles, "s"), {"slot": "event_date"})
    assert fact is not None and fact.status == CONFLICTING
    assert "early March 2025" in (fact.note or "") and "20 March 2025" in (fact.note or "")
