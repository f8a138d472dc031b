"""Incremental story clustering (placeholder until issue 4 lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..api import RunReport
    from ..config import Options
    from ..store import Store


def assign_stories(store: Store, options: Options, *, rebuild: bool = False,
                   progress: bool = True) -> RunReport:
    raise NotImplementedError("story clustering is being built (issue 4)")
