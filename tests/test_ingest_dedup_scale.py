"""Ingest start-up does not load every stored signature: candidates come from the store's
LSH band index (issue 14.7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from storyline import Storyline
from storyline.store import schema

WORDS = ["council", "budget", "school", "road", "bridge", "river", "market", "station", "harbour", "museum", "library", "hospital", "airport", "tunnel", "stadium", "festival"]


def _text(n: int) -> str:
    """Distinct texts: a sentence per word, in an order that depends on n."""
    order = WORDS[n % len(WORDS):] + WORDS[: n % len(WORDS)]
    return (f"Report {n}\n\n" + " ".join(f"The {w} plan number {n * 7 + i} was debated by "
                                         f"officials on day {n}." for i, w in enumerate(order)))


def _corpus(root: Path, ns: range) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for n in ns:
        (root / f"{n:03d}.txt").write_text(_text(n))
    return root


def test_one_more_article_loads_only_candidates(app: Storyline, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app.ingest([_corpus(tmp_path / "old", range(60))], progress=False)
    store = app.store
    loaded: list[str] = []
    real_rows = store.dedup_rows

    def rows(ids):  # type: ignore[no-untyped-def]
        loaded.extend(ids)
        return real_rows(ids)

    def everything(*args, **kw):  # type: ignore[no-untyped-def]
        raise AssertionError("a full scan of articles or signatures at start-up")

    monkeypatch.setattr(store, "dedup_rows", rows)
    monkeypatch.setattr(store, "list_articles", everything)
    real_iter = store.iter_fingerprints
    monkeypatch.setattr(store, "iter_fingerprints",
                        lambda *, without_keys=False: real_iter(without_keys=True)
                        if without_keys else everything())
    near = tmp_path / "new"
    near.mkdir()
    (near / "copy.txt").write_text(_text(5).replace("Report 5", "Report five") + " Updated.")
    report = app.ingest([near], progress=False)
    monkeypatch.undo()
    assert report.ingested == 1 and report.duplicates == 1
    assert 1 <= len(loaded) <= 5  # the original and maybe a few near it, not 60
    row = next(r for r in app.articles(limit=100) if r["source_path"].endswith("copy.txt"))
    original = next(r for r in app.articles(limit=100) if r["source_path"].endswith("005.txt"))
    assert row["duplicate_of"] == original["id"]


def test_old_store_without_band_keys_is_backfilled(app: Storyline, tmp_path: Path) -> None:
    app.ingest([_corpus(tmp_path / "old", range(3))], progress=False)
    with app.store.engine.begin() as conn:  # as a store written before migration 7
        conn.execute(delete(schema.lsh_keys))
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "copy.txt").write_text(_text(1) + " Updated.")
    report = app.ingest([tmp_path / "new"], progress=False)
    assert report.duplicates == 1
    with app.store.engine.connect() as conn:
        keyed = conn.execute(select(func.count(func.distinct(schema.lsh_keys.c.article_id))))
        assert keyed.scalar_one() == 4
