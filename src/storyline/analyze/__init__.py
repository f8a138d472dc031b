"""Analysis stages: sentences, entities, temporal expressions, quotes, numbers, events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..api import RunReport
    from ..config import Options
    from ..store import Store


def analyze_store(store: Store, options: Options, *, ids: Sequence[str] | None = None,
                  force: bool = False, progress: bool = True) -> RunReport:
    raise NotImplementedError("analysis is being built (issue 3)")
