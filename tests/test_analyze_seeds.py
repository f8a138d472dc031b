"""Issue 3 integration: ingest + analyze the two seed articles (examples/corpus).

Each assertion is its own test so a report shows which stage meets the seed expectations.
"""

from __future__ import annotations

import pytest

from storyline import Storyline
from storyline.model import Article
from tests.conftest import SEEDS

SEED_FILES = ["000_7de9530290a86b4e.txt", "002_226d504da43a5268.txt"]
_CACHE: dict[str, dict[str, Article]] = {}


@pytest.fixture
def seeds(app: Storyline) -> dict[str, Article]:
    """The analyzed seed articles by publication date (ingested and analyzed once per backend:
    the assertions are split into tests only to report each expectation separately)."""
    backend = app.store.dialect
    if backend not in _CACHE:
        ingested = app.ingest([SEEDS / name for name in SEED_FILES])
        assert ingested.ingested == 2 and ingested.ok, ingested.to_dict()
        analyzed = app.analyze()
        assert analyzed.analyzed == 2 and analyzed.ok, analyzed.to_dict()
        articles = {a.published or "": a for a in app.store.iter_articles()}
        assert set(articles) == {"2025-05-09", "2025-06-15"}, list(articles)
        _CACHE[backend] = articles
    return _CACHE[backend]


def _people(article: Article) -> set[str]:
    return {e.canonical for e in article.entities if e.label == "PERSON"}


def test_canonical_people(seeds: dict[str, Article]) -> None:
    may, june = seeds["2025-05-09"], seeds["2025-06-15"]
    assert {"Vladimir Putin", "Xi Jinping", "Yuri Ushakov"} <= _people(may)
    assert {"Vladimir Putin", "Xi Jinping", "Sergei Shoigu", "Chen Wenqing"} <= _people(june)
    for article in (may, june):
        # "Mr Putin", "Putin's", "Xi", "Shoigu" all resolved to the full names.
        assert not _people(article) & {"Putin", "Xi", "Shoigu", "Ushakov", "Mr Putin"}


def test_roles(seeds: dict[str, Article]) -> None:
    roles = {(e.canonical, e.role) for a in seeds.values() for e in a.entities if e.role}
    assert ("Yuri Ushakov", "foreign policy adviser") in roles
    assert ("Sergei Shoigu", "Kremlin Security Council Secretary") in roles
    assert ("Xi Jinping", "Chinese leader") in roles


def test_places_and_organisations(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        names = {(e.label, e.canonical) for e in article.entities}
        assert {("GPE", "China"), ("GPE", "Russia"), ("ORG", "Kremlin")} <= names


def test_numbers(seeds: dict[str, Article]) -> None:
    may, june = seeds["2025-05-09"], seeds["2025-06-15"]
    troops = [n for n in may.numbers if n.value == 12000]
    assert troops and troops[0].counts == "troops" and troops[0].approx == "more than"
    assert any(n.value == 500 and n.counts == "military equipment" for n in may.numbers)
    trade = [n for n in june.numbers if n.value == 245e9]
    assert trade and (trade[0].unit, trade[0].kind, trade[0].counts) == (
        "USD", "money", "bilateral trade")
    assert not [n for n in may.numbers + june.numbers if n.value in (2015, 2022, 2024)]


def test_end_of_august(seeds: dict[str, Article]) -> None:
    may = seeds["2025-05-09"]
    hits = [t for t in may.timexes if "end of August" in t.text]
    assert hits, [t.text for t in may.timexes]
    assert (hits[0].value, hits[0].mod) == ("2025-08", "END")


def test_this_september(seeds: dict[str, Article]) -> None:
    june = seeds["2025-06-15"]
    hits = [t for t in june.timexes if t.text.lower().endswith("this september")]
    assert hits, [t.text for t in june.timexes]
    assert hits[0].value == "2025-09"


def test_quotes_attributed(seeds: dict[str, Article]) -> None:
    may, june = seeds["2025-05-09"], seeds["2025-06-15"]
    may_speakers = {q.speaker for q in may.quotes}
    june_speakers = {q.speaker for q in june.quotes}
    assert "Yuri Ushakov" in may_speakers, [(q.speaker, q.text[:40]) for q in may.quotes]
    assert "Sergei Shoigu" in june_speakers, [(q.speaker, q.text[:40]) for q in june.quotes]
    ushakov = [q for q in may.quotes if q.speaker == "Yuri Ushakov"]
    assert any("10 years ago" in q.text for q in ushakov)
