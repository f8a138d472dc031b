"""What clustering compares: per-article features and running per-story state.

An article contributes its embedding, its canonical entities (weighted by type: people and
organisations say more about *which* story than countries do), the places it names, its
publication day and the months its dated expressions point at. A story keeps running sums
of the same, so joining is O(1) and the state can be saved and resumed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import numpy as np

from ..analyze.canonical import resolve_people
from ..config import FeatureOptions
from ..model import Article
from .embed import lexical_terms

N = TypeVar("N", int, float)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Dated expressions finer than this identify an event time; years and decades do not.
EVENT_GRANULARITIES = frozenset({"day", "week", "month"})
MAX_EVENT_MONTHS = 3  # a "month" timex spans 1; longer intervals are background, not events
# Explicit years ("in 2013", a dated URL) tell two similar events apart when no publication
# date is known; they join the entity vector as pseudo-entities (stories.features.year_weight).
# How much a mention of each entity type says: stories.features.entity_weights.
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Counters in the saved state are trimmed to their most common keys to bound its size.
STATE_TOP_KEYS = 200
STATE_TOP_TERMS = 400
MAX_HEADLINES = 50


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def sparse_dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def day_number(iso: str | None) -> int | None:
    """Days since 0001-01-01 for an ISO date (None if missing or malformed)."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _months(begin: str, finish: str | None) -> list[str]:
    try:
        start = date.fromisoformat(begin[:10])
        end = date.fromisoformat((finish or begin)[:10])
    except ValueError:
        return []
    out: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(out) <= MAX_EVENT_MONTHS:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out if len(out) <= MAX_EVENT_MONTHS else []


@dataclass
class ArticleFeatures:
    id: str
    vector: np.ndarray
    entities: dict[str, float] = field(default_factory=dict)  # canonical (casefolded) -> weight
    places: set[str] = field(default_factory=set)
    day: int | None = None
    months: set[str] = field(default_factory=set)
    published: str | None = None
    title: str | None = None
    lead: str = ""
    events: list[str] = field(default_factory=list)  # event types, for fallback titles
    names: dict[str, str] = field(default_factory=dict)  # casefolded -> display form
    terms: dict[str, float] = field(default_factory=dict)  # unit lexical vector of the lead
    entity_vec: dict[str, float] = field(default_factory=dict)  # unit: entities + years


def _mentions(article: Article) -> list[tuple[str, str]]:
    """(canonical, label) per entity mention; falls back to raw spaCy entities if the
    entities stage has not run but a parse is at hand."""
    if article.entities:
        return [(e.canonical or e.text, e.label) for e in article.entities]
    if article.doc is not None:
        return _link_short_names([(ent.text, ent.label_) for ent in article.doc.ents])
    return []


