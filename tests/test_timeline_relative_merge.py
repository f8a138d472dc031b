"""One event reported with different relative wording by several articles is one entry."""

from __future__ import annotations

from storyline.model import Article, Event, Timex
from storyline.stories.timeline import build_timeline


def _article(aid: str, day: str, words: str, anchor: str = "dct") -> Article:
    text = f"Michael Steele resigned {words}."
    tx = Timex(24, 24 + len(words), words, "DATE", day, begin=day, finish=day,
               granularity="day", anchor=anchor)
    ev = Event(0, len(text), text, "resignation", "resigned", actors=["Michael Steele"],
               time=tx)
    return Article(id=aid, text=text, sentences=[(0, len(text))], events=[ev])


def test_a_day_apart_in_two_articles_is_one_entry() -> None:
    tl = build_timeline([_article("a", "2010-07-02", "on Friday"),
                         _article("b", "2010-07-03", "over the weekend")], ["Michael Steele"])
    assert len(tl.entries) == 1
    assert {ev.article_id for ev in tl.entries[0].evidence} == {"a", "b"}


def test_days_further_apart_stay_apart() -> None:
    tl = build_timeline([_article("a", "2010-07-02", "on Friday"),
                         _article("b", "2010-07-05", "on Monday")], ["Michael Steele"])
    assert len(tl.entries) == 2


def test_entry_dates_are_words_marked_inferred() -> None:
    art = _article("a", "2010-07-02", "on Friday", anchor="inferred")
    art.events[0].time.value = "2010-07-02TNI"  # type: ignore[union-attr]
    (entry,) = build_timeline([art], ["Michael Steele"]).entries
    assert entry.shown_date() == "the night of 2 July 2010 (inferred)"
