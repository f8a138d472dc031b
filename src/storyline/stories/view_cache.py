"""Story views read from the store instead of rebuilt: `storyline story ID`, the web story
page and the story list's ledger counts.

A view (fact ledger, timeline, summary) is a pure function of the story's member articles
and of the code that builds it. It is saved with a key made of both: a digest of the
member rows (``Store.story_articles``: every stored column of every member) and a digest
of this package's source files (their names, sizes and modification times). Reading a
story compares keys; a mismatch (a new member, a re-analysis, an outlet rename, an upgrade)
rebuilds the view exactly as before and saves it again. Stories a run makes or changes get
their view saved at the end of the run (``Storyline.build_stories``), so the next read of
any of them costs one query and a JSON parse.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..disk_cache import file_key
from ..errors import StoreError
from .summary import SummarySentence
from .types import Evidence, Fact, FactValue, Ledger, StoryView, Timeline, TimelineEntry

if TYPE_CHECKING:
    from ..config import Options
    from ..model import Article
    from ..store import Store

VIEW_FORMAT = "1"  # bump when the saved layout changes


@lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the package's source files: any code change makes saved views stale."""
    root = Path(__file__).resolve().parent.parent
    files = sorted(str(Path(d) / f) for d, _, names in os.walk(root) for f in names
                   if f.endswith(".py"))
    return file_key(VIEW_FORMAT, *(os.path.relpath(f, root) for f in files), files=tuple(files))


def view_key(digest: str) -> str:
    return hashlib.sha256(f"{code_key()}\0{digest}".encode()).hexdigest()


def sorted_articles(articles: list[Article]) -> list[Article]:
    """Publication order, ties by id (ingest order differs between runs of the same input)."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))


def to_json(view: StoryView) -> dict[str, Any]:
    return {"ledger": asdict(view.ledger), "timeline": asdict(view.timeline),
            "summary": [asdict(s) for s in view.summary]}


def _evidence(items: list[dict[str, Any]]) -> list[Evidence]:
    return [Evidence(**e) for e in items]


def ledger_from_json(d: dict[str, Any]) -> Ledger:
    facts = [Fact(**{**f, "values": [FactValue(**{**v, "evidence": _evidence(v["evidence"])})
                                     for v in f["values"]]}) for f in d["facts"]]
    return Ledger(d["story_id"], facts=facts, sources=d["sources"], main_event=d["main_event"])


def from_json(d: dict[str, Any], story: Any, articles: list[Article]) -> StoryView:
    tl = d["timeline"]
    timeline = Timeline(tl["actors"], [TimelineEntry(**{**e, "evidence": _evidence(e["evidence"])})
                                       for e in tl["entries"]])
    return StoryView(story=story, articles=articles, ledger=ledger_from_json(d["ledger"]),
                     timeline=timeline, summary=[SummarySentence(**s) for s in d["summary"]])


def load_view(store: Store, story_id: str, options: Options, *, save: bool = True) -> StoryView:
    """The story's view: the saved one when its key matches, else built (and saved when
    ``save``)."""
    articles, digest = store.story_articles(story_id)
    articles = sorted_articles(articles)
    key = view_key(digest)
    saved = store.saved_story_view(story_id)
    story = store.get_story(story_id)
    if saved is not None and saved[0] == key:
        try:
            return from_json(saved[1], story, articles)
        except (KeyError, TypeError):
            pass  # another layout: rebuild
    view = build_view(story, articles)
    if save:
        save_views(store, [(story_id, key, view)])
    return view


def build_view(story: Any, articles: list[Article]) -> StoryView:
    from .ledger import build_ledger
    from .summary import summarize
    from .timeline import story_timeline
    from .view import top_actors

    return StoryView(story=story, articles=articles, ledger=build_ledger(articles, story.id),
                     timeline=story_timeline(articles, top_actors(articles)),
                     summary=summarize(articles))


def save_views(store: Store, views: list[tuple[str, str, StoryView]]) -> None:
    """Save built views in one short transaction of their own. Readers save too, without the
    writer lock (a reader holding it would make a starting ``run`` fail as busy): a save that
    fails (a read-only store, a concurrent save of the same story, a lock timeout) is
    skipped, and the next read builds the view again."""
    from sqlalchemy.exc import SQLAlchemyError

    with contextlib.suppress(SQLAlchemyError, StoreError):
        store.save_story_views([(sid, key, to_json(v)) for sid, key, v in views])


def refresh_views(store: Store, story_ids: list[str]) -> dict[str, StoryView]:
    """Build and save the views of stories a run changed (inside its writer lock)."""
    out: dict[str, StoryView] = {}
    rows = []
    for sid in story_ids:
        articles, digest = store.story_articles(sid)
        view = build_view(store.get_story(sid), sorted_articles(articles))
        out[sid] = view
        rows.append((sid, view_key(digest), view))
    save_views(store, rows)
    return out
