"""Stories: incremental clustering, the per-fact ledger, timelines and reports.

The names below are imported on first use: reading a saved story view (``view_cache``)
needs none of the clustering code (numpy, the embedders), so `storyline story` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "assign_stories": ".assign", "render_report": ".report", "timeline_for": ".timeline",
    "story_view": ".view", "load_view": ".view_cache", "Evidence": ".types", "Fact": ".types", "FactValue": ".types",
    "Ledger": ".types", "StoryView": ".types", "Timeline": ".types", "TimelineEntry": ".types",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