def _link_short_names(mentions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Raw-NER fallback: "Reid" -> "Tara Reid" when the longer name occurs in the article,
    by the entities stage's own rule (ambiguous surnames are left as written)."""
    people = resolve_people(Counter(n for n, label in mentions if label == "PERSON"))
    return [(people.get(name, name) if label == "PERSON" else name, label)
            for name, label in mentions]


def year_counts(article: Article) -> Counter[str]:
    """Years as evidence of which event the article covers: each year written in the text,
    plus the year of each date that does not rest on a guess.

    An explicit date ("March 2008", anchor "none") or one resolved against the publication
    date ("last year", "dct") counts once more (a 4-digit number the parser reads as a date
    is surer than a bare number). A date resolved against a document date guessed from the
    text ("inferred") counts nothing, whatever the guess's confidence: measured by
    ``benchmarks/stories_cv.py``, even confidence-weighted, the years of dateline-dated
    pages join different events of the same year (held-out ECB+ 0.868 -> 0.853).
    """
    years = Counter(_YEAR.findall(article.text))
    for t in article.timexes:
        if t.begin and t.anchor in ("none", "dct"):
            years[t.begin[:4]] += 1
    return years


def article_features(article: Article, vector: np.ndarray,
                     weights: FeatureOptions | None = None) -> ArticleFeatures:
    """Features of one article (its embedding computed by the caller); ``weights`` default
    to the packaged ``[stories.features]``."""
    weights = weights or FeatureOptions()
    entity_weights = weights.entity_weights
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, label in _mentions(article):
        key = " ".join(name.split()).casefold()
        if label not in entity_weights or len(key) < 2:
            continue
        counts[key] += 1
        labels.setdefault(key, label)
        names.setdefault(key, " ".join(name.split()))
    # Repeated mentions mark the main actors; log keeps one name from swamping the rest.
    entities = {k: entity_weights[labels[k]] * (1.0 + math.log(n)) for k, n in counts.items()}
    places = {k for k in counts if labels[k] in PLACE_LABELS}
    months: set[str] = set()
    for t in article.timexes:
        if t.anchor == "inferred":
            continue  # resolved against a guessed date: not evidence of the event's time
        if t.begin and t.granularity in EVENT_GRANULARITIES:
            months.update(_months(t.begin, t.finish))
    years = year_counts(article)
    lead = ""
    if article.sentences:
        start, end = article.sentences[0]
        lead = " ".join(article.text[start:end].split())
    else:
        lead = " ".join(article.text[:300].split())
    entity_vec = dict(entities)
    for year, n in years.items():
        entity_vec[f"year:{year}"] = weights.year_weight * (1.0 + math.log(n))
    return ArticleFeatures(
        id=article.id, vector=np.asarray(vector, dtype=np.float32), entities=entities,
        places=places, day=day_number(article.published), months=months,
        published=article.published[:10] if article.published else None,
        title=article.title, lead=lead, events=[e.type for e in article.events], names=names,
        terms=_unit(lexical_terms(article)), entity_vec=_unit(entity_vec),
    )


@dataclass
class StoryState:
    """Running sums for one story; ``centroid()`` is the normalized mean embedding."""

    id: str
    dim: int
    size: int = 0
    vector_sum: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    entity_counts: Counter[str] = field(default_factory=Counter)  # articles naming it
    place_counts: Counter[str] = field(default_factory=Counter)
    month_counts: Counter[str] = field(default_factory=Counter)
    event_counts: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None
    day_sum: float = 0.0  # sum and count of member publication days: the story's date
    day_count: int = 0
    first_published: str | None = None
    last_published: str | None = None
    title_article: str | None = None  # the member closest to the centroid when it joined
    title_text: str | None = None
    title_sim: float = -1.0
    lead_text: str | None = None  # first member's lead: the title of last resort
    # (article id, headline, embedding) of the first MAX_HEADLINES titled members seen in
    # this process; not saved (a story re-clustered from its members gets them back).
    headlines: list[tuple[str, str, np.ndarray]] = field(default_factory=list)
    term_sum: dict[str, float] = field(default_factory=dict)  # sum of member unit vectors
    entity_sum: dict[str, float] = field(default_factory=dict)
    term_norm2: float = 0.0  # squared norms of the sums, kept exact as members join
    entity_norm2: float = 0.0
    slot: int = -1  # key in the ANN index (not persisted)

    def __post_init__(self) -> None:
        if self.vector_sum.size == 0:
            self.vector_sum = np.zeros(self.dim, dtype=np.float32)

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def center_day(self) -> float | None:
        """Mean publication day of the dated members (None if none is dated)."""
        return self.day_sum / self.day_count if self.day_count else None

    def term_cosine(self, a: ArticleFeatures) -> float | None:
        if not a.terms or not self.term_norm2:
            return None
        return sparse_dot(a.terms, self.term_sum) / math.sqrt(self.term_norm2)

    def entity_cosine(self, a: ArticleFeatures) -> float | None:
        if not a.entity_vec or not self.entity_norm2:
            return None
        return sparse_dot(a.entity_vec, self.entity_sum) / math.sqrt(self.entity_norm2)

    def add(self, a: ArticleFeatures) -> None:
        self.size += 1
        self.vector_sum += a.vector
        # |s + a|^2 = |s|^2 + 2 s.a + |a|^2, so the norm stays exact without a rescan.
        self.term_norm2 += 2 * sparse_dot(a.terms, self.term_sum) + (1.0 if a.terms else 0.0)
        self.entity_norm2 += 2 * sparse_dot(a.entity_vec, self.entity_sum) + (
            1.0 if a.entity_vec else 0.0)
        for k, w in a.terms.items():
            self.term_sum[k] = self.term_sum.get(k, 0.0) + w
        for k, w in a.entity_vec.items():
            self.entity_sum[k] = self.entity_sum.get(k, 0.0) + w
        self.entity_counts.update(a.entities.keys())
        # Sorted: set order varies per process (hash seed), and Counter ties keep it.
        self.place_counts.update(sorted(a.places))
        self.month_counts.update(sorted(a.months))
        self.event_counts.update(sorted(set(a.events)))
        for key, name in a.names.items():
            self.names.setdefault(key, name)
        if a.day is not None:
            self.day_sum += a.day
            self.day_count += 1
            if self.first_day is None or a.day < self.first_day:
                self.first_day, self.first_published = a.day, a.published
            if self.last_day is None or a.day > self.last_day:
                self.last_day, self.last_published = a.day, a.published
        # Headline candidates for the title (titles.py picks the most central one).
        if a.title and len(self.headlines) < MAX_HEADLINES:
            self.headlines.append((a.id, a.title, a.vector))
        if self.lead_text is None and a.lead:
            self.lead_text = a.lead

    def top(self, counts: Counter[str], n: int) -> list[tuple[str, int]]:
        return [(self.names.get(k, k), c) for k, c in ranked(counts, n)]

    def summary(self) -> dict[str, Any]:
        """Story meta for the stories table: what the story is about, at a glance."""
        months = sorted(self.month_counts)
        return {
            "entities": self.top(self.entity_counts, 10),
            "places": self.top(self.place_counts, 5),
            "event_months": [months[0], months[-1]] if months else [],
            "events": [k for k, _ in ranked(self.event_counts, 3)],
            "title_article": self.title_article,
        }

    def to_json(self) -> dict[str, Any]:
        top_entities = dict(ranked(self.entity_counts, STATE_TOP_KEYS))
        keep = set(top_entities) | set(self.place_counts)
        return {
            "size": self.size,
            "entities": top_entities,
            "places": dict(ranked(self.place_counts, STATE_TOP_KEYS)),
            "months": dict(ranked(self.month_counts, STATE_TOP_KEYS)),
            "events": dict(self.event_counts),
            "names": {k: v for k, v in self.names.items() if k in keep},
            "first": [self.first_day, self.first_published],
            "last": [self.last_day, self.last_published],
            "days": [self.day_sum, self.day_count],
            "title": [self.title_article, self.title_text, self.title_sim],
            "lead": self.lead_text,
            "terms": _top(self.term_sum, STATE_TOP_TERMS),
            "entity_vec": _top(self.entity_sum, STATE_TOP_TERMS),
        }

    @classmethod
    def from_json(cls, story_id: str, vector: np.ndarray, data: dict[str, Any]) -> StoryState:
        state = cls(id=story_id, dim=int(vector.shape[0]), size=int(data["size"]),
                    vector_sum=np.array(vector, dtype=np.float32))
        state.entity_counts = Counter(data.get("entities", {}))
        state.place_counts = Counter(data.get("places", {}))
        state.month_counts = Counter(data.get("months", {}))
        state.event_counts = Counter(data.get("events", {}))
        state.names = dict(data.get("names", {}))
        state.first_day, state.first_published = data.get("first", [None, None])
        state.last_day, state.last_published = data.get("last", [None, None])
        if "days" in data:
            state.day_sum, state.day_count = float(data["days"][0]), int(data["days"][1])
        elif state.first_day is not None and state.last_day is not None:  # older states
            state.day_sum, state.day_count = (state.first_day + state.last_day) / 2, 1
        state.title_article, state.title_text, state.title_sim = data.get(
            "title", [None, None, -1.0])
        state.lead_text = data.get("lead")
        state.term_sum = dict(data.get("terms", {}))
        state.entity_sum = dict(data.get("entity_vec", {}))
        # Trimmed on save, so recompute the norms of what was kept.
        state.term_norm2 = sum(w * w for w in state.term_sum.values())
        state.entity_norm2 = sum(w * w for w in state.entity_sum.values())
        return state


def ranked(counts: Mapping[str, N], n: int | None = None) -> list[tuple[str, N]]:
    """``most_common`` with ties broken by key, so equal counts list the same way in
    every process and after a save/load round trip."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _top(weights: dict[str, float], n: int) -> dict[str, float]:
    """The n largest components: small ones barely move a cosine and bloat the state."""
    return dict(ranked(weights, n))


__all__ = ["ArticleFeatures", "StoryState", "article_features", "day_number", "ranked"]
