"""Story view: a story with its articles, fact ledger and the timeline of its two main actors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Article
from .types import Ledger, StoryView
from .view_cache import build_view, sorted_articles

if TYPE_CHECKING:
    from ..config import Options
    from ..store import Store


def top_actors(articles: Sequence[Article], n: int = 2) -> list[str]:
    """The people the story is about: event actors first, then the most mentioned persons."""
    people = {e.canonical for a in articles for e in a.entities if e.label == "PERSON"}
    counts: Counter[str] = Counter()
    for a in articles:
        for ev in a.events:
            for actor in ev.actors:
                if actor in people or not people:
                    counts[actor] += 3
        for e in a.entities:
            if e.label == "PERSON":
                counts[e.canonical] += 1
    return [name for name, _ in counts.most_common(n)]


def story_articles(store: Store, story_id: str) -> list[Article]:
    """A story's articles in publication order, ties by id (ingest order differs between
    runs of the same input)."""
    return sorted_articles(list(store.iter_articles(story_id=story_id)))


def story_view(store: Store, story_id: str, options: Options) -> StoryView:
    """Everything a reader needs about one story, built now (``load_view`` reads the saved
    one; ``options`` kept for future tuning)."""
    return build_view(store.get_story(story_id), story_articles(store, story_id))


def ledger_counts(ledger: Ledger) -> dict[str, int]:
    """How many facts of a ledger are conflicting, corroborated, updated (the story list's
    triage columns); background facts count apart."""
    counts = Counter(f.status for f in ledger.facts if not f.background)
    return {"conflicting": counts["conflicting"], "corroborated": counts["corroborated"],
            "updated": counts["updated"],
            "background": sum(f.background for f in ledger.facts)}
