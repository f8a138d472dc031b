"""The single-machine ingest job: inputs -> records -> articles -> dedupe -> store.

Articles are committed in small batches, so a killed run keeps everything committed and a
rerun skips it (same content id: counted as ``unchanged``). An input read to the end without
a failure is remembered with a fingerprint (size, modification time, sidecar, cleaning
options, version); a rerun does not even read it while that fingerprint holds, and counts
its articles as unchanged. One bad input is recorded as a failure (in the report and in
the store) and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .. import __version__
from ..api import RunReport
from ..config import Options
from ..errors import InputError
from ..model import Article
from ..pipeline import Failure
from ..store import Store
from .dedup import Deduper
from .dispatch import SIDECAR_SUFFIX, iter_inputs, read_records
from .pool import Cleaned, Read, chunked, cleaned

BATCH_SIZE = 50  # articles per transaction: small enough that a kill loses little


class IngestRun:
    """State of one ingest run: the dedupe index, the pending batch, the counts."""

    def __init__(self, store: Store, options: Options,
                 on_stored: Callable[[list[Article]], None] | None = None) -> None:
        self.store = store
        self.on_stored = on_stored  # called with each batch of newly stored articles
        self.options = options
        self.report = RunReport()
        self.deduper = Deduper(options)
        self.deduper.load(store)
        self.pending: list[Article] = []
        self.seen: dict[str, str] = {}  # content id -> source, for this run
        self.read_inputs: list[tuple[str, str, int]] = []  # saved with the next batch
        self.reading = reading_settings(options)  # part of every input's fingerprint

    def fail(self, exc: InputError) -> None:
        self.report.failures.append(Failure(exc.source, exc.reason, "ingest"))
        self.store.record_failure(exc.source, exc.reason, "ingest")

    def add(self, article: Article) -> None:
        source = self.seen.get(article.id)
        if source is not None:
            # Same cleaned text twice in this run: the same file again, or an exact copy.
            if source == article.source_path:
                self.report.unchanged += 1
            else:
                self.report.duplicates += 1
            return
        self.seen[article.id] = article.source_path or ""
        self.pending.append(article)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        self._flush_articles()
        # After the articles: an input is only remembered once all it gave is stored.
        self.store.record_inputs(self.read_inputs)
        self.read_inputs = []

    def _flush_articles(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        stored = self.store.existing_ids(a.id for a in batch)
        new: list[Article] = []
        signatures = {}
        regrouped: list[str] = []
        for article in batch:
            if article.id in stored:
                self._count_existing(article)
                continue
            match, sig = self.deduper.check(article)
            article.duplicate_of = match.duplicate_of
            article.syndication_group = match.syndication_group
            regrouped.extend(match.regrouped)
            signatures[article.id] = sig
            self.report.duplicates += match.duplicate_of is not None
            new.append(article)
        # Members that joined a group after their own article was built in this batch.
        for article in new:
            article.syndication_group = self.deduper.group_of(article.id)
        self.report.ingested += self.store.add_articles(new)
        if self.on_stored is not None:
            self.on_stored(new)
        self.store.save_fingerprints(list(signatures.items()))  # one transaction
        new_ids = {a.id for a in new}
        for aid in regrouped:
            if aid not in new_ids:
                self.store.set_fields(aid, syndication_group=self.deduper.group_of(aid))

    def remember_input(self, key: str, fingerprint: str, articles: int) -> None:
        self.read_inputs.append((key, fingerprint, articles))
        if len(self.read_inputs) >= BATCH_SIZE:
            self.flush()

    def _count_existing(self, article: Article) -> None:
        """Already stored: the same input again (unchanged) or an exact copy elsewhere."""
        previous = self.deduper.sources.get(article.id, article.source_path)
        if previous == article.source_path:
            self.report.unchanged += 1
        else:
            self.report.duplicates += 1


@dataclass
class Start:
    """An input begins: failures counted from here decide whether it is remembered."""

    key: str
    fingerprint: str | None


@dataclass
class End:
    key: str
    fingerprint: str | None


def records_from(path: Path, options: Options) -> Iterator[Any]:
    """The work items of one input, in order: ``Read`` per record, ``Cleaned`` for an entry
    or an input that failed while reading (never sent to a worker)."""
    try:
        for record in read_records(path, options):
            if record.error is not None:
                yield Cleaned(source=record.error.source, reason=record.error.reason)
            else:
                yield Read(record)
    except InputError as exc:
        yield Cleaned(source=exc.source, reason=exc.reason)


def _items(inputs: Iterable[Path], options: Options, run: IngestRun) -> Iterator[Any]:
    """Every input's items, skipping inputs read in full before and unchanged since."""
    for group in chunked(iter(inputs), 200):  # one query per 200 inputs: what was read before
        keys = [str(path.resolve()) for path in group]
        before = run.store.input_fingerprints(keys)
        for path, key in zip(group, keys, strict=True):
            yield from _input_items(path, key, before.get(key), options, run)


