"""Recorded, ordered schema migrations.

Each migration runs once inside a transaction and is recorded in ``schema_migrations``.
Add new ones at the end with the next version number; never edit an applied one.
Dialect-specific steps (SQLite FTS5, PostgreSQL tsvector) branch on ``conn.dialect.name``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, select, text

from . import schema

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


def _analysis_failed(conn: Connection) -> None:
    schema.analysis_failed.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    (1, "initial tables", _initial),
    (2, "full-text search", _full_text),
    (3, "story clustering state", _story_states),
    (4, "fingerprints of fully read inputs", _inputs),
    (9, "articles whose analysis failed", _analysis_failed),
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
