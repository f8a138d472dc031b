"""Events: who did what with whom, where and when.

``stage`` finds triggers and times and registers the pipeline stage "events"; ``actors``
reads actors and places from a trigger's arguments; ``lexicon`` holds the event types.
"""

from __future__ import annotations

from .stage import extract_events, make_events

__all__ = ["extract_events", "make_events"]
