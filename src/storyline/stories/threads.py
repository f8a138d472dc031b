"""Threads: related stories linked, never merged (a hearing and a later leak about the same
affair, rounds of one negotiation, a trial and its verdict months later).

Two stories are linked when both hold:

* they share at least ``stories.thread_min_shared`` (2) **key entities**: people,
  organisations and other non-place names among each story's top entities that occur in
  at most ``THREAD_MAX_SHARE`` of all stories (a name in every story, such as a head of
  state in a political corpus, is no evidence of a common affair); and
* their centroids (mean embeddings) have cosine at least ``stories.thread_min_cosine``
  (the same kind of affair, not just the same people).

A thread is a connected group of linked stories, in date order. It is computed when asked
for, from the stories' saved summaries and centroids (nothing extra is stored), and each
link carries its evidence: the shared entities, the cosine and the days between the
stories. Its id is ``t`` + the id of its earliest story, so it is stable while the thread
grows forward in time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from ..errors import NotFound
from .types import Thread, ThreadLink
from .union_find import UnionFind

if TYPE_CHECKING:
    from ..config import Options
    from ..store import Store, StoryRow

THREAD_MAX_SHARE = 0.1  # an entity in more than this share of stories is not a key entity
MIN_STORIES_FOR_SHARE = 20  # below this many stories every name counts


def _key_entities(row: StoryRow) -> set[str]:
    places = {str(p[0]).casefold() for p in row.meta.get("places", [])}
    return {str(e[0]) for e in row.meta.get("entities", [])
            if str(e[0]).casefold() not in places}


def _gap_days(a: StoryRow, b: StoryRow) -> int | None:
    """Days between the end of the earlier story and the start of the later (0 if overlapping)."""
    try:
        a0, a1 = date.fromisoformat(str(a.first_published)[:10]), date.fromisoformat(
            str(a.last_published)[:10])
        b0, b1 = date.fromisoformat(str(b.first_published)[:10]), date.fromisoformat(
            str(b.last_published)[:10])
    except ValueError:
        return None
    return max(0, (b0 - a1).days, (a0 - b1).days)


def _order(row: StoryRow) -> tuple[bool, str, str]:
    return (row.first_published is None, row.first_published or "", row.id)


def find_threads(store: Store, options: Options) -> list[Thread]:
    """Every thread (two or more linked stories), biggest first, then newest."""
    rows = sorted(store.list_stories(limit=10**9), key=_order)
    centroids = {s.story_id: s.vector / (np.linalg.norm(s.vector) or 1.0)
                 for s in store.iter_story_states()}
    keys = {r.id: _key_entities(r) for r in rows}
    df: dict[str, int] = defaultdict(int)
    for names in keys.values():
        for name in names:
            df[name] += 1
    if len(rows) >= MIN_STORIES_FOR_SHARE:
        cap = THREAD_MAX_SHARE * len(rows)
        keys = {sid: {n for n in names if df[n] <= cap} for sid, names in keys.items()}
    # Candidate pairs from an inverted index: only stories sharing a key entity are compared.
    holders: dict[str, list[str]] = defaultdict(list)
    for sid in sorted(keys):
        for name in keys[sid]:
            holders[name].append(sid)
    pairs = {pair for ids in holders.values() for pair in combinations(ids, 2)}
    by_id = {r.id: r for r in rows}
    s = options.stories
    links: list[ThreadLink] = []
    for a, b in sorted(pairs):
        shared = sorted(keys[a] & keys[b])
        if len(shared) < s.thread_min_shared or a not in centroids or b not in centroids:
            continue
        cosine = float(centroids[a] @ centroids[b])
        if cosine >= s.thread_min_cosine:
            first, second = sorted((by_id[a], by_id[b]), key=_order)
            links.append(ThreadLink(first.id, second.id, shared, round(cosine, 3),
                                    _gap_days(first, second)))
    return _group(rows, links)


def _group(rows: list[StoryRow], links: list[ThreadLink]) -> list[Thread]:
    sets = UnionFind(r.id for r in rows)
    for link in links:
        sets.union(link.a, link.b)
    members: dict[str, list[StoryRow]] = defaultdict(list)
    for r in rows:  # rows are in date order, so members are too
        members[sets.find(r.id)].append(r)
    threads = []
    for group in members.values():
        if len(group) < 2:
            continue
        ids = {r.id for r in group}
        threads.append(Thread(id="t" + group[0].id, stories=group,
                              links=[x for x in links if x.a in ids]))
    return sorted(threads, key=lambda t: (-len(t.stories),
                                          _neg(t.stories[-1].last_published), t.id))


def _neg(day: str | None) -> tuple[int, ...]:
    """Sort key putting later dates first (None last)."""
    return tuple(-ord(c) for c in (day or ""))


def get_thread(store: Store, options: Options, thread_id: str) -> Thread:
    """One thread by id (or a unique id prefix)."""
    threads = find_threads(store, options)
    exact = [t for t in threads if t.id == thread_id]
    found = exact or [t for t in threads if thread_id and t.id.startswith(thread_id)]
    if len(found) != 1:
        raise NotFound("thread", thread_id)
    return found[0]


__all__ = ["find_threads", "get_thread"]
