"""The join-or-open decision: a small logistic model over five pair features.

For an article *a* and a candidate story *s* the features are::

    embedding  cosine(embedding(a), centroid(s))            what kind of event
    lexical    cosine(title+lead words(a), story words(s))   which details
    entity     cosine(named entities+years(a), story's)      who, where, which year
    days       log(1 + |day(a) - date(s)|)                   when; date(s) = mean member day
    places     1 if both name places and share none          where

and ``P(a belongs to s) = sigmoid(bias + w . features)``. The article joins its most
probable candidate when that probability reaches ``stories.join_threshold`` (the one number
picked by clustering F1 on the training streams), otherwise it opens a new story. Following Miranda et
al. (EMNLP 2018), a learned "new story?" decision replaces a hand-tuned similarity threshold.

The date of a story is the mean publication day of its members, not its latest member, so
a story cannot chain from one event to the next a few days at a time. A missing part
counts as 0 (no entities, an undated article); "days" is then simply no evidence.
The coefficients are named options (``stories.join_*``); ``benchmarks/stories_fit.py``
fits them and says on which data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Options
    from .features import ArticleFeatures, StoryState

FEATURES = ("embedding", "lexical", "entity", "days", "places")


def day_distance(a: ArticleFeatures, s: StoryState) -> float | None:
    """Days between the article and the story's mean day (None if either is undated)."""
    center = s.center_day()
    if a.day is None or center is None:
        return None
    return abs(a.day - center)


def pair_features(a: ArticleFeatures, s: StoryState, cosine: float,
                  shift: float = 0.0) -> tuple[float, float, float, float, float]:
    """The five features above; ``shift`` moves a weaker embedder's cosines onto the
    scale the coefficients were fit on (``Embedder.threshold_shift``)."""
    days = day_distance(a, s)
    return (cosine - shift, s.term_cosine(a) or 0.0, s.entity_cosine(a) or 0.0,
            math.log1p(days) if days is not None else 0.0,
            1.0 if a.places and s.place_counts and not a.places & s.place_counts.keys() else 0.0)


@dataclass(frozen=True)
class JoinModel:
    bias: float
    weights: tuple[float, float, float, float, float]
    threshold: float
    shift: float = 0.0

    @classmethod
    def from_options(cls, options: Options, shift: float = 0.0) -> JoinModel:
        s = options.stories
        return cls(bias=s.join_bias,
                   weights=(s.join_embedding, s.join_lexical, s.join_entity, s.join_days,
                            s.join_places),
                   threshold=s.join_threshold, shift=shift)

    def logit(self, a: ArticleFeatures, s: StoryState, cosine: float) -> float:
        x = pair_features(a, s, cosine, self.shift)
        return self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))

    def probability(self, a: ArticleFeatures, s: StoryState, cosine: float) -> float:
        return sigmoid(self.logit(a, s, cosine))

    @property
    def min_logit(self) -> float:
        """The logit at which the probability equals the threshold."""
        p = min(max(self.threshold, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


__all__ = ["FEATURES", "JoinModel", "day_distance", "pair_features", "sigmoid"]
