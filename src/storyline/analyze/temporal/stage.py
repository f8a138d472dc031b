"""The pipeline stage "temporal": anchor each article, then normalize its expressions.

The anchor is the publication date when the article has one; otherwise the document date
inferred from the text (``docdate``), whose dependent values are marked ``inferred``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...config import Options
from ...model import Article, InferredDate, Timex
from ...pipeline import StageFn, registry
from . import intervals as iv
from .docdate import infer_document_date, is_wide
from .normalize import find_timexes

_YEAR_PREFIX = re.compile(r"^\d{4}")


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def choose_anchor(article: Article) -> tuple[dt.date | None, str]:
    """(anchor date, kind): the publication date ("dct"); else the inferred document date's
    anchor ("inferred"); else (None, "none")."""
    published = _parse_day(article.published)
    if published is not None:
        return published, "dct"
    _, inferred = _inferred(article)
    return (dt.date.fromisoformat(inferred.anchor), "inferred") if inferred else (None, "none")


def _inferred(article: Article) -> tuple[list[Timex], InferredDate | None]:
    """The article's expressions resolved against nothing, and the document date they and
    its dateline or URL suggest (for an article without a publication date)."""
    unanchored = find_timexes(article.text, None, doc=article.doc)
    return unanchored, infer_document_date(article.text, unanchored, article.doc,
                                           dateline=_dateline(article.text, article.url))


def _dateline(text: str, url: str | None = None) -> tuple[str, str] | None:
    from ...clean.metadata import find_dateline

    return find_dateline(text, url)


def resolve_inferred(text: str, inferred: InferredDate, unanchored: list[Timex], doc: Any = None,
                     *, past_slack_days: int | None = None,
                     year_by_tense: bool | None = None) -> list[Timex]:
    """Resolve against an inferred date. Values that do not depend on it keep anchor "none";
    when the interval is wide, words that move with the anchor ("this week", "Friday") are
    only as precise as the interval allows (the year), and "a year ago" names a year."""
    wide = is_wide(inferred)
    anchor = dt.date.fromisoformat(inferred.anchor)
    found = find_timexes(text, anchor, anchor_kind="inferred", doc=doc, fine_single_ago=not wide,
                         past_slack_days=past_slack_days, year_by_tense=year_by_tense)
    plain = {(t.start, t.end): t for t in unanchored}
    ends: dict[tuple[int, int], list[str]] = {}
    if wide and any("X" in t.value for t in unanchored):  # else nothing moves with it
        first = dt.date.fromisoformat(inferred.begin)
        # A month later changes the week or day a deictic word names, not the month-day of
        # "September 3" (whose year only is chosen).
        for day in (first, first + dt.timedelta(days=45), dt.date.fromisoformat(inferred.finish)):
            for t in find_timexes(text, day, doc=doc,
                                  fine_single_ago=False, past_slack_days=past_slack_days,
                                  year_by_tense=year_by_tense):
                ends.setdefault((t.start, t.end), []).append(t.value)
    for t in found:
        same = plain.get((t.start, t.end))
        if same is not None and (same.value, same.begin) == (t.value, t.begin):
            t.anchor = "none"  # an explicit date: the inferred anchor played no part
            continue
        values = ends.get((t.start, t.end), [])
        if len({_YEAR_PREFIX.sub("", v) for v in values}) > 1 and t.begin:
            _coarsen(t)
        elif wide and t.value == "PRESENT_REF":
            t.begin, t.finish = inferred.begin, inferred.finish
    return found


def _coarsen(t: Timex) -> None:
    """A day or week word resolved against a date known only to the year: keep the year."""
    t.type, t.mod, t.value = "DATE", None, t.begin[:4] if t.begin else t.value
    t.begin, t.finish, t.granularity = iv.interval(t.value, None)


class Temporal:
    """Find and normalize temporal expressions (TimeML TIMEX3 values, day intervals)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.slack = options.temporal.past_year_slack_days
        self.by_tense = options.temporal.year_by_tense

    def __call__(self, article: Article) -> Article:
        published = _parse_day(article.published)
        if published is not None:
            article.timexes = find_timexes(article.text, published, doc=article.doc,
                                           past_slack_days=self.slack,
                                           year_by_tense=self.by_tense)
            article.inferred_date = None
            article.meta["temporal_anchor"] = {"date": published.isoformat(), "kind": "dct"}
            return article
        unanchored, inferred = _inferred(article)
        article.inferred_date = inferred
        if inferred is None:
            article.timexes = unanchored
            article.meta["temporal_anchor"] = {"date": None, "kind": "none"}
            return article
        article.timexes = resolve_inferred(article.text, inferred, unanchored, article.doc,
                                           past_slack_days=self.slack,
                                           year_by_tense=self.by_tense)
        article.meta["temporal_anchor"] = {"date": inferred.anchor, "kind": "inferred"}
        return article


@registry.stage("temporal", requires=("text",), assigns=("timexes",))
def make_temporal(options: Options) -> StageFn:
    """Normalize dates, times, durations and sets against the publication date (or, for an
    undated article, the document date inferred from its text)."""
    return Temporal(options)
