"""Saved story views: each story's fact ledger, timeline and summary as built, keyed by
what they were built from, so reading a story does not rebuild them (migration 10).

The key is the caller's: the stories layer combines a digest of the code that builds a
view with ``story_articles``'s digest of the member rows (every column of every member, so
a new or removed member, a re-analysis, an outlet rename or a new duplicate mark all give
another key). A row whose key does not match is simply rebuilt and overwritten: nothing
has to be invalidated by hand, and an old row is never shown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, String, Table, Text, delete, insert, select

from .schema import metadata

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..model import Article

story_views = Table(
    "story_views",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("key", String(64), nullable=False),  # code digest + member rows digest
    Column("view", Text, nullable=False),  # JSON: ledger, timeline, summary
    Column("built_at", String(32), nullable=False),
)


class ViewStore:
    """A mixin of ``Store``: member rows with their digest, saved views."""

    engine: Engine

    def _text_safe(self, values: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError  # provided by Store

    def story_articles(self, story_id: str) -> tuple[list[Article], str]:
        """A story's articles (by id) and a digest of their stored rows, from one query."""
        from . import schema
        from .sql import _article

        a = schema.articles
        digest = hashlib.sha256()
        out = []
        with self.engine.connect() as conn:
            for row in conn.execute(select(a).where(a.c.story_id == story_id)
                                    .order_by(a.c.id)):
                # Every column (the repr of the row's values tells None from "" and keeps
                # the columns apart).
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
                out.append(_article(row._mapping))
        return out, digest.hexdigest()

    def saved_story_view(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """(key, view) saved for a story, or None."""
        t = story_views
        with self.engine.connect() as conn:
            row = conn.execute(select(t.c.key, t.c.view).where(t.c.story_id == story_id)).first()
        if row is None:
            return None
        try:
            return row[0], json.loads(row[1])
        except ValueError:
            return None  # a damaged row: rebuilt by the caller

    def save_story_views(self, rows: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """(story id, key, view) rows, replacing what was saved for those stories."""
        if not rows:
            return
        t = story_views
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.story_id.in_([r[0] for r in rows])))
            conn.execute(insert(t), [self._text_safe(
                {"story_id": sid, "key": key, "view": json.dumps(view), "built_at": now})
                for sid, key, view in rows])
