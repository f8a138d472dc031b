"""Timelines: one entry per real event across articles, host inference for pairs, store API."""

from __future__ import annotations

from pathlib import Path

from storyline import Storyline
from storyline.stories.timeline import actor_countries, build_timeline
from tests.test_ledger_gold import load_story

FIXTURE = Path(__file__).parent / "fixtures" / "ledger" / "timeline_pair.json"


def test_pair_timeline_merges_mentions_and_sorts() -> None:
    articles, _ = load_story(FIXTURE)
    tl = build_timeline(articles, ["Ingrid Dahl", "Aiko Mori"])
    assert [e.date for e in tl.entries] == ["2023-10", "2024-05-14", "2025-04"]
    visit_2023, meeting, planned = tl.entries
    # "May 2024" and "May 14, 2024" in two articles are one meeting with both mentions.
    assert {ev.article_id for ev in meeting.evidence} == {"t1", "t2"}
    assert meeting.place == "Oslo" and not meeting.planned
    # Tokyo (article 1) and Japan (article 2) are compatible: one planned trip, city kept.
    assert planned.planned and planned.place == "Tokyo" and len(planned.evidence) == 2
    # Mori is not named in the 2023 visit; her role names Japan, so she is the inferred host.
    assert visit_2023.inferred and "Aiko Mori" in visit_2023.inferred
    assert "inferred" in visit_2023.title


def test_single_actor_timeline_has_no_inference() -> None:
    articles, _ = load_story(FIXTURE)
    tl = build_timeline(articles, ["Ingrid Dahl"])
    assert len(tl.entries) == 3 and all(e.inferred is None for e in tl.entries)
    assert build_timeline(articles, ["Nobody Here"]).entries == []


def test_actor_country_from_title() -> None:
    articles, _ = load_story(FIXTURE)
    assert actor_countries(articles, "Aiko Mori") == {"Japan"}
    assert actor_countries(articles, "Ingrid Dahl") == set()


def test_evidence_spans_point_at_the_trigger() -> None:
    articles, _ = load_story(FIXTURE)
    by_id = {a.id: a for a in articles}
    for entry in build_timeline(articles, ["Ingrid Dahl"]).entries:
        for ev in entry.evidence:
            assert by_id[ev.article_id].text[ev.start:ev.end] == ev.text


def test_timeline_for_resolves_partial_names(app: Storyline) -> None:
    articles, _ = load_story(FIXTURE)
    app.store.add_articles(articles)
    tl = app.timeline("Dahl", "mori")
    assert tl.actors == ["Ingrid Dahl", "Aiko Mori"]
    assert len(tl.entries) == 3


def test_events_without_any_actor_still_get_a_title() -> None:
    from storyline.model import Article, Event, Timex

    text = "Shots were fired near the port on 3 May 2024, police said."
    art = Article(text=text, published="2024-05-04", sentences=[(0, len(text))])
    art.events = [Event(0, len(text), text, "attack", "fired", [], "port",
                        Timex(34, 44, "3 May 2024", "DATE", "2024-05-03", begin="2024-05-03",
                              finish="2024-05-03"))]
    art.ensure_id()
    tl = build_timeline([art], [])
    assert [e.title for e in tl.entries] == ["Fired (port)"]