def _input_items(path: Path, key: str, known: tuple[str, int] | None, options: Options,
                 run: IngestRun) -> Iterator[Any]:
    """One input's items, or nothing if it was read in full before and has not changed."""
    fingerprint = input_fingerprint(path, run.reading)
    if fingerprint and known is not None and known[0] == fingerprint:
        run.report.unchanged += known[1]
        yield End(key, None)  # nothing to remember; moves the progress bar
        return
    yield Start(key, fingerprint)
    yield from records_from(path, options)
    yield End(key, fingerprint)


def reading_settings(options: Options) -> str:
    """What besides the file decides the articles an input gives: the ingest and clean
    options (not the progress bar) and the storyline version, as one JSON string."""
    settings = options.to_dict()
    # Not the progress bar or the number of processes: they do not change what is read.
    ingest = {k: v for k, v in settings["ingest"].items() if k not in ("progress", "n_process")}
    return json.dumps([ingest, settings["clean"], __version__], sort_keys=True)


def input_fingerprint(path: Path, reading: str) -> str | None:
    """The input's size and modification time, its sidecar's, and ``reading_settings``,
    hashed (None: no such file)."""
    try:
        stat = path.stat()
        sidecar = Path(str(path) + SIDECAR_SUFFIX)
        side = sidecar.stat() if sidecar.is_file() else None
    except OSError:
        return None
    parts = [stat.st_size, stat.st_mtime_ns, side and (side.st_size, side.st_mtime_ns), reading]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def ingest_paths(paths: list[Path], store: Store, options: Options, *,
                 progress: bool = True) -> RunReport:
    """Ingest files and folders into ``store``; see ``docs/ingest.md``.

    Records are cleaned in worker processes (``pool``, ``ingest.n_process``) while this
    process reads the inputs and, in input order, checks duplicates and writes.
    """
    run = IngestRun(store, options)
    inputs = list(iter_inputs(paths))
    bar = tqdm(total=len(inputs), desc="ingest", unit="file", file=sys.stderr,
               disable=not progress, dynamic_ncols=True)
    failed_before, count = 0, 0
    for item in cleaned(_items(inputs, options, run), options, options.ingest.n_process):
        if isinstance(item, Cleaned):
            if item.article is not None:
                run.add(item.article)
                count += 1
            else:
                run.fail(InputError(item.source, item.reason))
        elif isinstance(item, Start):
            failed_before, count = len(run.report.failures), 0
        elif isinstance(item, End):
            if item.fingerprint and len(run.report.failures) == failed_before:
                run.remember_input(item.key, item.fingerprint, count)
            bar.update(1)
            bar.set_postfix(new=run.report.ingested + len(run.pending),
                            failed=len(run.report.failures), refresh=False)
    run.flush()
    bar.close()
    return run.report
