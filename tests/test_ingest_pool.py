"""Ingest with cleaning in worker processes stores exactly what one process stores; a page
that breaks the cleaner, or kills its worker, fails alone."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

from storyline import Storyline, load_options
from storyline.clean import to_article
from storyline.ingest import pool, runner
from storyline.ingest.records import RawRecord

WORDS = ["minister", "council", "officials", "report", "budget", "city", "region", "week", "plan", "vote", "agreement", "talks", "border", "trade", "energy", "prices", "market", "company", "workers", "union", "strike", "court", "judge", "police", "election", "party", "leader", "president", "visit", "summit", "meeting", "security"]


def _page(i: int, body: str | None = None) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(90)]
    text = body or " ".join(words).capitalize() + "."
    return (f"<html><head><title>Story {i} | Valley Herald</title>"
            "<meta property='og:site_name' content='Valley Herald'>"
            f"<meta property='article:published_time' content='2024-03-{1 + i % 27:02d}'>"
            f"</head><body><nav>Home World</nav><article><h1>Story {i}</h1><p>{text}</p>"
            f"<p>{text} More.</p></article><footer>(c) 2024</footer></body></html>")


def _corpus(folder: Path, n: int, extra: dict[str, str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        # Every fifth page repeats an earlier one: the duplicate check must see them in order.
        (folder / f"{i:03d}.html").write_text(_page(i if i % 5 else max(0, i - 3)), "utf-8")
    for name, html in (extra or {}).items():
        (folder / name).write_text(html, "utf-8")


def _ingest(url: str, folder: Path, n_process: int,
            fingerprints: list[Any] | None = None) -> tuple[Any, list[dict[str, Any]]]:
    options = load_options(overrides={"store.url": url, "ingest.progress": "false",
                                      "ingest.n_process": n_process})
    app = Storyline(options)
    report = app.ingest([folder])
    rows = sorted((a.id, a.source_path, a.title, a.outlet, a.published, a.duplicate_of,
                   a.syndication_group, a.text) for a in app.store.iter_articles())
    if fingerprints is not None:
        fingerprints.extend(sorted((aid, values.tolist())
                                   for aid, values in app.store.iter_fingerprints()))
    app.close()
    return report, rows  # type: ignore[return-value]


def _explode(record: RawRecord, options: Any) -> Any:
    if "EXPLODE" in record.content:
        raise RecursionError("maximum recursion depth exceeded")
    if "DIE" in record.content:
        os._exit(3)  # a crash in a C extension
    return to_article(record, options)


def test_workers_store_the_same_articles_as_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_RECORDS", 4)
    monkeypatch.setattr(runner, "to_article", _explode)
    _corpus(tmp_path / "in", 30, {"015b.html": _page(99, "EXPLODE " * 60)})
    one = _ingest(f"sqlite:///{tmp_path / 'one.db'}", tmp_path / "in", 1)
    two = _ingest(f"sqlite:///{tmp_path / 'two.db'}", tmp_path / "in", 2)
    assert one[1] == two[1] and len(one[1]) > 20
    for report in (one[0], two[0]):
        assert (report.ingested, report.duplicates) == (one[0].ingested, one[0].duplicates)
        # Before: the RecursionError ended the whole ingest.
        assert [(f.source.rsplit("/", 1)[-1], f.reason) for f in report.failures] == [
            ("015b.html", "unexpected RecursionError: maximum recursion depth exceeded")]


def test_a_page_that_kills_its_worker_fails_alone(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_RECORDS", 2)
    monkeypatch.setattr(runner, "to_article", _explode)
    _corpus(tmp_path / "in", 12, {"007b.html": _page(77, "DIE " * 60)})
    report, rows = _ingest(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "in", 2)
    assert [f.source.rsplit("/", 1)[-1] for f in report.failures] == ["007b.html"]
    assert "worker process" in report.failures[0].reason
    assert len(rows) == report.ingested and report.ingested + report.duplicates == 12


def test_workers_sign_and_mark_duplicates_as_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Signatures are computed in the workers, compared in the parent: the same duplicate
    # and syndication marks, and the same stored signatures, as one process's.
    monkeypatch.setattr(pool, "MIN_RECORDS", 4)
    folder = tmp_path / "in"
    folder.mkdir()
    def words(i: int) -> list[str]:
        return random.Random(i).choices(WORDS, k=120)

    for i in range(40):
        text = words(i)
        if i % 6 == 5:  # a near duplicate of an earlier page: one word changed
            text = [*words(i - 1)[:60], "revised", *words(i - 1)[61:]]
        elif i % 6 == 3:  # a reprint cut short: syndicated, not a near duplicate
            text = words(i - 1)[:70]
        (folder / f"{i:03d}.html").write_text(_page(i, " ".join(text) + "."), "utf-8")
    one_fp: list[Any] = []
    two_fp: list[Any] = []
    one = _ingest(f"sqlite:///{tmp_path / 'one.db'}", folder, 1, one_fp)
    two = _ingest(f"sqlite:///{tmp_path / 'two.db'}", folder, 2, two_fp)
    assert one[1] == two[1] and len(one[1]) == 40
    assert one_fp == two_fp and len(one_fp) == len(one[1])
    assert (one[0].ingested, one[0].duplicates) == (two[0].ingested, two[0].duplicates)
    marked = [row for row in one[1] if row[5]]
    grouped = [row for row in one[1] if row[6] and not row[5]]
    assert len(marked) >= 5 and len(grouped) >= 5


def test_workers_return_articles_with_their_input(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers send articles back without ``raw``; the parent puts it back from the record.
    monkeypatch.setattr(pool, "MIN_RECORDS", 3)
    options = load_options(overrides={"ingest.progress": "false"})
    records = [RawRecord(source=f"{i}.html", format="html", content=_page(i), is_html=True)
               for i in range(10)]
    one = list(pool.cleaned([pool.Read(r) for r in records], options, 1, runner.clean_record))
    two = list(pool.cleaned([pool.Read(r) for r in records], options, 2, runner.clean_record))
    assert [c.article.raw for c in two] == [r.content for r in records]
    assert [c.article for c in one] == [c.article for c in two]
