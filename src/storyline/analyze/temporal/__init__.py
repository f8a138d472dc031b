"""Temporal expressions: find dates, times, durations and sets; normalize them TimeML-style.

``find_timexes(text, anchor)`` is the pure-Python normalizer (rules in ``patterns``,
resolution in ``resolve``/``relative``, day intervals in ``intervals``, verb tense in
``tense``); ``stage`` registers the pipeline stage "temporal".
"""

from __future__ import annotations

from .normalize import find_timexes
from .stage import choose_anchor, make_temporal

__all__ = ["choose_anchor", "find_timexes", "make_temporal"]
