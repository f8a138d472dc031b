"""Quotation-mark scanning (no spaCy needed)."""

from __future__ import annotations

from storyline.analyze.quotes.marks import find_segments


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(text)]


def test_curly_and_straight_quotes() -> None:
    text = "“One,” he said. \"Two,\" she said."
    assert _texts(text) == ["One,", "Two,"]


def test_apostrophes_are_not_quotes() -> None:
    text = "China’s trade and Russia’s exports grew, the ministers’ report said."
    assert _texts(text) == []


def test_single_curly_quotes_at_top_level() -> None:
    assert _texts("Trump was ‘mocking’ Clinton camp") == ["mocking"]


def test_multi_paragraph_quote_shares_a_group() -> None:
    text = "He said: “First part.\n\n“Second part.”\n\n“Another quote.”"
    segs = find_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["First part.", "Second part.",
                                                   "Another quote."]
    assert segs[0].group == segs[1].group != segs[2].group
    assert not segs[0].closed and segs[1].closed


def test_straight_quote_after_a_word_does_not_open() -> None:
    assert _texts('The 12" record was "a hit" in May') == ["a hit"]


def test_closing_mark_typed_at_paragraph_start_opens() -> None:
    assert _texts("”We are ashamed.” ― Jane Roe") == ["We are ashamed."]
