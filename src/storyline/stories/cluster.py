"""Incremental story clustering.

Articles without a story are taken in publication order (unknown dates last, then ingest
order); each one joins the best-scoring existing story or opens a new one. Candidates come
from an ANN index over story centroids (``stories.ann``), so an assignment costs one index
search plus ``stories.candidates`` feature comparisons, not a pass over every article.

The score of article *a* against story *s* (see ``Scorer``)::

    weighted mean of  model_weight   * cosine(embedding(a), centroid(s))    # what kind of event
                      lexical_weight * cosine(terms(a), terms(s))            # the words of the lead
                      entity_weight  * cosine(entities+years(a), ...(s))     # who, where, which year
      - place_penalty  if a and s name places and share none
      - date_penalty * ramp(day gap beyond max_day_gap)   # 0 if their event months meet

and *a* joins the best story when the score reaches ``similarity_threshold``. Embeddings say
"what kind of event"; entities, places and dates tell two earthquakes, or two rehab stays of
one celebrity years apart, from each other. Duplicates and syndicated copies skip scoring and
join their canonical's story.

The store-free core (``StoryClusterer``) is what the benchmarks drive; ``assign_stories`` adds
the store I/O and persists per-story state (``story_states``) so the next run continues.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import delete, insert, select

from ..errors import ConfigError
from ..model import Article
from ..store import StoryRow, schema
from .ann import CentroidIndex, make_index
from .embed import embed_articles, get_embedder
from .features import ArticleFeatures, StoryState, article_features
from .titles import story_title

if TYPE_CHECKING:
    from ..config import Options
    from ..runs import RunReport
    from ..store import Store



def story_id_for(article_id: str) -> str:
    """Deterministic story id from the article that opened it (rebuilds give equal ids)."""
    return hashlib.sha1(f"story:{article_id}".encode()).hexdigest()[:16]


class Scorer:
    """Article-vs-story score; parameters from ``options.stories``."""

    def __init__(self, options: Options, threshold_shift: float = 0.0) -> None:
        opts = options.stories
        self.threshold = opts.similarity_threshold + threshold_shift
        self.weights = (opts.model_weight, opts.lexical_weight, opts.entity_weight)
        self.place_penalty = opts.place_penalty
        self.date_penalty = opts.date_penalty
        self.max_day_gap = opts.max_day_gap
        # The date penalty ramps from 0 at max_day_gap to its full value this much later.
        self.ramp_days = opts.features.date_ramp_days

    def similarity(self, a: ArticleFeatures, s: StoryState, cosine: float) -> float:
        """Weighted mean of the model, lexical and entity cosines that are available."""
        parts = (cosine, s.term_cosine(a), s.entity_cosine(a))
        total = weight = 0.0
        for w, value in zip(self.weights, parts, strict=True):
            if value is not None and w > 0:
                total += w * value
                weight += w
        return total / weight if weight else cosine

    def day_gap(self, a: ArticleFeatures, s: StoryState) -> int | None:
        if a.day is None or s.first_day is None or s.last_day is None:
            return None
        if a.months and s.month_counts and a.months & s.month_counts.keys():
            return 0  # they talk about the same event month: publication gap is no evidence
        if a.day < s.first_day:
            return s.first_day - a.day
        return max(0, a.day - s.last_day)

    def score(self, a: ArticleFeatures, s: StoryState, cosine: float) -> float:
        total = self.similarity(a, s, cosine)
        if a.places and s.place_counts and not (a.places & s.place_counts.keys()):
            total -= self.place_penalty
        gap = self.day_gap(a, s)
        if gap is not None and gap > self.max_day_gap:
            total -= self.date_penalty * min(1.0, (gap - self.max_day_gap) / self.ramp_days)
        return total


class StoryClusterer:
    """Online assignment of article features to stories (no I/O)."""

    def __init__(self, options: Options, dim: int, ann: str | None = None,
                 threshold_shift: float = 0.0) -> None:
        self.scorer = Scorer(options, threshold_shift)
        self.candidates = max(1, options.stories.candidates)
        stories = options.stories
        self.index: CentroidIndex = make_index(ann or stories.ann, dim, stories.ann_connectivity,
                                               stories.ann_expansion_search)
        self.dim = dim
        self.stories: dict[str, StoryState] = {}
        self._slots: list[StoryState] = []  # ANN key -> story
        self.touched: set[str] = set()

    def add_states(self, states: Iterable[StoryState]) -> None:
        """Register existing stories (loaded from the store), indexed in one batch."""
        batch = list(states)
        for state in batch:
            state.slot = len(self._slots)
            self._slots.append(state)
            self.stories[state.id] = state
        if batch:
            self.index.add_many(np.array([s.slot for s in batch]),
                                np.stack([s.centroid() for s in batch]))

    def best_story(self, a: ArticleFeatures) -> tuple[StoryState | None, float]:
        best: StoryState | None = None
        best_score = -np.inf
        for slot, cosine in self.index.search(a.vector, self.candidates):
            state = self._slots[slot]
            score = self.scorer.score(a, state, cosine)
            if score > best_score:
                best, best_score = state, score
        if best is not None and best_score >= self.scorer.threshold:
            return best, float(best_score)
        return None, float(best_score)

    def assign(self, a: ArticleFeatures, forced: str | None = None) -> StoryState:
        """Put ``a`` in story ``forced`` (duplicates) or the best match, or open a new one."""
        state = self.stories.get(forced) if forced else None
        if state is None:
            state, _ = self.best_story(a)
        if state is None:
            state = StoryState(id=story_id_for(a.id), dim=self.dim)
            state.slot = len(self._slots)
            self._slots.append(state)
            self.stories[state.id] = state
        state.add(a)
        self.index.upsert(state.slot, state.centroid())
        self.touched.add(state.id)
        return state


# -- store I/O -------------------------------------------------------------------------------


def _publication_order(articles: list[Article]) -> list[Article]:
    """Published date ascending, undated last; stable, so ties keep ingest order.

    Duplicates go after everything else so their canonical article already has a story.
    """
    return sorted(articles, key=lambda a: (a.duplicate_of is not None, a.published is None,
                                           (a.published or "")[:10]))


def load_states(store: Store, model: str) -> Iterator[StoryState]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.story_states).order_by(schema.story_states.c.story_id))
        for row in rows.mappings():
            if row["model"] != model:
                raise ConfigError(
                    f"stories in {store.url} were built with embedder {row['model']!r}, not "
                    f"{model!r}; run `storyline cluster --rebuild` or set stories.embedder"
                )
            vector = np.frombuffer(row["vector"], dtype="<f4").astype(np.float32)
            yield StoryState.from_json(row["story_id"], vector, json.loads(row["state"]))


def save_states(store: Store, model: str, states: Iterable[StoryState]) -> None:
    states = list(states)
    if not states:
        return
    table = schema.story_states
    with store.engine.begin() as conn:
        conn.execute(delete(table).where(table.c.story_id.in_([s.id for s in states])))
        conn.execute(insert(table), [
            {"story_id": s.id, "model": model, "dim": s.dim, "size": s.size,
             "vector": s.vector_sum.astype("<f4").tobytes(), "state": json.dumps(s.to_json())}
            for s in states
        ])


def clear_states(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(schema.story_states))


def _story_row(state: StoryState) -> StoryRow:
    return StoryRow(id=state.id, title=story_title(state), size=state.size,
                    first_published=state.first_published, last_published=state.last_published,
                    meta=state.summary())


def assign_stories(store: Store, options: Options, *, rebuild: bool = False,
                   progress: bool = True) -> RunReport:
    """Give every article without a story one; persist stories and clustering state.

    ``rebuild=True`` forgets all stories first and reassigns everything (deterministic).
    Returns a ``RunReport`` whose ``stories`` is the number of stories in the store.
    """
    from ..runs import RunReport

    embedder = get_embedder(options.stories.embedder, options)
    if rebuild:
        store.delete_stories()
        clear_states(store)
    clusterer = StoryClusterer(options, embedder.dim,
                               threshold_shift=embedder.threshold_shift)
    clusterer.add_states(load_states(store, embedder.name))

    story_of: dict[str, str] = {}  # article id -> story id, for duplicates and reprints
    group_story: dict[str, str] = {}
    pending: list[Article] = []
    for article in store.iter_articles():
        if article.story_id:
            story_of[article.id] = article.story_id
            if article.syndication_group:
                group_story.setdefault(article.syndication_group, article.story_id)
        else:
            pending.append(article)
    pending = _publication_order(pending)

    bar = _progress(len(pending), progress)
    step = options.stories.embed_batch
    for start in range(0, len(pending), step):
        batch = pending[start : start + step]
        vectors = embed_articles(batch, embedder)
        for article, vector in zip(batch, vectors, strict=True):
            forced = story_of.get(article.duplicate_of or "") or group_story.get(
                article.syndication_group or "")
            state = clusterer.assign(article_features(article, vector, options.stories.features), forced=forced)
            story_of[article.id] = state.id
            if article.syndication_group:
                group_story.setdefault(article.syndication_group, state.id)
            store.set_fields(article.id, story_id=state.id)
            store.save_embedding(article.id, embedder.name, vector)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()

    touched = [clusterer.stories[sid] for sid in sorted(clusterer.touched)]
    for state in touched:
        store.upsert_story(_story_row(state))
    save_states(store, embedder.name, touched)
    return RunReport(stories=len(clusterer.stories))


def _progress(total: int, show: bool) -> Any:
    if not show or not total:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="stories", unit="article")


__all__ = ["Scorer", "StoryClusterer", "assign_stories", "story_id_for"]
