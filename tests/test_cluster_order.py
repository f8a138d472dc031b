"""Order independence: daily batches and random batches agree with ``cluster --rebuild``."""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

from storyline import Storyline, load_options
from tests.fixtures.cluster.stream import generate, write_corpus


def _agreement(a: dict[str, str], b: dict[str, str]) -> float:
    """Pairwise F1 of clustering ``a`` against ``b`` (same keys)."""
    tp = fp = fn = 0
    for i, j in combinations(sorted(a), 2):
        same_a, same_b = a[i] == a[j], b[i] == b[j]
        tp += same_a and same_b
        fp += same_a and not same_b
        fn += same_b and not same_a
    return 2 * tp / (2 * tp + fp + fn) if tp else float(fp == fn == 0)


def _open(url: str, **overrides: str) -> Storyline:
    return Storyline(load_options(overrides={
        "store.url": url, "ingest.progress": "false", "stories.embedder": "hashing",
        **overrides}))


def _stories(app: Storyline) -> dict[str, str]:
    return {Path(a.source_path or "").stem: a.story_id or "" for a in app.store.iter_articles()}


def _feed(app: Storyline, batches: list[list[Path]]) -> dict[str, str]:
    for batch in batches:
        app.ingest(batch)
        app.build_stories()
    assert app.doctor()["ok"]
    return _stories(app)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("stream") / "corpus"
    articles = generate(n_stories=40, seed=5)
    write_corpus(folder, articles)
    return folder, articles


@pytest.fixture
def rebuilt(corpus: tuple[Path, list[dict[str, str]]], tmp_path: Path) -> Iterator[dict[str, str]]:
    app = _open(f"sqlite:///{tmp_path / 'all.db'}")
    app.ingest([corpus[0]])
    app.build_stories(rebuild=True)
    yield _stories(app)
    app.close()


def test_daily_batches_match_rebuild(corpus: tuple[Path, list[dict[str, str]]],
                                     rebuilt: dict[str, str], store_url: str) -> None:
    folder, articles = corpus
    days: dict[str, list[Path]] = {}
    for a in articles:
        days.setdefault(a["published"], []).append(folder / f"{a['stem']}.txt")
    app = _open(store_url)
    got = _feed(app, [days[d] for d in sorted(days)])
    app.close()
    assert _agreement(got, rebuilt) >= 0.98
    assert len(set(got.values())) == len(set(rebuilt.values()))


def test_random_batches_of_four_match_rebuild(corpus: tuple[Path, list[dict[str, str]]],
                                             rebuilt: dict[str, str], store_url: str) -> None:
    folder, articles = corpus
    paths = [folder / f"{a['stem']}.txt" for a in articles]
    random.Random(11).shuffle(paths)
    app = _open(store_url)
    got = _feed(app, [paths[i:i + 4] for i in range(0, len(paths), 4)])
    app.close()
    assert _agreement(got, rebuilt) >= 0.98
    # Story ids come from each story's first article, so they agree too.
    assert got == rebuilt
