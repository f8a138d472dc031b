"""The pipeline stage "temporal": anchor each article, then normalize its expressions."""

from __future__ import annotations

import datetime as dt
import re

from ...config import Options
from ...model import Article, Timex
from ...pipeline import StageFn, registry
from .normalize import find_timexes

_FULL_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)")


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def choose_anchor(article: Article) -> tuple[dt.date | None, str]:
    """(anchor date, kind): the publication date ("dct"); else the latest explicit full
    date written in the text ("inferred"); else (None, "none")."""
    anchor, kind, _ = _anchor_and_unanchored(article)
    return anchor, kind


def _anchor_and_unanchored(article: Article) -> tuple[dt.date | None, str, list[Timex] | None]:
    """``choose_anchor`` plus the expressions found without an anchor when it had to look
    (they are the final result when no anchor is found, which saves a second pass)."""
    published = _parse_day(article.published)
    if published is not None:
        return published, "dct", None
    unanchored = find_timexes(article.text, None, doc=article.doc)
    explicit = [m[1] for t in unanchored
                if t.type in ("DATE", "TIME") and (m := _FULL_DATE.match(t.value))]
    days = [d for d in map(_parse_day, explicit) if d is not None]
    if days:
        return max(days), "inferred", unanchored
    return None, "none", unanchored


class Temporal:
    """Find and normalize temporal expressions (TimeML TIMEX3 values, day intervals)."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def __call__(self, article: Article) -> Article:
        anchor, kind, unanchored = _anchor_and_unanchored(article)
        if anchor is None and unanchored is not None:
            article.timexes = unanchored
        else:
            article.timexes = find_timexes(article.text, anchor, anchor_kind=kind,
                                           doc=article.doc, year_switch_days=self.options
                                           .temporal.year_switch_days)
        article.meta["temporal_anchor"] = {
            "date": anchor.isoformat() if anchor else None, "kind": kind}
        return article


@registry.stage("temporal", requires=("text",), assigns=("timexes",))
def make_temporal(options: Options) -> StageFn:
    """Normalize dates, times, durations and sets against the publication date."""
    return Temporal(options)
