"""Analysis stages: parse, entities, temporal expressions, quotes, numbers, events.

Each stage module registers its stage on ``storyline.pipeline.registry`` when imported; the
facade (``storyline.api.BUILTIN_STAGES``) lists them, and the registry imports them on its
first lookup. ``analyze_store`` (in ``runner``) runs the configured stages over the stored articles.
"""

from __future__ import annotations

from .runner import analyze_store

__all__ = ["analyze_store"]
