"""Markdown / HTML / JSON story reports (placeholder, issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .types import StoryView


def render_report(view: StoryView, fmt: str) -> str:
    raise NotImplementedError("reports are being built (issue 4)")
