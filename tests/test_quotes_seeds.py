"""The quotes stage on the two seed articles (examples/corpus)."""

from __future__ import annotations

import pytest

from storyline.config import default_options
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[Quote]]:
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = pipeline(Article(text=path.read_text("utf-8")))
        out[path.name] = article.quotes
    return out


def _find(quotes: list[Quote], fragment: str) -> Quote:
    for q in quotes:
        if fragment in q.text:
            return q
    raise AssertionError(f"no quote containing {fragment!r} in {[q.text for q in quotes]}")


def _all(seeds: dict[str, list[Quote]]) -> list[Quote]:
    return [q for quotes in seeds.values() for q in quotes]


def test_ushakov_direct_quote(seeds: dict[str, list[Quote]]) -> None:
    q = _find(_all(seeds), "This was the case 10 years ago")
    assert q.kind == "direct"
    assert q.cue == "say"
    assert q.speaker_text == "Mr Ushakov"
    assert q.speaker == "Yuri Ushakov"  # needs the entities stage's canonical names


def test_ushakov_indirect_quote(seeds: dict[str, list[Quote]]) -> None:
    q = _find(_all(seeds), "the visit will be part of a")
    assert q.kind == "indirect"
    assert q.cue == "tell"
    assert q.speaker == "Yuri Ushakov"
    assert q.speaker_text is not None and q.speaker_text.endswith("Yuri Ushakov")


def test_shoigu_direct_and_announcement(seeds: dict[str, list[Quote]]) -> None:
    quotes = _all(seeds)
    q = _find(quotes, "Moscow and Beijing firmly support each other")
    assert (q.kind, q.cue, q.speaker_text) == ("direct", "say", "Shoigu")
    # A multi-sentence quote is kept whole.
    assert "best period in their history" in q.text
    ann = next(q for q in quotes if q.cue == "announce" and q.text.startswith("the visit"))
    assert ann.speaker == "Sergei Shoigu"
    assert q.speaker == "Sergei Shoigu"


def test_putin_and_xi_quotes(seeds: dict[str, list[Quote]]) -> None:
    quotes = _all(seeds)
    putin = _find(quotes, "I am very happy for this new meeting")
    assert putin.kind == "direct" and putin.speaker_text == "Putin"
    assert putin.speaker == "Vladimir Putin"
    xi = _find(quotes, "The mutual political trust between China and Russia")
    assert xi.kind == "direct" and xi.speaker_text == "Xi"
    assert xi.speaker == "Xi Jinping"


def test_scare_quotes_are_not_quotes(seeds: dict[str, list[Quote]]) -> None:
    for q in _all(seeds):
        assert q.text.strip("“”\" ") != "special military operation"
        assert not q.text.startswith("the War of Resistance")


def test_spans_point_into_the_text() -> None:
    text = "“We will win,” Mayor Ann Cole said. Officials said the road would reopen."
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())
    article = pipeline(Article(text=text))
    assert len(article.quotes) == 2
    for q in article.quotes:
        assert q.cue_start is not None and q.cue_end is not None
        assert text[q.cue_start:q.cue_end] == "said"
        assert q.speaker_start is not None and q.speaker_end is not None
        assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        assert q.text in text[q.start:q.end]
