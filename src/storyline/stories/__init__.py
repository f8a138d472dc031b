"""Stories: incremental clustering, the per-fact ledger, timelines and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..api import RunReport
    from ..config import Options
    from ..store import Store


def assign_stories(store: Store, options: Options, *, rebuild: bool = False,
                   progress: bool = True) -> RunReport:
    raise NotImplementedError("stories are being built (issue 4)")


def story_view(store: Store, story_id: str, options: Options) -> Any:
    raise NotImplementedError


def timeline_for(store: Store, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Any:
    raise NotImplementedError


def render_report(view: Any, fmt: str) -> str:
    raise NotImplementedError
