"""Story assignment against the store: batches, re-clustering of recent stories, one commit each.

Articles without a story are taken in publication order (day, then id; undated last,
duplicates after their canonicals) in batches of ``BATCH``. For each batch:

1. **Re-cluster the neighbourhood.** Every stored story whose published span comes within
   ``stories.refine_days`` of a batch article is dissolved and its members are clustered
   again together with the batch, in publication order. Stories are events of a few days,
   so what an article can join or split lies in that window; re-running it makes the
   result independent of the order and batching in which articles arrived (daily batches,
   random order and ``cluster --rebuild`` agree, see docs/stories.md).
2. **Assign** with ``StoryClusterer`` (the join model of ``decide.py``).
3. **Commit** article links, new embeddings, story rows, story states and dissolved
   stories in ONE transaction (``Store.commit_assignment``): a kill leaves whole batches
   only, and a rerun continues with the articles still without a story.

Undated articles have no window: they are assigned against the stories as they stand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError
from ..model import Article
from ..store import StateRow, StoryRow
from .cluster import StoryClusterer
from .embed import Embedder, embed_articles, get_embedder
from .features import StoryState, article_features
from .titles import story_title

if TYPE_CHECKING:
    from ..config import Options
    from ..runs import RunReport
    from ..store import Store

BATCH = 256


def publication_order(articles: Sequence[Article]) -> list[Article]:
    """Published day ascending, undated last, ties by id (not ingest order, so two stores
    fed the same corpus in another order agree); duplicates after everything else so their
    canonical article already has a story."""
    return sorted(articles, key=lambda a: (a.duplicate_of is not None, a.published is None,
                                           (a.published or "")[:10], a.id))


def day_windows(articles: Sequence[Article], days: int) -> list[tuple[str, str]]:
    """Merged [day - days, day + days] ISO intervals around the dated articles."""
    spans: list[list[date]] = []
    for day in sorted({a.published[:10] for a in articles if a.published}):
        try:
            d = date.fromisoformat(day)
        except ValueError:
            continue
        lo, hi = d - timedelta(days=days), d + timedelta(days=days)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    # The upper bound is inclusive of full timestamps on that day ("...T23:59").
    return [(lo.isoformat(), hi.isoformat() + "T99") for lo, hi in spans]


class _Run:
    """One ``assign_stories`` call: the clusterer plus who-is-where bookkeeping."""

    def __init__(self, store: Store, options: Options, embedder: Embedder) -> None:
        self.store, self.options, self.embedder = store, options, embedder
        self.clusterer = StoryClusterer(options, embedder.dim,
                                        threshold_shift=embedder.threshold_shift)
        self.clusterer.add_states(self._load_states())
        self.story_of: dict[str, str] = {}  # article id -> story id (duplicates follow it)
        self.group_story: dict[str, str] = {}  # syndication group -> story id

    def _load_states(self) -> Iterator[StoryState]:
        for row in self.store.iter_story_states():
            if row.model != self.embedder.name:
                raise ConfigError(
                    f"stories in {self.store.url} were built with embedder {row.model!r}, not "
                    f"{self.embedder.name!r}; run `storyline cluster --rebuild` or set "
                    "stories.embedder")
            yield StoryState.from_json(row.story_id, row.vector, row.state)

    def scan(self) -> list[Article]:
        """Articles still without a story; remembers where the others are."""
        waiting = []
        for article_id, story_id, group in self.store.story_links():
            if story_id:
                self.story_of[article_id] = story_id
                if group:
                    self.group_story.setdefault(group, story_id)
            else:
                waiting.append(article_id)
        # Only the waiting articles are read in full (publication_order fixes their order).
        pending: list[Article] = []
        for start in range(0, len(waiting), 500):
            pending.extend(self.store.iter_articles(ids=waiting[start:start + 500]))
        return publication_order(pending)

    def dissolve(self, batch: Sequence[Article]) -> tuple[list[str], list[Article]]:
        """Stories near the batch in time (dropped from the clusterer) and their members."""
        ids = [sid for sid in self.store.stories_overlapping(
            day_windows(batch, self.options.stories.refine_days))
            if sid in self.clusterer.stories]
        for sid in ids:
            self.clusterer.drop(sid)
        member_ids = self.store.story_member_ids(ids)
        members: list[Article] = []
        for start in range(0, len(member_ids), 500):
            members.extend(self.store.iter_articles(ids=member_ids[start:start + 500]))
        gone = set(ids)
        for m in members:
            self.story_of.pop(m.id, None)
        self.group_story = {g: s for g, s in self.group_story.items() if s not in gone}
        return ids, members

    def vectors(self, articles: Sequence[Article]) -> tuple[list[np.ndarray], list[Article]]:
        """Stored embeddings where present, the rest computed (returned to be saved)."""
        stored = self.store.embeddings_for([a.id for a in articles], self.embedder.name)
        missing = [a for a in articles if a.id not in stored]
        if missing:
            stored.update(zip([a.id for a in missing], embed_articles(missing, self.embedder),
                              strict=True))
        return [stored[a.id] for a in articles], missing

    def run_batch(self, batch: Sequence[Article]) -> None:
        removed, members = self.dissolve(batch)
        work = publication_order([*batch, *members])
        vectors, fresh = self.vectors(work)
        links: dict[str, str] = {}
        for article, vector in zip(work, vectors, strict=True):
            forced = self.story_of.get(article.duplicate_of or "") or self.group_story.get(
                article.syndication_group or "")
            feats = article_features(article, vector, self.options.stories.features)
            state = self.clusterer.assign(feats, forced=forced)
            links[article.id] = self.story_of[article.id] = state.id
            if article.syndication_group:
                self.group_story.setdefault(article.syndication_group, state.id)
        touched = [self.clusterer.stories[sid] for sid in sorted(self.clusterer.touched)]
        by_id = dict(zip([a.id for a in work], vectors, strict=True))
        self.store.commit_assignment(
            links=links, removed=removed,
            stories=[story_row(s) for s in touched],
            states=[StateRow(s.id, self.embedder.name, s.vector_sum, s.to_json())
                    for s in touched],
            embeddings=[(a.id, self.embedder.name, by_id[a.id]) for a in fresh])
        self.clusterer.touched.clear()


def story_row(state: StoryState) -> StoryRow:
    return StoryRow(id=state.id, title=story_title(state), size=state.size,
                    first_published=state.first_published, last_published=state.last_published,
                    meta=state.summary())


def assign_stories(store: Store, options: Options, *, rebuild: bool = False,
                   progress: bool = True) -> RunReport:
    """Give every article without a story one; persist stories and clustering state.

    ``rebuild=True`` forgets all stories first and regroups everything (deterministic).
    Returns a ``RunReport`` whose ``stories`` is the number of stories in the store.
    """
    from ..runs import RunReport

    embedder = get_embedder(options.stories.embedder, options)
    if rebuild:
        store.reset_stories()
    run = _Run(store, options, embedder)
    pending = run.scan()
    bar = _progress(len(pending), progress)
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        run.run_batch(batch)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    return RunReport(stories=len(run.clusterer.stories))


def _progress(total: int, show: bool) -> Any:
    if not show or not total:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="stories", unit="article")


__all__ = ["assign_stories", "day_windows", "publication_order", "story_row"]
