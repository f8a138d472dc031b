"""Where ingest's CPU goes: the cleaning steps (one process) and the parent's steps (a real
ingest with worker processes), in CPU seconds per run over a folder of HTML pages.

    .venv/bin/python benchmarks/ingest_costs.py PAGES_DIR [--rounds 3]

``PAGES_DIR``: .html pages, e.g. those ``ingest_throughput.py`` writes (``generate`` or
``pages_from_texts``). Cleaning: ``to_article`` per page with its steps timed (trafilatura
extraction, line rules, language, dates, outlet) and the duplicate-check signature
(``dedup.sign_article``, then its parts: words, shingles, CRC-32, MinHash, band keys),
best of ``--rounds``. Parent: a whole ``ingest_paths`` into a fresh
SQLite store (``ingest.n_process`` workers), with the parent's steps timed by wrapping them
(medians of ``--rounds``); what is left is the pool's transport, the loop and the progress
bookkeeping. CPU clocks (``time.process_time``), since the machine may be shared; the wrapped
timers cost a little themselves.
"""

from __future__ import annotations

import argparse
import collections
import functools
import statistics
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import storyline.clean as clean
from storyline import load_options
from storyline.errors import InputError
from storyline.ingest import dedup, pool, runner
from storyline.ingest.minhash import minhash
from storyline.store import Store, sql

ACC: collections.Counter[str] = collections.Counter()
CLEAN_STEPS = ("extract_html", "clean_text", "detect_language", "parse_date", "resolve_outlet")
PARENT_STEPS: list[tuple[Any, str]] = [
    (runner.IngestRun, "flush"), (runner, "input_fingerprint"),
    (sql.Store, "insert_articles"), (sql.Store, "save_fingerprints"), (sql.Store, "lsh_lookup"),
    (sql.Store, "source_paths"), (sql.Store, "record_inputs"), (sql.Store, "dedup_rows"),
    (dedup.Deduper, "check"), (dedup.Deduper, "prefetch"), (dedup.Deduper, "forget"),
]


def _timed(owner: Any, name: str) -> None:
    fn: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            ACC[name] += time.process_time() - start

    setattr(owner, name, wrapper)


def _timed_generator(owner: Any, name: str) -> None:
    fn: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        items = fn(*args, **kwargs)
        while True:
            start = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                ACC[name] += time.process_time() - start
            yield item

    setattr(owner, name, wrapper)


def cleaning(pages: list[Path], rounds: int) -> None:
    options = load_options()
    records = [item.record for page in pages for item in runner.records_from(page, options)
               if isinstance(item, pool.Read)]
    kept = []
    for record in records:  # warm-up (imports, models, caches); refused pages are left out
        try:
            clean.to_article(record, options)
        except InputError:
            continue
        kept.append(record)
    print(f"cleaning: {len(records) - len(kept)} of {len(records)} records refused, left out")
    records = kept
    for name in CLEAN_STEPS:
        _timed(clean, name)
    best: dict[str, float] = {}
    for _ in range(rounds):
        ACC.clear()
        start = time.process_time()
        articles = [clean.to_article(r, options) for r in records]
        ACC["to_article (all)"] = time.process_time() - start
        start = time.process_time()
        for article in articles:
            dedup.sign_article(article, options)
        ACC["sign_article"] = time.process_time() - start
        for name, value in ACC.items():
            best[name] = min(best.get(name, value), value)
    print(f"cleaning, one process, {len(records)} records, best of {rounds} (CPU s):")
    for name, value in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {name:20s} {value:.3f}")
    signing([a.text for a in articles], options, rounds)


def signing(texts: list[str], options: Any, rounds: int) -> None:
    """The signature's parts, each over every text (best of ``rounds``)."""
    signer = dedup.signer(options)
    size, num_perm = signer.shingle_size, signer.num_perm

    def best(fn: Callable[[Any], Any], items: list[Any]) -> tuple[float, list[Any]]:
        times, out = [], []
        for _ in range(rounds):
            start = time.process_time()
            out = [fn(x) for x in items]
            times.append(time.process_time() - start)
        return min(times), out

    words, _ = best(lambda t: dedup._TOKEN.findall(t.casefold()), texts)
    cut, grams = best(lambda t: dedup.shingles(t, size), texts)
    crc, hashes = best(lambda g: np.fromiter(map(zlib.crc32, g), np.uint32, len(g)), grams)
    mh, sigs = best(lambda h: minhash(h, num_perm, len(h)), hashes)
    bands, _ = best(signer.band_keys, sigs)
    print(f"signature parts, {len(texts)} texts, {sum(map(len, grams)) / len(texts):.0f} "
          f"shingles each, best of {rounds} (CPU s): words {words:.3f}, shingles (words "
          f"included) {cut:.3f}, CRC-32 {crc:.3f}, MinHash {mh:.3f}, band keys {bands:.3f}")


def parent(folder: Path, rounds: int, n_process: int) -> None:
    for owner, name in PARENT_STEPS:
        _timed(owner, name)
    _timed_generator(runner, "records_from")
    totals: list[float] = []
    steps: dict[str, list[float]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds + 1):  # round 0 warms up (imports, the language model)
            url = f"sqlite:///{tmp}/run{r}.db"
            options = load_options(overrides={"store.url": url, "ingest.progress": "false",
                                              "ingest.n_process": n_process})
            store = Store(url)
            ACC.clear()
            start = time.process_time()
            runner.ingest_paths([folder], store, options, progress=False)
            total = time.process_time() - start
            store.close()
            if r:
                totals.append(total)
                for name, value in ACC.items():
                    steps[name].append(value)
    print(f"parent process, n_process={n_process}, median of {rounds} (CPU s): "
          f"{statistics.median(totals):.3f}")
    for name, values in sorted(steps.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {name:20s} {statistics.median(values):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="a folder of .html pages")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.htm*"))
    print(f"pages: {args.pages} ({len(pages)})")
    parent(args.pages, args.rounds, args.n_process)  # first: it wraps the parent's steps only
    cleaning(pages, args.rounds)


if __name__ == "__main__":
    main()
