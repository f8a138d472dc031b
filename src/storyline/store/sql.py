"""The one storage interface, over SQLAlchemy Core (SQLite by default, PostgreSQL by URL).

The pipeline only talks to ``Store``; backend differences (full-text search, upserts) are
kept inside this module and in ``migrations``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import AmbiguousId, ConfigError, NotFound, StoreError
from ..model import Article, Entity
from . import schema
from .lock import WriterLock
from .migrations import migrate
from .query import date_bound, fts5_match, search_terms
from .state import StateMixin
from .story_io import StoryStore
from .views import ViewStore

if TYPE_CHECKING:  # numpy is imported by the methods that need it: read commands start faster
    import numpy as np

_UPSERT = ("sqlite", "postgresql")  # dialects with INSERT ... ON CONFLICT (DO NOTHING, DO UPDATE)
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


def open_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url``; with ``create=False`` a missing SQLite file is ``StoreError``
    (a read command must not create folders and an empty store from a mistyped path)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"--db {url!r} is neither a file path nor a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database).expanduser()
            if not create and not path.is_file():
                raise StoreError(f"no store at {path}; check --db, or create one with "
                                 "`storyline ingest PATH`")
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    # A bounded wait: an unreachable server is a one-line error, not a hang.
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


class Store(StoryStore, StateMixin, ViewStore):
    """Articles, annotations, fingerprints, embeddings, stories and failures."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.engine = open_engine(url, create=create)
        self.dialect = self.engine.dialect.name
        self.writer = WriterLock(self.engine, url)
        try:
            with self.engine.begin() as conn:
                migrate(conn)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open store {_shown(url)}: {_first_line(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the store's writer lock (re-entrant); ``StoreBusy`` if another process has it."""
        return self.writer.hold()

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
        return len(self.insert_articles(articles))

    def insert_articles(self, articles: Sequence[Article]) -> list[str]:
        """Insert articles not yet stored (by content id), in one transaction; returns the ids
        inserted here (not those a concurrent writer stored first)."""
        new = [a for a in articles if a.ensure_id()]
        # SQLite and PostgreSQL skip stored ids themselves (ON CONFLICT DO NOTHING, below).
        existing = self.existing_ids(a.id for a in new) if self.dialect not in _UPSERT else set()
        seen: set[str] = set()
        rows = []
        for a in new:
            if a.id in existing or a.id in seen:
                continue
            seen.add(a.id)
            rows.append(self._row(a))
        if not rows:
            return []
        rows = [self._text_safe(r) for r in rows]
        with self.engine.begin() as conn:
            # ON CONFLICT DO NOTHING: a concurrent writer may have added the same id meanwhile;
            # only the rows inserted here are indexed and counted.
            inserted = set(conn.execute(
                self._insert_ignore(schema.articles).returning(schema.articles.c.id),
                rows).scalars())
            rows = [r for r in rows if r["id"] in inserted]
            self._index_text(conn, rows)
            self._write_mentions(conn, [a for a in new if a.id in inserted and a.entities])
        return [r["id"] for r in rows]

    def _row(self, a: Article) -> dict[str, Any]:
        return {
            "id": a.id, "url": a.url, "source_path": a.source_path, "title": a.title,
            "outlet": a.outlet, "author": a.author, "published": a.published,
            "published_source": a.published_source, "language": a.language, "format": a.format,
            "text": a.text, "removed": json.dumps(a.removed), "duplicate_of": a.duplicate_of,
            "syndication_group": a.syndication_group, "story_id": a.story_id,
            "analyzed": bool(a.entities or a.timexes or a.sentences),
            "annotations": json.dumps(_annotations(a)), "meta": json.dumps(a.meta, default=str),
            "ingested_at": _now(), "inferred_date": _inferred_json(a),
        }

    def _insert_ignore(self, table: Any) -> Any:
        stmt = self._dialect_insert(table)
        return stmt.on_conflict_do_nothing() if self.dialect in _UPSERT else stmt

    def _dialect_insert(self, table: Any) -> Any:
        """The dialect's INSERT (with ON CONFLICT clauses on SQLite and PostgreSQL)."""
        # Dialect modules imported here: the PostgreSQL one (with asyncpg's) costs ~0.06 s.
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            return sqlite_insert(table)
        return insert(table)

    def _text_safe(self, values: dict[str, Any]) -> dict[str, Any]:
        """PostgreSQL text cannot hold NUL; a space keeps every character offset valid."""
        if self.dialect != "postgresql":
            return values
        return {k: v.replace("\x00", " ") if isinstance(v, str) else v for k, v in values.items()}

    def _index_text(self, conn: Any, rows: list[dict[str, Any]]) -> None:
        if self.dialect == "sqlite" and rows:
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
                            meta=json.dumps(a.meta, default=str),
                            inferred_date=_inferred_json(a))
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
        """The article with this id, or else the one whose id starts with it (unique)."""
        with self.engine.connect() as conn:
            return _article(_by_id(conn, schema.articles, "article", article_id))

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
        story_id: str | None = None, sort: str = "newest",
    ) -> list[dict[str, Any]]:
        """Article summaries (no text), newest first (or ``sort``: ARTICLE_SORTS), filtered."""
        a = schema.articles
        since, until = date_bound(since, "since"), date_bound(until, "until")
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
        q = q.order_by(*_article_order(a, sort), a.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def articles_by_source(self, fragment: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, source path) of articles whose source path contains ``fragment`` literally."""
        a = schema.articles
        q = (select(a.c.id, a.c.source_path)
             .where(a.c.source_path.contains(fragment, autoescape=True)).limit(limit))
        with self.engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(q)]

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
        """Articles with every word of ``query`` (plain words; operators are not syntax)."""
        terms = search_terms(query)
        if not terms:
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
                    {"q": fts5_match(terms), "n": limit},
                ).mappings()
            else:
                rows = conn.execute(
                    text(
                        "SELECT id, title, outlet, published, ts_headline('english', text, q, "
                        "'StartSel=[,StopSel=],MaxWords=20,MinWords=8') AS snippet "
                        "FROM articles, plainto_tsquery('english', :q) q "
                        "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT :n"
                    ),
                    {"q": " ".join(terms), "n": limit},
                ).mappings()
            return [SearchHit(**dict(r)) for r in rows]

    # -- fingerprints and embeddings ----------------------------------------------------------

    def save_fingerprint(self, article_id: str, hashvalues: np.ndarray,
                         keys: Sequence[int] = ()) -> None:
        """A MinHash signature and its LSH band keys (replacing earlier ones)."""
        self.save_fingerprints([(article_id, hashvalues, keys)])

    def save_fingerprints(self, rows: Sequence[tuple[str, np.ndarray, Sequence[int]]]) -> None:
        """Several (id, signature, band keys) in one transaction (replacing earlier ones)."""
        import numpy as np

        if not rows:
            return
        fp, lk = schema.fingerprints, schema.lsh_keys
        ids = [r[0] for r in rows]
        keyed = list(itertools.chain.from_iterable(
            zip(itertools.repeat(aid), dict.fromkeys(keys)) for aid, _, keys in rows))
        with self.engine.begin() as conn:
            conn.execute(delete(fp).where(fp.c.article_id.in_(ids)))
            conn.execute(delete(lk).where(lk.c.article_id.in_(ids)))
            self._insert_many(conn, fp, ("article_id", "minhash"), [
                (aid, np.asarray(values, dtype="<u8").tobytes()) for aid, values, _ in rows])
            self._insert_many(conn, lk, ("article_id", "key"), keyed)

    def _insert_many(self, conn: Any, table: Any, columns: tuple[str, ...],
                     rows: list[tuple[Any, ...]]) -> None:
        """Plain rows (values in ``columns`` order) through the driver's executemany: the
        statement is compiled once, not per row (SQLAlchemy's per-row parameter processing
        was most of the time of saving a batch's ~1,850 band keys)."""
        if not rows:
            return
        compiled = insert(table).compile(dialect=self.engine.dialect, column_keys=list(columns))
        if compiled.positional:
            order = [columns.index(name) for name in compiled.positiontup or ()]
            params: list[Any] = [tuple(row[i] for i in order) for row in rows]
        else:
            params = [dict(zip(columns, row, strict=True)) for row in rows]
        conn.exec_driver_sql(str(compiled), params)

    def iter_fingerprints(self, *, without_keys: bool = False
                          ) -> Iterator[tuple[str, np.ndarray]]:
        """Stored signatures (``without_keys``: only those with no LSH band keys yet)."""
        import numpy as np

        fp, lk = schema.fingerprints, schema.lsh_keys
        q = select(fp.c.article_id, fp.c.minhash)
        if without_keys:
            q = q.where(~select(lk.c.article_id).where(lk.c.article_id == fp.c.article_id)
                        .exists())
        with self.engine.connect() as conn:
            for aid, blob in conn.execute(q):
                yield aid, np.frombuffer(blob, dtype="<u8")

    def ids_without_fingerprint(self) -> list[str]:
        a, fp = schema.articles, schema.fingerprints
        q = select(a.c.id).where(~select(fp.c.article_id).where(fp.c.article_id == a.c.id)
                                 .exists()).order_by(a.c.ingested_at, a.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def lsh_candidates(self, keys: Sequence[int]) -> set[str]:
        """Ids of articles sharing at least one LSH band key."""
        return set().union(*self.lsh_lookup(keys).values())

    def lsh_lookup(self, keys: Iterable[int]) -> dict[int, set[str]]:
        """Band key -> ids of the stored articles having it (keys nobody has are left out)."""
        keys = list(dict.fromkeys(map(int, keys)))
        lk = schema.lsh_keys
        out: dict[int, set[str]] = {}
        if not keys:
            return out
        # The keys are integers, written into the SQL: a batch asks for ~1,850 of them and
        # SQLAlchemy's per-value handling of a bound IN list cost more than the query.
        head = str(select(lk.c.key, lk.c.article_id).compile(dialect=self.engine.dialect))
        column = self.engine.dialect.identifier_preparer.format_column(lk.c.key)
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                listed = ",".join(map(str, keys[i:i + 500]))
                for key, aid in conn.exec_driver_sql(f"{head} WHERE {column} IN ({listed})"):
                    out.setdefault(int(key), set()).add(aid)
        return out

    def dedup_rows(self, ids: Sequence[str]
                   ) -> Iterator[tuple[str, np.ndarray, str | None, str | None, str]]:
        """(id, signature, duplicate_of, syndication_group, ingested_at) of these articles."""
        import numpy as np

        a, fp = schema.articles, schema.fingerprints
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = (select(a.c.id, fp.c.minhash, a.c.duplicate_of, a.c.syndication_group,
                            a.c.ingested_at).join(fp, fp.c.article_id == a.c.id)
                     .where(a.c.id.in_(list(ids[i:i + 500]))))
                for aid, blob, dup, group, seen in conn.execute(q):
                    yield aid, np.frombuffer(blob, dtype="<u8"), dup, group, seen

    def source_paths(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Stored id -> its source path, for those of ``ids`` that are stored."""
        ids = list(ids)
        a = schema.articles
        out: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(a.c.id, a.c.source_path).where(a.c.id.in_(ids[i:i + 500]))
                out.update({r[0]: r[1] for r in conn.execute(q)})
        return out

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
        with self.engine.begin() as conn:
            self._put_story(conn, row)

    def list_stories(
        self, *, limit: int = 100, offset: int = 0, query: str | None = None,
        since: str | None = None, until: str | None = None, outlet: str | None = None,
        entity: str | None = None, sort: str = "size",
    ) -> list[StoryRow]:
        """Stories, biggest first (or ``sort``: STORY_SORTS), with optional filters."""
        s, a = schema.stories, schema.articles
        since, until = date_bound(since, "since"), date_bound(until, "until")
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
        q = q.order_by(*_story_order(s, sort), s.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_story(r) for r in conn.execute(q).mappings()]

    def get_story(self, story_id: str) -> StoryRow:
        """The story with this id, or else the one whose id starts with it (unique)."""
        with self.engine.connect() as conn:
            return _story(_by_id(conn, schema.stories, "story", story_id))

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

    def input_fingerprints(self, paths: Sequence[str]) -> dict[str, tuple[str, int]]:
        """(fingerprint, article count) recorded when each path was last read in full (paths
        never read in full are absent)."""
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
        stmt = self._dialect_insert(table)
        if self.dialect in _UPSERT:
            # Two writers that read the same input both insert its row: the later one wins
            # (a plain insert after the delete failed the run on the primary key).
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c.path],
                set_={c: stmt.excluded[c] for c in ("fingerprint", "articles", "ingested_at")})
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.path.in_([r[0] for r in rows])))
            conn.execute(stmt, [self._text_safe(
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


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(exc: SQLAlchemyError) -> str:
    """The driver's own message (e.g. 'file is not a database'), without SQL or URLs."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


MAX_CANDIDATES = 10  # ids listed when a prefix is ambiguous


def _by_id(conn: Any, table: Any, kind: str, ident: str) -> Any:
    """Exact id first, then a unique prefix (LIKE wildcards in it escaped); else NotFound
    or AmbiguousId listing the candidates."""
    row = conn.execute(select(table).where(table.c.id == ident)).mappings().first()
    if row is not None:
        return row
    if not ident.strip():
        raise NotFound(kind, ident)
    q = (select(table.c.id).where(table.c.id.startswith(ident, autoescape=True))
         .order_by(table.c.id).limit(MAX_CANDIDATES + 1))
    found = list(conn.execute(q).scalars())
    if not found:
        raise NotFound(kind, ident)
    if len(found) > 1:
        raise AmbiguousId(kind, ident, found[:MAX_CANDIDATES], more=len(found) > MAX_CANDIDATES)
    return conn.execute(select(table).where(table.c.id == found[0])).mappings().one()


def _annotations(a: Article) -> dict[str, Any]:
    # The same values as ``a.to_dict()``'s, without converting the whole article (its text,
    # input and removed lines): that was a quarter of an ingest batch's insert time.
    return {k: [dataclasses.asdict(x) if dataclasses.is_dataclass(x) and not isinstance(x, type)
                else x for x in getattr(a, k)] for k in ANNOTATION_FIELDS}


def _inferred_json(a: Article) -> str | None:
    return json.dumps(dataclasses.asdict(a.inferred_date)) if a.inferred_date else None


def _article(row: Any) -> Article:
    data = {k: row[k] for k in ("id", "url", "source_path", "title", "outlet", "author",
                                "published", "published_source", "language", "format", "text",
                                "duplicate_of", "syndication_group", "story_id")}
    data["removed"] = json.loads(row["removed"] or "[]")
    data["meta"] = json.loads(row["meta"] or "{}")
    data["inferred_date"] = json.loads(row.get("inferred_date") or "null")
    data.update(json.loads(row["annotations"] or "{}"))
    return Article.from_dict(data)


def _story(row: Any) -> StoryRow:
    return StoryRow(id=row["id"], title=row["title"], size=row["size"],
                    first_published=row["first_published"], last_published=row["last_published"],
                    meta=json.loads(row["meta"] or "{}"))


# Sort keys of the listings (CLI --sort, web ?sort=). NULLS LAST on both backends
# (PostgreSQL puts NULLs first in DESC by default).
STORY_SORTS = ("size", "latest", "earliest", "title")
ARTICLE_SORTS = ("newest", "oldest", "outlet", "title")


def _story_order(s: Any, sort: str) -> list[Any]:
    orders = {
        "size": [s.c.size.desc(), s.c.last_published.desc().nulls_last()],
        "latest": [s.c.last_published.desc().nulls_last(), s.c.size.desc()],
        "earliest": [s.c.first_published.asc().nulls_last(), s.c.size.desc()],
        "title": [s.c.title.asc().nulls_last()],
    }
    if sort not in orders:
        raise ConfigError(f"unknown story sort {sort!r}; use one of {', '.join(STORY_SORTS)}")
    return orders[sort]


def _article_order(a: Any, sort: str) -> list[Any]:
    orders = {
        "newest": [a.c.published.desc().nulls_last()],
        "oldest": [a.c.published.asc().nulls_last()],
        "outlet": [a.c.outlet.asc().nulls_last(), a.c.published.desc().nulls_last()],
        "title": [a.c.title.asc().nulls_last()],
    }
    if sort not in orders:
        raise ConfigError(f"unknown article sort {sort!r}; use one of {', '.join(ARTICLE_SORTS)}")
    return orders[sort]


__all__ = ["Store", "StoryRow", "SearchHit", "Entity"]
