"""Online story clustering, store-free: each article joins its most probable story or opens one.

Candidates come from an ANN index over story centroids (``stories.ann``), so an assignment
costs one index search plus ``stories.candidates`` comparisons, not a pass over every
article. The decision is the join model of ``decide.py``: P(same story) from the embedding,
title/lead word and entity cosines, the days from the story's mean date and disjoint places;
the article joins the most probable candidate if P reaches ``stories.join_threshold``.
Duplicates and syndicated copies skip scoring and join their canonical's story.

``StoryClusterer`` is what the benchmarks drive; ``assign.py`` adds the store I/O, the
re-clustering of recent stories and the one-transaction batches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .ann import CentroidIndex, make_index
from .decide import JoinModel
from .features import ArticleFeatures, StoryState

if TYPE_CHECKING:
    from ..config import Options


def story_id_for(article_id: str) -> str:
    """Deterministic story id from the article that opened it (rebuilds give equal ids)."""
    return hashlib.sha1(f"story:{article_id}".encode()).hexdigest()[:16]


class StoryClusterer:
    """Online assignment of article features to stories (no I/O)."""

    def __init__(self, options: Options, dim: int, ann: str | None = None,
                 threshold_shift: float = 0.0) -> None:
        self.model = JoinModel.from_options(options, threshold_shift)
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
        """The most probable candidate and its logit; None when below the join threshold.

        Candidates are scored in story-id order and ties go to the smaller id, so the
        result does not depend on the ANN's order of equal hits.
        """
        hits = sorted(self.index.search(a.vector, self.candidates),
                      key=lambda hit: self._slots[hit[0]].id)
        best: StoryState | None = None
        best_logit = -np.inf
        for slot, cosine in hits:
            state = self._slots[slot]
            logit = self.model.logit(a, state, cosine)
            if logit > best_logit:
                best, best_logit = state, logit
        if best is not None and best_logit >= self.model.min_logit:
            return best, float(best_logit)
        return None, float(best_logit)

    def drop(self, story_id: str) -> None:
        """Forget a story (it is being re-clustered); its ANN slot is freed."""
        state = self.stories.pop(story_id, None)
        if state is not None:
            self.index.remove(state.slot)
            self.touched.discard(story_id)

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


__all__ = ["StoryClusterer", "story_id_for"]
