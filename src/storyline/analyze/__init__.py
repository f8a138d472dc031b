"""Analysis stages: parse, entities, temporal expressions, quotes, numbers, events.

Importing this package registers every built-in stage on ``storyline.pipeline.registry``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import entities, events, nlp, numbers, quotes, temporal  # noqa: F401  (registration)

if TYPE_CHECKING:
    from ..api import RunReport
    from ..config import Options
    from ..store import Store


def analyze_store(store: Store, options: Options, *, ids: Sequence[str] | None = None,
                  force: bool = False, progress: bool = True) -> RunReport:
    raise NotImplementedError("the analysis runner is being built (issue 3)")
