"""Story-assignment storage: saved clustering state, one-transaction batches, consistency.

A mixin of ``Store`` (kept apart to keep ``sql.py`` readable). Story assignment writes each
batch (article links, embeddings, story rows, story states, dissolved stories) in ONE
transaction, so a kill leaves either the whole batch or none of it; ``story_problems`` /
``repair_stories`` (``storyline doctor``) find and undo anything inconsistent left by older
versions or by writers outside this path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, func, insert, or_, select, update

from . import schema

if TYPE_CHECKING:
    import numpy as np
    from sqlalchemy import Connection, Engine

    from .sql import StoryRow


@dataclass
class StateRow:
    story_id: str
    model: str
    vector: np.ndarray  # float32 sum of member embeddings
    state: dict[str, Any]


@dataclass
class StoryProblems:
    """What ``storyline doctor`` reports; empty lists mean a consistent store."""

    orphan_articles: list[str] = field(default_factory=list)  # story_id names no story
    wrong_sizes: list[tuple[str, int, int]] = field(default_factory=list)  # id, size, members
    stale_states: list[str] = field(default_factory=list)  # state without story or wrong size
    missing_states: list[str] = field(default_factory=list)  # story without saved state

    def __bool__(self) -> bool:
        return bool(self.orphan_articles or self.wrong_sizes or self.stale_states
                    or self.missing_states)

    def to_dict(self) -> dict[str, Any]:
        return {"orphan_articles": self.orphan_articles,
                "wrong_sizes": [list(x) for x in self.wrong_sizes],
                "stale_states": self.stale_states, "missing_states": self.missing_states}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoryStore:
    engine: Engine

    def _text_safe(self, values: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError  # provided by Store

    def _put_story(self, conn: Connection, row: StoryRow) -> None:
        """Write one story row inside the caller's transaction (update, else insert)."""
        s = schema.stories
        values = self._text_safe({
            "title": row.title, "size": row.size, "first_published": row.first_published,
            "last_published": row.last_published,
            "meta": json.dumps(row.meta, default=str), "updated_at": _now()})
        if not conn.execute(update(s).where(s.c.id == row.id).values(**values)).rowcount:
            conn.execute(insert(s).values(id=row.id, created_at=_now(), **values))

    def iter_story_states(self) -> Iterator[StateRow]:
        import numpy as np  # here, not at import: read commands never need it

        t = schema.story_states
        with self.engine.connect() as conn:
            for row in conn.execute(select(t).order_by(t.c.story_id)).mappings():
                yield StateRow(row["story_id"], row["model"],
                               np.frombuffer(row["vector"], dtype="<f4").astype(np.float32),
                               json.loads(row["state"]))

    def stories_overlapping(self, ranges: Sequence[tuple[str, str]]) -> list[str]:
        """Ids of stories whose [first, last] published span meets any (since, until)."""
        s = schema.stories
        if not ranges:
            return []
        cond = or_(*[and_(s.c.first_published <= until, s.c.last_published >= since)
                     for since, until in ranges])
        with self.engine.connect() as conn:
            return sorted(conn.execute(select(s.c.id).where(cond)).scalars())

    def story_links(self) -> list[tuple[str, str | None, str | None]]:
        """(article id, story id, syndication group) of every article, in ingest order: what
        grouping needs of the articles already placed, without reading their texts and
        annotations (which cost ~0.1 CPU-s per 300 articles in every run)."""
        a = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.story_id, a.c.syndication_group)
                                .order_by(a.c.ingested_at, a.c.id))
            return [(r[0], r[1], r[2]) for r in rows]

    def story_member_ids(self, story_ids: Iterable[str]) -> list[str]:
        ids = list(story_ids)
        a = schema.articles
        out: list[str] = []
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):  # bounded IN lists
                out.extend(conn.execute(select(a.c.id).where(
                    a.c.story_id.in_(ids[start:start + 500]))).scalars())
        return sorted(out)

    def embeddings_for(self, ids: Iterable[str], model: str) -> dict[str, np.ndarray]:
        import numpy as np

        e = schema.embeddings
        out: dict[str, np.ndarray] = {}
        ids = list(ids)
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                q = select(e.c.article_id, e.c.vector).where(
                    e.c.article_id.in_(ids[start:start + 500]), e.c.model == model)
                for aid, blob in conn.execute(q):
                    out[aid] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return out

    def commit_assignment(self, *, links: dict[str, str], stories: Sequence[StoryRow],
                          states: Sequence[StateRow], removed: Iterable[str] = (),
                          embeddings: Sequence[tuple[str, str, np.ndarray]] = ()) -> None:
        """One batch of story assignment, all or nothing: article -> story links, new
        embeddings, story rows and states written, ``removed`` stories deleted."""
        import numpy as np

        s, st, e, a = schema.stories, schema.story_states, schema.embeddings, schema.articles
        gone = sorted(set(removed) - {row.id for row in stories})
        with self.engine.begin() as conn:
            if gone:
                conn.execute(delete(s).where(s.c.id.in_(gone)))
                conn.execute(delete(st).where(st.c.story_id.in_(gone)))
            if embeddings:
                conn.execute(delete(e).where(e.c.article_id.in_([x[0] for x in embeddings])))
                conn.execute(insert(e), [
                    {"article_id": aid, "model": model, "dim": int(v.shape[0]),
                     "vector": np.asarray(v, dtype="<f4").tobytes()}
                    for aid, model, v in embeddings])
            by_story: dict[str, list[str]] = {}
            for aid, sid in links.items():
                by_story.setdefault(sid, []).append(aid)
            for sid, aids in sorted(by_story.items()):
                for start in range(0, len(aids), 500):
                    conn.execute(update(a).where(a.c.id.in_(aids[start:start + 500]))
                                 .values(story_id=sid))
            for row in stories:
                self._put_story(conn, row)
            if states:
                conn.execute(delete(st).where(st.c.story_id.in_([x.story_id for x in states])))
                conn.execute(insert(st), [
                    {"story_id": x.story_id, "model": x.model, "dim": int(x.vector.shape[0]),
                     "size": int(x.state.get("size", 0)),
                     "vector": x.vector.astype("<f4").tobytes(), "state": json.dumps(x.state)}
                    for x in states])

    def reset_stories(self) -> None:
        """Forget every story, state and link (``cluster --rebuild``), in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(update(schema.articles).values(story_id=None))
            conn.execute(delete(schema.stories))
            conn.execute(delete(schema.story_states))

    def story_problems(self) -> StoryProblems:
        a, s, st = schema.articles, schema.stories, schema.story_states
        out = StoryProblems()
        with self.engine.connect() as conn:
            out.orphan_articles = sorted(conn.execute(
                select(a.c.id).where(a.c.story_id.is_not(None),
                                     a.c.story_id.not_in(select(s.c.id)))).scalars())
            members: dict[str, int] = {r[0]: r[1] for r in conn.execute(
                select(a.c.story_id, func.count()).where(a.c.story_id.is_not(None))
                .group_by(a.c.story_id))}
            sizes = {r[0]: r[1] for r in conn.execute(select(s.c.id, s.c.size))}
            states = {r[0]: r[1] for r in conn.execute(select(st.c.story_id, st.c.size))}
        out.wrong_sizes = sorted((sid, size, members.get(sid, 0)) for sid, size in sizes.items()
                                 if members.get(sid, 0) != size)
        out.stale_states = sorted(sid for sid, size in states.items()
                                  if sid not in sizes or members.get(sid, 0) != size)
        out.missing_states = sorted(sid for sid in sizes if sid not in states)
        return out

    def repair_stories(self, problems: StoryProblems) -> list[str]:
        """Dissolve every story named in ``problems`` and unlink orphan articles, in one
        transaction; returns the article ids that now need a story (``cluster`` regroups
        them)."""
        a, s, st = schema.articles, schema.stories, schema.story_states
        broken = sorted({x[0] for x in problems.wrong_sizes} | set(problems.stale_states)
                        | set(problems.missing_states))
        with self.engine.begin() as conn:
            freed = set(problems.orphan_articles)
            if broken:
                freed |= set(conn.execute(select(a.c.id).where(a.c.story_id.in_(broken)))
                             .scalars())
                conn.execute(delete(s).where(s.c.id.in_(broken)))
                conn.execute(delete(st).where(st.c.story_id.in_(broken)))
            ids = sorted(freed)
            for start in range(0, len(ids), 500):
                conn.execute(update(a).where(a.c.id.in_(ids[start:start + 500]))
                             .values(story_id=None))
        return ids


__all__ = ["StateRow", "StoryProblems", "StoryStore"]
