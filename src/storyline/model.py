"""The data that flows through the pipeline.

An ``Article`` is created by ingest from one input record and enriched by stages. Every
annotation carries character offsets into ``Article.text`` (the cleaned text), so any value
shown to a user can be traced back to its sentence.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_id(text: str) -> str:
    """Stable id for a piece of cleaned text: re-ingesting the same article is a no-op."""
    normalized = " ".join(text.split()).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass
class Entity:
    """One mention of a named entity, linked to its canonical name."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT...
    canonical: str  # "Vladimir Putin" for "Mr Putin"
    role: str | None = None  # "Russian President" stripped from the mention


@dataclass
class Timex:
    """A temporal expression normalized against the article's anchor date (TimeML-style)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TimeML value: 2025-08, 2025-W19, P3Y, PRESENT_REF, XXXX-09...
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER...
    begin: str | None = None  # ISO date, first day of the interval (None if unresolvable)
    finish: str | None = None  # ISO date, last day of the interval (inclusive)
    granularity: str | None = None  # day, week, month, quarter, season, year, decade...
    anchor: str = "dct"  # dct | inferred | none


@dataclass
class InferredDate:
    """When an undated article was probably written, inferred from its text (docs/temporal.md,
    "Document dates"). Never replaces ``Article.published``; relative dates resolved against it
    are marked ``anchor="inferred"``."""

    begin: str  # ISO date, first possible day (inclusive)
    finish: str  # ISO date, last possible day (inclusive)
    confidence: float  # 0..1: dateline 0.9, arithmetic cues ~0.7, tense bounds 0.3-0.5
    anchor: str  # ISO date relative expressions were resolved against (inside the interval)
    cues: list[str] = field(default_factory=list)  # "dateline: Updated 4/11/2007", ...

    def display(self) -> str:
        span = self.begin if self.begin == self.finish else f"{self.begin}..{self.finish}"
        return f"{span} (inferred, confidence {self.confidence:.2f})"


@dataclass
class Quote:
    """A direct or indirect quote or another attribution: who said (thought, wanted,
    criticized…) what, with which cue word."""

    start: int  # content span
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    speaker: str | None = None  # canonical entity name, or the raw source text
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    # What is attributed: speech | belief | intention | evaluation | perception | knowledge
    # (docs/quotes.md). Annotations stored before the field existed load as "speech".
    type: str = "speech"


@dataclass
class Number:
    """A number with what it counts: '12,000 troops', '$245 billion in bilateral trade'."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # USD, %, troops... (currency code for money)
    counts: str | None = None  # the thing counted: "troops", "bilateral trade"
    kind: str = "count"  # count | money | percent | ordinal | measure
    approx: str | None = None  # "more than", "nearly", "about"...
    predicate: str | None = None  # verb lemma the counted thing takes part in: "kill", "injure"
    holder: str | None = None  # whose figure: subject or possessor ("Brand's 15 points")
    additive: bool = False  # an increment or part ("two more", "another five"), not a total


@dataclass
class Event:
    """Who did what with whom, where and when, found in one sentence."""

    start: int  # sentence span
    end: int
    sentence: str
    type: str  # visit, meeting, summit, agreement, announcement, ...
    trigger: str
    actors: list[str] = field(default_factory=list)  # canonical entity names
    place: str | None = None
    time: Timex | None = None
    planned: bool = False  # future/announced rather than happened


@dataclass
class Article:
    """One news article as it moves through the pipeline."""

    id: str = ""
    text: str = ""
    raw: str = ""  # the input as read (HTML or scraped text); not persisted for big inputs
    format: str = "text"  # html | text | json | feed | warc
    source_path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None: never invented
    published_source: str | None = None  # metadata | html | text | sidecar | None
    inferred_date: InferredDate | None = None  # set by "temporal" when ``published`` is None
    language: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    embedding: list[float] | None = None
    duplicate_of: str | None = None  # exact or near duplicate: the canonical article id
    syndication_group: str | None = None  # wire reprints share one group id
    story_id: str | None = None
    removed: list[str] = field(default_factory=list)  # boilerplate lines the cleaner dropped
    meta: dict[str, Any] = field(default_factory=dict)  # free-form extras (per-stage notes)
    # Transient: the spaCy Doc set by the "parse" stage, shared by later stages; never stored.
    doc: Any = field(default=None, repr=False, compare=False)

    def ensure_id(self) -> str:
        if not self.id:
            self.id = content_id(self.text)
        return self.id

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready); the transient ``doc`` is left out."""
        doc, self.doc = self.doc, None
        try:
            data = dataclasses.asdict(self)
        finally:
            self.doc = doc
        del data["doc"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["entities"] = [Entity(**e) for e in data.get("entities") or []]
        data["timexes"] = [Timex(**t) for t in data.get("timexes") or []]
        data["quotes"] = [Quote(**q) for q in data.get("quotes") or []]
        data["numbers"] = [Number(**n) for n in data.get("numbers") or []]
        events = []
        for ev in data.get("events") or []:
            ev = dict(ev)
            if ev.get("time"):
                ev["time"] = Timex(**ev["time"])
            events.append(Event(**ev))
        data["events"] = events
        data["sentences"] = [tuple(s) for s in data.get("sentences") or []]
        if isinstance(data.get("inferred_date"), dict):
            data["inferred_date"] = InferredDate(**data["inferred_date"])
        known = {f.name for f in dataclasses.fields(cls)} - {"doc"}
        return cls(**{k: v for k, v in data.items() if k in known})

    def written(self) -> tuple[str, str] | None:
        """(first, last) ISO day the article may have been written: the publication date, else
        the inferred document date's interval, else None."""
        if self.published:
            return self.published[:10], self.published[:10]
        if self.inferred_date is not None:
            return self.inferred_date.begin, self.inferred_date.finish
        return None

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence containing ``offset`` (whole text if unknown)."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)
