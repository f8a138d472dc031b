"""What the story layer returns: ledger, timeline and story view (shared by CLI, web, reports).

Every value a user sees carries ``Evidence``: the article, its sentence, and the character
span of the value inside ``Article.text``, so a claim can always be checked at its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..store import StoryRow

# Fact statuses, from the reader's point of view.
CORROBORATED = "corroborated"  # two or more independent sources agree (syndicated copies count once)
SINGLE_SOURCE = "single-source"  # only one independent source states it
CONFLICTING = "conflicting"  # sources give incompatible values after normalization
UPDATED = "updated"  # a tally that grows with publication time ("death toll rose to 15")


@dataclass
class Evidence:
    article_id: str
    outlet: str | None
    published: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    start: int  # span of the value itself in the article text
    end: int
    text: str  # the value's surface text ("the end of August")
    syndication_group: str | None = None


@dataclass
class FactValue:
    value: str  # display form: "late August 2025", "Beijing", "Yuri Ushakov", "$245 billion"
    normalized: dict[str, Any]  # machine form: {"begin":..,"finish":..} / {"amount":..,"unit":..}
    evidence: list[Evidence] = field(default_factory=list)
    sources: int = 0  # independent sources stating it (syndication groups counted once)


@dataclass
class Fact:
    slot: str  # event_date | place | participants | announcer | number:<what> | attribution
    label: str  # human question or description: "When will Putin travel to China?"
    status: str  # CORROBORATED | SINGLE_SOURCE | CONFLICTING
    values: list[FactValue] = field(default_factory=list)
    note: str | None = None  # why: "end of August (Aug 21-31) and September are disjoint"
    background: bool = False  # about an earlier event (a 2015 figure in a 2025 story)


@dataclass
class Ledger:
    story_id: str
    facts: list[Fact] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # id, outlet, published, title, syndication_group
    main_event: str | None = None  # "Vladimir Putin will travel to China": what the facts are about

    def by_status(self, status: str) -> list[Fact]:
        return [f for f in self.facts if f.status == status]


@dataclass
class TimelineEntry:
    date: str | None  # TimeML value of the event time ("2024-05", "2025-08" ...)
    begin: str | None  # ISO day interval, for sorting and drawing
    finish: str | None
    type: str  # visit | meeting | summit | agreement | announcement | ...
    title: str  # "Vladimir Putin visits China"
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    planned: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    inferred: str | None = None  # why an actor is included though not named (host country)
    when: str | None = None  # the date in words ("late August 2025"): never a raw TimeML code
    date_inferred: bool = False  # the date rests on an inferred document date (no pub. date)

    def shown_date(self) -> str:
        """The date as a reader sees it: words, marked when it rests on an inferred date."""
        text = self.when or self.date or "?"
        return text + (" (inferred)" if self.date_inferred else "")


@dataclass
class Timeline:
    actors: list[str]
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass
class ThreadLink:
    a: str  # the earlier story
    b: str  # the later story
    shared: list[str]  # key entities both stories are about
    cosine: float  # centroid similarity
    gap_days: int | None  # days between the end of a and the start of b (0: overlapping)


@dataclass
class Thread:
    id: str  # "t" + id of its earliest story
    stories: list[StoryRow] = field(default_factory=list)  # in date order
    links: list[ThreadLink] = field(default_factory=list)  # the evidence

    @property
    def title(self) -> str:
        return self.stories[0].title or self.id if self.stories else self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "size": len(self.stories),
                "first_published": self.stories[0].first_published if self.stories else None,
                "last_published": max((s.last_published or "" for s in self.stories),
                                      default="") or None,
                "stories": [s.__dict__ for s in self.stories],
                "links": [link.__dict__ for link in self.links]}


@dataclass
class StoryView:
    story: StoryRow
    articles: list[Article]
    ledger: Ledger
    timeline: Timeline
    # Extractive summary: storyline.stories.summary.SummarySentence items, leads first.
    summary: list[Any] = field(default_factory=list)
