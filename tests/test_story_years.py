"""Year evidence for story assignment: a date resting on a guessed page date is none."""

from __future__ import annotations

import numpy as np

from storyline.model import Article, InferredDate, Timex
from storyline.stories.features import article_features, year_counts


def _timex(begin: str, anchor: str) -> Timex:
    return Timex(0, 4, "x", "DATE", begin[:4], begin=begin, finish=begin,
                 granularity="year", anchor=anchor)


def test_written_explicit_and_dated_years_count() -> None:
    a = Article(text="The 2008 quake.", published="2009-05-01",
                timexes=[_timex("2008-01-01", "dct"), _timex("2009-01-01", "dct")])
    assert year_counts(a) == {"2008": 2, "2009": 1}  # written + dated; "last year" in a dated page
    undated = Article(text="In March 2008 a quake.", timexes=[_timex("2008-03-01", "none")])
    assert year_counts(undated) == {"2008": 2}  # written + an explicit date: no anchor needed


def test_years_resting_on_a_guessed_page_date_are_no_evidence() -> None:
    for confidence in (0.25, 0.9):  # tense bounds ... a dateline: both only a guess
        guess = InferredDate("2013-06-30", "2013-06-30", confidence, "2013-06-30")
        a = Article(id="a", text="Ann Lee spoke in 2012 and again on Tuesday.",
                    inferred_date=guess, timexes=[_timex("2013-06-25", "inferred")])
        assert year_counts(a) == {"2012": 1}
        f = article_features(a, np.ones(4, dtype=np.float32))
        assert "year:2013" not in f.entity_vec and "year:2012" in f.entity_vec
