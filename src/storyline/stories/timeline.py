"""Timelines per actor or actor pair (placeholder, issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store
    from .types import Timeline


def timeline_for(store: Store, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Timeline:
    raise NotImplementedError("timelines are being built (issue 4)")
