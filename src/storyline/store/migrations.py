"""Recorded, ordered schema migrations.

Each migration runs once inside a transaction and is recorded in ``schema_migrations``.
Add new ones at the end with the next version number; never edit an applied one.
Dialect-specific steps (SQLite FTS5, PostgreSQL tsvector) branch on ``conn.dialect.name``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from . import schema, state_schema, views

Migration = tuple[int, str, Callable[[Connection], None]]


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_migrations"]
    schema.metadata.create_all(conn, tables=tables)


def _full_text(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
                "(setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                "setweight(to_tsvector('english', text), 'B')) STORED"
            )
        )
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)"))


def _story_states(conn: Connection) -> None:
    # checkfirst: a fresh database already got the table from the initial migration.
    schema.story_states.create(conn, checkfirst=True)


def _inputs(conn: Connection) -> None:
    schema.inputs.create(conn, checkfirst=True)


def _inferred_date(conn: Connection) -> None:
    # A fresh database got the column from the initial migration (schema.articles has it).
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "inferred_date" not in columns:
        conn.execute(text("ALTER TABLE articles ADD COLUMN inferred_date TEXT"))


def _follow_and_watch(conn: Connection) -> None:
    for table in (state_schema.outlet_profiles, state_schema.follows, state_schema.changes,
                  state_schema.feeds, state_schema.pages, state_schema.story_marks):
        table.create(conn, checkfirst=True)


def _lsh_keys(conn: Connection) -> None:
    # Existing fingerprints get their keys from the next ingest (Deduper.load backfills).
    schema.lsh_keys.create(conn, checkfirst=True)


def _analysis_failed(conn: Connection) -> None:
    schema.analysis_failed.create(conn, checkfirst=True)


def _story_views(conn: Connection) -> None:
    views.story_views.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    (1, "initial tables", _initial),
    (2, "full-text search", _full_text),
    (3, "story clustering state", _story_states),
    (4, "fingerprints of fully read inputs", _inputs),
    (6, "inferred document dates", _inferred_date),
    (7, "LSH band keys of fingerprints", _lsh_keys),
    (8, "outlet profiles, follows, changes log, watch state", _follow_and_watch),
    (9, "articles whose analysis failed", _analysis_failed),
    (10, "saved story views (ledger, timeline, summary)", _story_views),
]


def applied_versions(conn: Connection) -> set[int]:
    schema.schema_migrations.create(conn, checkfirst=True)
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


def migrate(conn: Connection) -> list[int]:
    """Apply pending migrations in order; returns the versions applied now."""
    done = applied_versions(conn)
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        step(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=version, name=name, applied_at=datetime.now(UTC).isoformat()
            )
        )
        applied.append(version)
    return applied
