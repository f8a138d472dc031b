"""A fresh PostgreSQL schema per test, so the whole suite can run against a real server.

``tests/conftest.py`` imports ``fresh_database`` only when ``STORYLINE_TEST_PG_URL`` is set
(CI sets it; see .ci/run). Each test gets its own schema in one shared database: creating a
schema takes a few milliseconds, where ``CREATE DATABASE`` takes hundreds, so hundreds of
tests stay fast. The yielded URL pins ``search_path`` to that schema through the libpq
``options`` connection parameter, so every engine the code under test opens (including CLI
subprocesses given ``--db URL``) lands in it without knowing it is being tested.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool


def _psycopg_url(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create an empty schema, yield a URL whose connections use it, then drop it.

    ``application_name`` is set to the schema name so teardown can end connections a test
    left open (an unclosed Store, an unfinished streaming cursor) before dropping the schema;
    otherwise a lingering transaction would make ``DROP SCHEMA`` wait forever.
    """
    name = f"t_{uuid.uuid4().hex[:16]}"
    base = _psycopg_url(url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        query = dict(base.query)
        query.update({"options": f"-csearch_path={name}", "application_name": name})
        yield base.set(query=query).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE application_name = :n AND pid <> pg_backend_pid()"),
                {"n": name},
            )
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()
