"""The events stage on self-written sentences (tests/fixtures/events/gold.json), with a floor.

Entities and timexes are hand-made (by surface text) so this tests the event rules alone,
not the entity or temporal stages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from storyline.analyze.events import extract_events, make_events
from storyline.analyze.parse import load_nlp
from storyline.config import Options
from storyline.model import Article, Entity, Event, Timex

GOLD = json.loads((Path(__file__).parent / "fixtures" / "events" / "gold.json").read_text("utf-8"))
FLOOR = 0.8


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(Options().analysis.spacy_model)


def make_article(nlp: Any, case: dict[str, Any]) -> Article:
    text = case["text"]
    doc = nlp(text)
    a = Article(id="t", text=text, published=case["published"], doc=doc,
                sentences=[(s.start_char, s.end_char) for s in doc.sents])
    for surface, label, canonical in case["entities"]:
        for m in re.finditer(re.escape(surface), text):
            a.entities.append(Entity(m.start(), m.end(), surface, label, canonical))
    for surface, (value, mod, begin, finish) in case["timexes"].items():
        pos = text.index(surface)
        a.timexes.append(Timex(pos, pos + len(surface), surface, "DATE", value, mod, begin, finish))
    return a


def matches(ev: Event, exp: dict[str, Any]) -> bool:
    actors_ok = exp.get("optional_actors") or set(ev.actors) == set(exp["actors"])
    return bool(ev.type == exp["type"] and actors_ok and ev.place == exp["place"]
                and (ev.time.value if ev.time else None) == exp["time"]
                and ev.planned == exp["planned"])


def test_events_gold_floor(nlp: Any) -> None:
    expected = found = correct = 0
    misses = []
    for case in GOLD:
        events = [e for e in extract_events(make_article(nlp, case)) if e.type != "announcement"]
        expected += len(case["expected"])
        found += len(events)
        for exp in case["expected"]:
            if any(matches(ev, exp) for ev in events):
                correct += 1
            else:
                misses.append((case["text"], exp, [(e.type, e.actors, e.place,
                                                    e.time and e.time.value, e.planned)
                                                   for e in events]))
    recall = correct / expected
    precision = correct / max(found, 1)
    assert expected >= 14
    assert recall >= FLOOR, misses
    assert precision >= 0.7, (precision, misses)


def test_no_trigger_no_event(nlp: Any) -> None:
    case = {"text": "Economists said inflation eased in April.", "published": "2025-05-02",
            "entities": [], "timexes": {}}
    assert extract_events(make_article(nlp, case)) == []


def test_coordinated_dates_give_one_event_each(nlp: Any) -> None:
    case = next(c for c in GOLD if "also went" in c["text"])
    times = sorted(e.time.value for e in extract_events(make_article(nlp, case)) if e.time)
    assert times == ["2023-06", "2024-03"]


def test_past_date_is_not_planned_even_with_would(nlp: Any) -> None:
    case = {"text": "Officials said Lena Novak would visit Rome in 2019.", "published": "2025-01-01",
            "entities": [["Lena Novak", "PERSON", "Lena Novak"], ["Rome", "GPE", "Rome"]],
            "timexes": {"2019": ["2019", None, "2019-01-01", "2019-12-31"]}}
    visits = [e for e in extract_events(make_article(nlp, case)) if e.type == "visit"]
    assert visits and not visits[0].planned


def test_a_date_of_saying_does_not_date_the_reported_event(nlp: Any) -> None:
    text = ('The Senate vote to declare that "Blue Is Best" is the state color is "not putting '
            'roads back in shape," Governor Ames said Tuesday in a speech pushing her plan.')
    case = {"text": text, "published": "2011-11-03",
            "entities": [["Ames", "PERSON", "Dana Ames"]],
            "timexes": {"Tuesday": ["2011-11-01", None, "2011-11-01", "2011-11-01"]}}
    votes = [e for e in extract_events(make_article(nlp, case)) if e.type == "vote"]
    assert votes and all(e.time is None for e in votes)  # Tuesday is when Ames spoke
    dated = dict(case, text="The Senate voted Tuesday on the bill, Governor Ames said.")
    votes = [e for e in extract_events(make_article(nlp, dated)) if e.type == "vote"]
    assert votes and votes[0].time is not None


def test_stage_sets_events_and_needs_no_doc_to_be_safe(nlp: Any) -> None:
    stage = make_events(Options())
    assert stage(Article(id="x", text="No parse here.")).events == []
    case = GOLD[0]
    out = stage(make_article(nlp, case))
    assert [e.type for e in out.events if e.type == "visit"] == ["visit"]
    assert out.events[0].start == 0 and out.events[0].sentence == case["text"]


def test_typology_frames() -> None:
    """Wider typology: rehab stays, escapes, dismissals; names and idioms are not events."""
    from storyline.analyze.events.stage import extract_events
    from storyline.analyze.parse import load_nlp
    from storyline.config import load_options
    from storyline.model import Article

    nlp = load_nlp(load_options().analysis.spacy_model)

    def types(text: str) -> set[str]:
        a = Article(id="t", text=text, published="2013-05-03")
        a.doc = nlp(text)
        return {e.type for e in extract_events(a)}

    assert "rehab" in types("Lindsay Lohan checked into rehab in Newport Beach on Thursday.")
    assert "escape" in types("The prisoner escaped from custody in Houston on Monday.")
    assert "dismissal" in types("The Sixers fired coach Maurice Cheeks on Saturday.")
    assert "fire" not in types("The senator came under fire in Washington on Monday.")
    assert "resignation" not in types("Conservatives called for Steele's resignation in Ohio.")
