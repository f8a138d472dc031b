"""Who covered a story and when: one row per outlet, its articles on a date line, the first
report marked, optionally grouped by an outlet profile column (country, owner, a user's
own "lean" column...).

Syndicated copies and duplicates stay visible as articles (coverage is about who ran it),
but the first report is the earliest dated article of the story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..outlets import outlet_label, profile_for

NO_VALUE = "(no profile value)"  # group of outlets whose profile lacks the column


@dataclass
class CoveredArticle:
    article_id: str
    title: str | None
    published: str | None
    first: bool = False  # the story's earliest dated report (ties: all of that day)


@dataclass
class OutletCoverage:
    outlet: str
    group: str | None
    articles: list[CoveredArticle] = field(default_factory=list)

    @property
    def first_published(self) -> str | None:
        dates = [a.published for a in self.articles if a.published]
        return min(dates) if dates else None

    @property
    def broke_it(self) -> bool:
        return any(a.first for a in self.articles)


@dataclass
class Coverage:
    outlets: list[OutletCoverage]  # grouped (when group_by), then by first report
    group_by: str | None
    columns: list[str]  # profile columns one can group by
    first_published: str | None

    @property
    def groups(self) -> list[tuple[str | None, list[OutletCoverage]]]:
        out: dict[str | None, list[OutletCoverage]] = {}
        for o in self.outlets:
            out.setdefault(o.group, []).append(o)
        return list(out.items())


def profile_columns(profiles: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Columns of the imported profiles worth grouping by (not the domain and name)."""
    cols = dict.fromkeys(k for p in profiles.values() for k, v in p.items()
                         if k not in ("domain", "name") and v not in (None, ""))
    return list(cols)


def build_coverage(articles: Sequence[Article], profiles: Mapping[str, Mapping[str, Any]],
                   group_by: str | None = None) -> Coverage:
    columns = profile_columns(profiles)
    if group_by not in columns:
        group_by = None
    dates = [a.published for a in articles if a.published]
    first = min(dates) if dates else None
    by_outlet: dict[str, OutletCoverage] = {}
    for a in sorted(articles, key=lambda a: (a.published or "9999", a.id)):
        name = outlet_label(a.outlet)
        group = None
        if group_by:
            prof = profile_for(a.outlet, a.url, profiles) or {}
            group = str(prof.get(group_by) or NO_VALUE)
        item = by_outlet.setdefault(name, OutletCoverage(name, group))
        item.articles.append(CoveredArticle(a.id, a.title, a.published,
                                            first=bool(first) and a.published == first))
    outlets = sorted(by_outlet.values(),
                     key=lambda o: (o.group == NO_VALUE, o.group or "",
                                    o.first_published or "9999", o.outlet))
    return Coverage(outlets, group_by, columns, first)
