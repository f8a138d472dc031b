"""Stories: incremental clustering, the per-fact ledger, timelines and reports."""

from .assign import assign_stories
from .report import render_report
from .timeline import timeline_for
from .types import Evidence, Fact, FactValue, Ledger, StoryView, Timeline, TimelineEntry
from .view import story_view

__all__ = [
    "Evidence", "Fact", "FactValue", "Ledger", "StoryView", "Timeline", "TimelineEntry",
    "assign_stories", "render_report", "story_view", "timeline_for",
]
