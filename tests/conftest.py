"""Shared fixtures.

``store_url`` gives a fresh SQLite database per test; when STORYLINE_TEST_PG_URL points at a
PostgreSQL server (as in CI), every test using it also runs against PostgreSQL, in a schema
of its own, so the same suite covers both backends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import Storyline, load_options

# Shared fixture modules (web: the hand-made store and client; browser: Chromium, page).
pytest_plugins = ["tests.fixtures.web.build", "tests.fixtures.web.browser"]

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "corpus"

_BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("STORYLINE_TEST_PG_URL") else [])


@pytest.fixture(params=_BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    from tests.pg import fresh_database  # only imported when a server is configured

    with fresh_database(os.environ["STORYLINE_TEST_PG_URL"]) as url:
        yield url


@pytest.fixture
def app(store_url: str) -> Iterator[Storyline]:
    """A Storyline over a fresh store, without progress bars."""
    options = load_options(overrides={"store.url": store_url, "ingest.progress": "false"})
    sl = Storyline(options)
    yield sl
    sl.close()


def analyzed(folder: Path, db: Path) -> Storyline:
    """A Storyline over a new SQLite store at ``db`` with ``folder`` ingested and analyzed
    (module-scoped fixtures of the seed tests); the caller closes it."""
    sl = Storyline(load_options(overrides={"store.url": f"sqlite:///{db}",
                                           "ingest.progress": "false"}))
    sl.ingest([folder])
    sl.analyze()
    return sl
