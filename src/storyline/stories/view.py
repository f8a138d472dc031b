"""Story view: a story with its articles, ledger and timeline (placeholder, issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Options
    from ..store import Store
    from .types import StoryView


def story_view(store: Store, story_id: str, options: Options) -> StoryView:
    raise NotImplementedError("the story view is being built (issue 4)")
