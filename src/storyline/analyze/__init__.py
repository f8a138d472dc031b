"""Analysis stages: parse, entities, temporal expressions, quotes, numbers, events.

Importing this package registers every built-in stage on ``storyline.pipeline.registry``.
``analyze_store`` (in ``runner``) runs the configured stages over the stored articles.
"""

from __future__ import annotations

from . import entities, events, numbers, parse, quotes, temporal  # noqa: F401  (registration)
from .runner import analyze_store

__all__ = ["analyze_store"]
