"""The one storage interface, over SQLAlchemy Core (SQLite by default, PostgreSQL by URL).

The pipeline only talks to ``Store``; backend differences (full-text search, upserts) are
kept inside this module and in ``migrations``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.engine import make_url

from ..errors import NotFound
from ..model import Article, Entity
from . import schema
from .migrations import migrate

if TYPE_CHECKING:  # numpy is imported by the methods that need it: read commands start faster
    import numpy as np

ANNOTATION_FIELDS = ("sentences", "entities", "timexes", "quotes", "numbers", "events")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class StoryRow:
    id: str
    title: str | None
    size: int
    first_published: str | None
    last_published: str | None
    meta: dict[str, Any]


@dataclass
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (web UI) do not block the writer (ingest); a kill loses at most the open txn.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


class Store:
    """Articles, annotations, fingerprints, embeddings, stories and failures."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)
        self.dialect = self.engine.dialect.name
        with self.engine.begin() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    # -- articles ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            q = select(schema.articles.c.id).where(schema.articles.c.id == article_id)
            return conn.execute(q).first() is not None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(schema.articles.c.id).where(schema.articles.c.id.in_(ids[i : i + 500]))
                found.update(conn.execute(q).scalars())
        return found

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert articles not yet stored (by content id), in one transaction. Returns #added."""
        new = [a for a in articles if a.ensure_id()]
        existing = self.existing_ids(a.id for a in new)
        seen: set[str] = set()
        rows = []
        for a in new:
            if a.id in existing or a.id in seen:
                continue
            seen.add(a.id)
            rows.append(self._row(a))
        if not rows:
            return 0
        rows = [self._text_safe(r) for r in rows]
        with self.engine.begin() as conn:
            # ON CONFLICT DO NOTHING: a concurrent loader may have added the same id meanwhile.
            conn.execute(self._insert_ignore(schema.articles), rows)
            self._index_text(conn, rows)
            self._write_mentions(conn, [a for a in new if a.id in seen and a.entities])
        return len(rows)

    def _row(self, a: Article) -> dict[str, Any]:
        return {
            "id": a.id, "url": a.url, "source_path": a.source_path, "title": a.title,
            "outlet": a.outlet, "author": a.author, "published": a.published,
            "published_source": a.published_source, "language": a.language, "format": a.format,
            "text": a.text, "removed": json.dumps(a.removed), "duplicate_of": a.duplicate_of,
            "syndication_group": a.syndication_group, "story_id": a.story_id,
            "analyzed": bool(a.entities or a.timexes or a.sentences),
            "annotations": json.dumps(_annotations(a)), "meta": json.dumps(a.meta, default=str),
            "ingested_at": _now(),
        }

    def _insert_ignore(self, table: Any) -> Any:
        # Dialect modules imported here: the PostgreSQL one (with asyncpg's) costs ~0.06 s.
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table).on_conflict_do_nothing()
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            return sqlite_insert(table).on_conflict_do_nothing()
        return insert(table)

    def _text_safe(self, values: dict[str, Any]) -> dict[str, Any]:
        """PostgreSQL text cannot hold NUL; a space keeps every character offset valid."""
        if self.dialect != "postgresql":
            return values
        return {k: v.replace("\x00", " ") if isinstance(v, str) else v for k, v in values.items()}

    def _index_text(self, conn: Any, rows: list[dict[str, Any]]) -> None:
        if self.dialect == "sqlite":
            conn.execute(
                text("INSERT INTO articles_fts (id, title, text) VALUES (:id, :title, :text)"),
                [{"id": r["id"], "title": r["title"] or "", "text": r["text"]} for r in rows],
            )

    def _write_mentions(self, conn: Any, arts: Sequence[Article]) -> None:
        if not arts:
            return
        conn.execute(
            delete(schema.mentions).where(schema.mentions.c.article_id.in_([a.id for a in arts]))
        )
        rows = [
            self._text_safe({"article_id": a.id, "canonical": e.canonical, "label": e.label,
                             "start": e.start, "end": e.end})
            for a in arts for e in a.entities
        ]
        if rows:
            conn.execute(insert(schema.mentions), rows)

    def save_annotations(self, articles: Sequence[Article]) -> None:
        """Store the analysis results of already-stored articles (replaces earlier ones)."""
        with self.engine.begin() as conn:
            for a in articles:
                conn.execute(
                    update(schema.articles)
                    .where(schema.articles.c.id == a.id)
                    .values(annotations=json.dumps(_annotations(a)), analyzed=True,
                            meta=json.dumps(a.meta, default=str))
                )
            self._write_mentions(conn, articles)

    def set_fields(self, article_id: str, **values: Any) -> None:
        """Update plain columns (duplicate_of, syndication_group, story_id, published...)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.articles).where(schema.articles.c.id == article_id)
                .values(**self._text_safe(values))
            )

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.articles).where(schema.articles.c.id.startswith(article_id))
            ).mappings().first()
        if row is None:
            raise NotFound("article", article_id)
        return _article(row)

    def iter_articles(
        self, *, analyzed: bool | None = None, story_id: str | None = None,
        ids: Sequence[str] | None = None, batch: int = 200,
    ) -> Iterator[Article]:
        """Stream full articles (with annotations) in ingest order."""
        q = select(schema.articles).order_by(schema.articles.c.ingested_at, schema.articles.c.id)
        if analyzed is not None:
            q = q.where(schema.articles.c.analyzed == analyzed)
        if story_id is not None:
            q = q.where(schema.articles.c.story_id == story_id)
        if ids is not None:
            q = q.where(schema.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(q)
            for row in result.mappings():
                yield _article(row)

    def list_articles(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None,
        since: str | None = None, until: str | None = None, entity: str | None = None,
        story_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Article summaries (no text), newest first, with optional filters."""
        a = schema.articles
        q = select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url, a.c.source_path,
                   a.c.duplicate_of, a.c.syndication_group, a.c.story_id, a.c.language,
                   func.length(a.c.text).label("chars"))
        if outlet:
            q = q.where(a.c.outlet == outlet)
        if since:
            q = q.where(a.c.published >= since)
        if until:
            q = q.where(a.c.published <= until)
        if story_id:
            q = q.where(a.c.story_id == story_id)
        if entity:
            sub = select(schema.mentions.c.article_id).where(schema.mentions.c.canonical == entity)
            q = q.where(a.c.id.in_(sub))
        # NULLS LAST on both backends (PostgreSQL puts NULLs first in DESC by default).
        q = q.order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def article_ids(self, *, analyzed: bool | None = None) -> list[str]:
        """Ids only (cheap), in ingest order; the analysis runner loads texts batch by batch."""
        a = schema.articles
        q = select(a.c.id).order_by(a.c.ingested_at, a.c.id)
        if analyzed is not None:
            q = q.where(a.c.analyzed == analyzed)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        if not query.strip():
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(
                    text(
                        "SELECT a.id, a.title, a.outlet, a.published, "
                        "snippet(articles_fts, 2, '[', ']', ' … ', 12) AS snippet "
                        "FROM articles_fts JOIN articles a ON a.id = articles_fts.id "
                        "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": _fts5_query(query), "n": limit},
                ).mappings()
            else:
                rows = conn.execute(
                    text(
                        "SELECT id, title, outlet, published, ts_headline('english', text, q, "
                        "'StartSel=[,StopSel=],MaxWords=20,MinWords=8') AS snippet "
                        "FROM articles, websearch_to_tsquery('english', :q) q "
                        "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT :n"
                    ),
                    {"q": query, "n": limit},
                ).mappings()
            return [SearchHit(**dict(r)) for r in rows]

    # -- fingerprints and embeddings ----------------------------------------------------------

    def save_fingerprint(self, article_id: str, hashvalues: np.ndarray) -> None:
        import numpy as np

        blob = np.asarray(hashvalues, dtype="<u8").tobytes()
        with self.engine.begin() as conn:
            conn.execute(delete(schema.fingerprints).where(
                schema.fingerprints.c.article_id == article_id))
            conn.execute(insert(schema.fingerprints).values(article_id=article_id, minhash=blob))

    def save_fingerprints(self, rows: Sequence[tuple[str, np.ndarray]]) -> None:
        """Several fingerprints in one transaction (ingest saves one per new article)."""
        import numpy as np

        if not rows:
            return
        table = schema.fingerprints
        with self.engine.begin() as conn:
            ids = [aid for aid, _ in rows]
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
            conn.execute(insert(table), [
                {"article_id": aid, "minhash": np.asarray(v, dtype="<u8").tobytes()}
                for aid, v in dict(rows).items()])

    def iter_fingerprints(self) -> Iterator[tuple[str, np.ndarray]]:
        import numpy as np

        with self.engine.connect() as conn:
            for aid, blob in conn.execute(select(schema.fingerprints)):
                yield aid, np.frombuffer(blob, dtype="<u8")

    def save_embedding(self, article_id: str, model: str, vector: np.ndarray) -> None:
        import numpy as np

        vec = np.asarray(vector, dtype="<f4")
        with self.engine.begin() as conn:
            conn.execute(delete(schema.embeddings).where(
                schema.embeddings.c.article_id == article_id))
            conn.execute(insert(schema.embeddings).values(
                article_id=article_id, model=model, dim=int(vec.shape[0]), vector=vec.tobytes()))

    def iter_embeddings(self, model: str | None = None) -> Iterator[tuple[str, np.ndarray]]:
        import numpy as np

        q = select(schema.embeddings.c.article_id, schema.embeddings.c.vector)
        if model:
            q = q.where(schema.embeddings.c.model == model)
        with self.engine.connect() as conn:
            for aid, blob in conn.execute(q):
                yield aid, np.frombuffer(blob, dtype="<f4")

    # -- stories ------------------------------------------------------------------------------

    def upsert_story(self, row: StoryRow) -> None:
        values = self._text_safe(
            {"title": row.title, "size": row.size, "first_published": row.first_published,
             "last_published": row.last_published, "meta": json.dumps(row.meta, default=str),
             "updated_at": _now()})
        with self.engine.begin() as conn:
            done = conn.execute(
                update(schema.stories).where(schema.stories.c.id == row.id).values(**values)
            ).rowcount
            if not done:
                conn.execute(insert(schema.stories).values(id=row.id, created_at=_now(), **values))

    def list_stories(
        self, *, limit: int = 100, offset: int = 0, query: str | None = None,
        since: str | None = None, until: str | None = None, outlet: str | None = None,
        entity: str | None = None,
    ) -> list[StoryRow]:
        s, a = schema.stories, schema.articles
        q = select(s)
        if query:
            q = q.where(or_(s.c.title.ilike(f"%{query}%"), s.c.meta.ilike(f"%{query}%")))
        if since:
            q = q.where(s.c.last_published >= since)
        if until:
            q = q.where(s.c.first_published <= until)
        if outlet:
            q = q.where(s.c.id.in_(select(a.c.story_id).where(a.c.outlet == outlet)))
        if entity:
            sub = select(a.c.story_id).where(a.c.id.in_(
                select(schema.mentions.c.article_id).where(schema.mentions.c.canonical == entity)))
            q = q.where(s.c.id.in_(sub))
        q = q.order_by(s.c.size.desc(), s.c.last_published.desc().nulls_last(), s.c.id)
        q = q.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_story(r) for r in conn.execute(q).mappings()]

    def get_story(self, story_id: str) -> StoryRow:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.stories).where(schema.stories.c.id.startswith(story_id))
            ).mappings().first()
        if row is None:
            raise NotFound("story", story_id)
        return _story(row)

    def delete_stories(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(schema.articles).values(story_id=None))
            conn.execute(delete(schema.stories))

    def entity_names(self, prefix: str = "", limit: int = 50) -> list[tuple[str, str, int]]:
        m = schema.mentions
        q = (select(m.c.canonical, m.c.label, func.count(func.distinct(m.c.article_id)).label("n"))
             .where(m.c.canonical.ilike(f"{prefix}%"))
             .group_by(m.c.canonical, m.c.label).order_by(text("n DESC")).limit(limit))
        with self.engine.connect() as conn:
            return [(r[0], r[1], int(r[2])) for r in conn.execute(q)]

    # -- failures -----------------------------------------------------------------------------

    def input_fingerprint(self, path: str) -> tuple[str, int] | None:
        """(fingerprint, article count) recorded when ``path`` was last read in full."""
        q = select(schema.inputs.c.fingerprint, schema.inputs.c.articles).where(
            schema.inputs.c.path == path)
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        return (row[0], row[1]) if row else None

    def input_fingerprints(self, paths: Sequence[str]) -> dict[str, tuple[str, int]]:
        """``input_fingerprint`` for many paths at once (those never read in full are absent)."""
        t = schema.inputs
        out: dict[str, tuple[str, int]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(paths), 500):
                q = select(t.c.path, t.c.fingerprint, t.c.articles).where(
                    t.c.path.in_(list(paths[i:i + 500])))
                out.update((p, (f, n)) for p, f, n in conn.execute(q))
        return out

    def record_inputs(self, rows: Sequence[tuple[str, str, int]]) -> None:
        """Remember inputs read in full: (path, fingerprint, article count)."""
        rows = list({r[0]: r for r in rows}.values())  # one row per path, the last wins
        if not rows:
            return
        table = schema.inputs
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.path.in_([r[0] for r in rows])))
            conn.execute(insert(table), [self._text_safe(
                {"path": p, "fingerprint": f, "articles": n, "ingested_at": _now()})
                for p, f, n in rows])

    def record_failure(self, source: str, reason: str, stage: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(schema.failures).values(**self._text_safe(
                {"source": source, "reason": reason, "stage": stage, "at": _now()})))

    # -- articles whose analysis failed (skipped by reruns unless retried) --------------------

    def mark_analysis_failed(self, rows: Sequence[tuple[str, str | None, str]]) -> None:
        """Mark articles (id, stage, reason) as failed in analysis; replaces earlier marks."""
        if not rows:
            return
        table = schema.analysis_failed
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.article_id.in_([r[0] for r in rows])))
            conn.execute(insert(table), [self._text_safe(
                {"article_id": aid, "stage": stage, "reason": reason, "at": _now()})
                for aid, stage, reason in dict((r[0], r) for r in rows).values()])

    def analysis_failed_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(schema.analysis_failed.c.article_id)).scalars())

    def clear_analysis_failed(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        table = schema.analysis_failed
        with self.engine.begin() as conn:
            for i in range(0, len(ids), 500):
                conn.execute(delete(table).where(table.c.article_id.in_(ids[i:i + 500])))

    def list_failures(self, limit: int = 100) -> list[dict[str, Any]]:
        q = select(schema.failures).order_by(schema.failures.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]


def _annotations(a: Article) -> dict[str, Any]:
    d = a.to_dict()
    return {k: d[k] for k in ANNOTATION_FIELDS}


def _article(row: Any) -> Article:
    data = {k: row[k] for k in ("id", "url", "source_path", "title", "outlet", "author",
                                "published", "published_source", "language", "format", "text",
                                "duplicate_of", "syndication_group", "story_id")}
    data["removed"] = json.loads(row["removed"] or "[]")
    data["meta"] = json.loads(row["meta"] or "{}")
    data.update(json.loads(row["annotations"] or "{}"))
    return Article.from_dict(data)


def _story(row: Any) -> StoryRow:
    return StoryRow(id=row["id"], title=row["title"], size=row["size"],
                    first_published=row["first_published"], last_published=row["last_published"],
                    meta=json.loads(row["meta"] or "{}"))


def _fts5_query(query: str) -> str:
    """Quote each word so user input like 'Putin-Xi' or 'AND' is not FTS5 syntax."""
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)


__all__ = ["Store", "StoryRow", "SearchHit", "Entity"]
