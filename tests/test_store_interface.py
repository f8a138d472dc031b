"""The Store interface, run against every configured backend (SQLite; PostgreSQL in CI)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import select

from storyline.errors import NotFound
from storyline.model import Article, Entity, Event, Number, Quote, Timex
from storyline.store import Store, StoryRow, schema
from storyline.store.migrations import MIGRATIONS


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store(store_url)
    yield s
    s.close()


def _article(text: str, **kw: object) -> Article:
    return Article(text=text, **kw)  # type: ignore[arg-type]


def _annotated() -> Article:
    text = ('Putin will visit China at the end of August, Yuri Ushakov said. '
            'Trade reached $245 billion. "We are ready," Xi said.')
    return Article(
        text=text, title="Putin to visit China", outlet="Example Wire",
        published="2025-05-09", published_source="sidecar", url="https://example.org/a",
        sentences=[(0, 64), (65, 92), (93, len(text))],
        entities=[Entity(0, 5, "Putin", "PERSON", "Vladimir Putin"),
                  Entity(17, 22, "China", "GPE", "China"),
                  Entity(46, 57, "Yuri Ushakov", "PERSON", "Yuri Ushakov", role="aide")],
        timexes=[Timex(23, 44, "the end of August", "DATE", "2025-08", mod="END",
                       begin="2025-08-21", finish="2025-08-31", granularity="month")],
        numbers=[Number(80, 92, "$245 billion", 245e9, unit="USD", counts="trade",
                        kind="money")],
        quotes=[Quote(94, 107, "We are ready,", "direct", speaker="Xi Jinping", cue="said")],
        events=[Event(0, 64, text[:64], "visit", "visit", actors=["Vladimir Putin"],
                      place="China", time=Timex(23, 44, "the end of August", "DATE", "2025-08"),
                      planned=True)],
        meta={"note": "x"}, removed=["Subscribe now"],
    )


def test_migrations_are_recorded_once(store_url: str) -> None:
    first = Store(store_url)
    second = Store(store_url)  # re-opening applies nothing new
    with second.engine.connect() as conn:
        versions = list(conn.execute(select(schema.schema_migrations.c.version)).scalars())
    assert sorted(versions) == [v for v, _, _ in MIGRATIONS]
    first.close()
    second.close()


def test_add_and_get_round_trips_annotations(store: Store) -> None:
    a = _annotated()
    assert store.add_articles([a]) == 1
    got = store.get_article(a.id)
    assert got.to_dict() == {**a.to_dict(), "embedding": None}
    assert got.timexes[0].begin == "2025-08-21"
    assert got.events[0].time is not None and got.events[0].time.value == "2025-08"
    assert got.sentences == [(0, 64), (65, 92), (93, len(a.text))]


def test_re_adding_same_content_is_a_no_op(store: Store) -> None:
    a = _article("Same text here.")
    b = _article("  same   TEXT here. ")  # same content id after normalization
    assert store.add_articles([a, b]) == 1
    assert store.add_articles([_article("Same text here.")]) == 0
    assert store.count_articles() == 1


def test_id_prefix_lookup_and_not_found(store: Store) -> None:
    a = _article("Prefix lookup works.")
    store.add_articles([a])
    assert store.get_article(a.id[:6]).id == a.id
    assert store.has_article(a.id) and not store.has_article("0" * 16)
    with pytest.raises(NotFound):
        store.get_article("zzzz")


def test_list_filters_and_ordering(store: Store) -> None:
    store.add_articles([
        _article("Old one.", published="2025-01-01", outlet="A"),
        _article("New one.", published="2025-06-15", outlet="B"),
        _article("Undated one.", outlet="A"),
        _annotated(),
    ])
    rows = store.list_articles()
    # Newest first, undated last on both backends.
    assert [r["published"] for r in rows] == ["2025-06-15", "2025-05-09", "2025-01-01", None]
    assert {r["outlet"] for r in store.list_articles(outlet="A")} == {"A"}
    assert [r["published"] for r in store.list_articles(since="2025-05-01")] == [
        "2025-06-15", "2025-05-09"]
    assert [r["published"] for r in store.list_articles(until="2025-02-01")] == ["2025-01-01"]
    [hit] = store.list_articles(entity="Yuri Ushakov")
    assert hit["title"] == "Putin to visit China" and hit["chars"] > 0
    assert len(store.list_articles(limit=2, offset=3)) == 1


def test_iter_articles_filters_by_analyzed_and_ids(store: Store) -> None:
    plain, rich = _article("Not analyzed yet."), _annotated()
    store.add_articles([plain, rich])
    assert [a.id for a in store.iter_articles(analyzed=False)] == [plain.id]
    assert [a.id for a in store.iter_articles(analyzed=True)] == [rich.id]
    assert [a.id for a in store.iter_articles(ids=[plain.id])] == [plain.id]
    plain.entities = [Entity(0, 3, "Not", "ORG", "Not Inc")]
    plain.sentences = [(0, 17)]
    store.save_annotations([plain])
    assert {a.id for a in store.iter_articles(analyzed=True)} == {plain.id, rich.id}
    assert store.get_article(plain.id).entities[0].canonical == "Not Inc"


def test_iter_articles_streams_more_than_one_batch(store: Store) -> None:
    store.add_articles([_article(f"Article number {i}.") for i in range(25)])
    assert len(list(store.iter_articles(batch=7))) == 25


def test_full_text_search(store: Store) -> None:
    a = _annotated()
    store.add_articles([a, _article("Nothing about that here.", title="Weather")])
    hits = store.search("Ushakov")
    assert [h.id for h in hits] == [a.id]
    assert "Ushakov" in hits[0].snippet
    assert store.search("Putin-Xi AND") is not None  # user input is never query syntax
    assert store.search("   ") == []
    assert store.search("zebrafish") == []


def test_nul_characters_are_stored_without_moving_offsets(store: Store) -> None:
    a = _article("Bad\x00byte in text.", title="t\x00")
    store.add_articles([a])
    got = store.get_article(a.id)
    assert len(got.text) == len(a.text) and got.text.endswith("byte in text.")


def test_fingerprints_and_embeddings(store: Store) -> None:
    a, b = _article("First."), _article("Second.")
    store.add_articles([a, b])
    store.save_fingerprint(a.id, np.array([1, 2**63 + 5], dtype=np.uint64))
    store.save_fingerprint(a.id, np.array([3, 4], dtype=np.uint64))  # replaces
    assert [(i, v.tolist()) for i, v in store.iter_fingerprints()] == [(a.id, [3, 4])]
    store.save_embedding(a.id, "m1", np.array([0.5, -1.0], dtype=np.float32))
    store.save_embedding(b.id, "m2", np.array([1.0, 2.0, 3.0]))
    assert dict((i, v.tolist()) for i, v in store.iter_embeddings("m1")) == {a.id: [0.5, -1.0]}
    assert len(list(store.iter_embeddings())) == 2


def test_stories_upsert_filter_and_delete(store: Store) -> None:
    a = _annotated()
    other = _article("Unrelated article.", outlet="Other", published="2024-01-01")
    store.add_articles([a, other])
    store.upsert_story(StoryRow("s1", "Putin visit", 1, "2025-05-09", "2025-05-09",
                                {"entities": ["Vladimir Putin"]}))
    store.upsert_story(StoryRow("s1", "Putin visit to China", 2, "2025-05-09", "2025-06-15",
                                {"entities": ["Vladimir Putin"]}))
    store.upsert_story(StoryRow("s2", "Other", 1, "2024-01-01", "2024-01-01", {}))
    store.set_fields(a.id, story_id="s1")
    store.set_fields(other.id, story_id="s2")
    assert store.get_story("s1").title == "Putin visit to China"
    assert [s.id for s in store.list_stories()] == ["s1", "s2"]
    assert [s.id for s in store.list_stories(query="china")] == ["s1"]
    assert [s.id for s in store.list_stories(query="vladimir")] == ["s1"]
    assert [s.id for s in store.list_stories(since="2025-01-01")] == ["s1"]
    assert [s.id for s in store.list_stories(until="2024-06-01")] == ["s2"]
    assert [s.id for s in store.list_stories(outlet="Other")] == ["s2"]
    assert [s.id for s in store.list_stories(entity="Yuri Ushakov")] == ["s1"]
    assert [r["id"] for r in store.list_articles(story_id="s1")] == [a.id]
    store.delete_stories()
    assert store.list_stories() == []
    assert store.get_article(a.id).story_id is None
    with pytest.raises(NotFound):
        store.get_story("s1")


def test_entity_names_prefix_is_case_insensitive(store: Store) -> None:
    store.add_articles([_annotated()])
    names = store.entity_names("yuri")
    assert names == [("Yuri Ushakov", "PERSON", 1)]
    assert {n for n, _, _ in store.entity_names()} == {"Vladimir Putin", "China", "Yuri Ushakov"}


def test_failures_are_recorded_newest_first(store: Store) -> None:
    store.record_failure("a.html", "empty after cleaning", "clean")
    store.record_failure("b.warc.gz", "truncated archive")
    rows = store.list_failures()
    assert [(r["source"], r["stage"]) for r in rows] == [("b.warc.gz", None), ("a.html", "clean")]
