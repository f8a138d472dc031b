"""What changed since the last report: new stories, articles added to followed stories,
conflicts that appeared or were resolved; matched against what the user follows.

Computed from the store, not from memory: articles a watch round stored but has not reported
yet (``watch_pages.reported``) are reported once they have a story. Each change has a stable
key, so a round replayed after a crash appends nothing twice (``Store.add_changes``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..config import Options
from ..model import Article
from ..outlets import outlet_label
from ..store import Store
from ..stories.types import CONFLICTING

FOLLOW_KINDS = ("entity", "pair", "story")


def follow_label(kind: str, target: str) -> str:
    return f"{kind}:{target}"


def _matches(follow: dict[str, Any], story_id: str | None, arts: Sequence[Article]) -> bool:
    kind, target = follow["kind"], follow["target"]
    if kind == "story":
        return story_id == target
    names = [{e.canonical for e in a.entities} for a in arts]
    if kind == "entity":
        return any(target in n for n in names)
    a, _, b = target.partition("|")
    return any(a in n and b in n for n in names)


def concerned(follows: Sequence[dict[str, Any]], story_id: str | None,
              arts: Sequence[Article]) -> list[str]:
    return [follow_label(f["kind"], f["target"]) for f in follows if _matches(f, story_id, arts)]


SEP = " vs "


def _conflicts(view: Any) -> dict[str, str]:
    """Conflicting facts of a story view: label -> the disputed values ("A vs B")."""
    return {f.label: SEP.join(v.value for v in f.values)
            for f in view.ledger.facts if f.status == CONFLICTING}


def _signature(values: str) -> str:
    """The same dispute whatever order the ledger lists its values in."""
    return SEP.join(sorted(values.split(SEP)))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def report_changes(store: Store, options: Options) -> list[dict[str, Any]]:
    """Collect and append the changes; returns those appended now (not seen before).

    Order matters for a crash at any point: changes first (unique keys), then the conflict
    marks, then the pages marked reported; a replay recomputes the same keys.
    """
    changes, marks, urls = collect_changes(store, options)
    fresh = store.add_changes(changes)
    store.save_story_marks(marks)
    store.mark_reported(urls)
    return fresh


def collect_changes(store: Store, options: Options
                    ) -> tuple[list[dict[str, Any]], dict[str, list[str]], list[str]]:
    """Changes for stored, not yet reported pages whose articles have a story, the stories'
    current conflict marks, and the page URLs covered."""
    from ..stories import load_view

    pending = store.pages(status="stored", reported=False, limit=100_000)
    by_story: dict[str, list[Article]] = defaultdict(list)
    urls: list[str] = []
    for page in pending:
        if not page["article_id"]:
            urls.append(page["url"])
            continue
        art = store.get_article(page["article_id"])
        story_id = art.story_id
        if story_id is None and art.duplicate_of:
            story_id = store.get_article(art.duplicate_of).story_id
        if story_id is None:
            continue  # not analyzed or not clustered yet: report in a later round
        by_story[story_id].append(art)
        urls.append(page["url"])
    follows = store.list_follows()
    changes: list[dict[str, Any]] = []
    marks: dict[str, list[str]] = {}
    known = store.story_marks(by_story)
    for story_id, new in by_story.items():
        view = load_view(store, story_id, options)  # saved by the round's grouping
        title = view.story.title or story_id
        members = {a.id for a in view.articles}
        fresh = {a.id for a in new}
        who = concerned(follows, story_id, view.articles)
        if members <= fresh:
            changes.append(_change("new_story", f"new_story:{story_id}", story_id, None, who,
                                   f"New story: {title} ({len(members)} article"
                                   f"{'s' if len(members) != 1 else ''})",
                                   {"title": title, "articles": sorted(members)}))
        else:
            for a in new:
                whose = concerned(follows, story_id, [a])
                if any(w.startswith("story:") for w in who):
                    whose = sorted(set(whose) | {w for w in who if w.startswith("story:")})
                if not whose:
                    continue  # articles joining unfollowed stories are not news to the user
                changes.append(_change(
                    "article_added", f"article_added:{story_id}:{a.id}", story_id, a.id, whose,
                    f"{outlet_label(a.outlet)} adds to \"{title}\": {a.title or a.id}",
                    {"title": title, "outlet": a.outlet, "published": a.published,
                     "url": a.url, "article_title": a.title}))
        now = _conflicts(view)
        before = dict(item.split("\t", 1) for item in known.get(story_id, []))
        for label, values in now.items():
            if _signature(before.get(label, "")) != _signature(values):
                changes.append(_change(
                    "conflict_new",
                    f"conflict_new:{story_id}:{_digest(label + _signature(values))}",
                    story_id, None, who, f"Sources now disagree in \"{title}\": {label}: {values}",
                    {"title": title, "fact": label, "values": values}))
        for label, values in before.items():
            if label not in now:
                changes.append(_change(
                    "conflict_resolved",
                    f"conflict_resolved:{story_id}:{_digest(label + _signature(values))}",
                    story_id, None, who, f"No longer disputed in \"{title}\": {label}",
                    {"title": title, "fact": label, "values": values}))
        marks[story_id] = [f"{k}\t{v}" for k, v in sorted(now.items())]
    return changes, marks, urls


def _change(kind: str, key: str, story_id: str, article_id: str | None, follows: list[str],
            message: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "key": key, "story_id": story_id, "article_id": article_id,
            "follows": follows, "message": message, "data": data}
