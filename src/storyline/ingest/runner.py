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
from ..children import chunked
from ..clean import to_article, warm_up
from ..config import Options
from ..errors import InputError
from ..model import Article
from ..outlets import domain_of, name_for_domain
from ..runs import Failure, RunReport
from ..store import Store
from .dedup import Deduper, Signed, sign_article
from .dispatch import SIDECAR_SUFFIX, iter_inputs, read_records
from .pool import Cleaned, Read, clean_one, cleaned, unexpected


class IngestRun:
    """State of one ingest run: the dedupe index, the pending batch, the counts."""

    def __init__(self, store: Store, options: Options,
                 on_stored: Callable[[list[Article]], None] | None = None) -> None:
        self.store = store
        self.on_stored = on_stored  # called with each batch of newly stored articles
        self.options = options
        self.report = RunReport()
        self.deduper = Deduper(options, store)
        self.deduper.load(store)  # signs what lacks a signature; loads nothing else
        self.pending: list[Article] = []
        self.signed: dict[str, Signed] = {}  # pending articles' signatures from the workers
        self.seen: dict[str, str] = {}  # content id -> source, for this run
        self.read_inputs: list[tuple[str, str, int]] = []  # saved with the next batch
        self.reading = reading_settings(options)  # part of every input's fingerprint
        self.profiles = store.outlet_profiles()  # imported names beat URL-derived ones

    def fail(self, exc: InputError) -> None:
        self.report.failures.append(Failure(exc.source, exc.reason, "ingest"))
        self.store.record_failure(exc.source, exc.reason, "ingest")

    def warn(self, source: str, reason: str) -> None:
        """A problem that did not stop the record (kept in the report and the store)."""
        self.report.warnings.append(Failure(source, reason, "ingest-warning"))
        self.store.record_failure(source, reason, "ingest-warning")

    def add(self, article: Article, signed: Signed | None = None) -> None:
        domain = domain_of(article.url)
        if self.profiles and domain and article.meta.get("outlet_from") == "url":
            article.outlet = name_for_domain(domain, self.profiles)
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
        if signed is not None:
            self.signed[article.id] = signed
        if len(self.pending) >= self.options.ingest.batch_size:
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
        signed, self.signed = self.signed, {}
        stored = self.store.source_paths(a.id for a in batch)
        new: list[Article] = []
        signatures = {}
        regrouped: list[str] = []
        self.deduper.prefetch((a for a in batch if a.id not in stored), signed)
        for article in batch:
            if article.id in stored:
                self._count_existing(article, stored[article.id])
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
        inserted = set(self.store.insert_articles(new))
        self.report.ingested += len(inserted)
        self.report.unchanged += len(new) - len(inserted)  # another writer stored them first
        # The other writer saves the signatures of the articles it stored.
        signatures = {aid: sig for aid, sig in signatures.items() if aid in inserted}
        if self.on_stored is not None:
            self.on_stored([a for a in new if a.id in inserted])
        self.deduper.save_all(self.store, signatures)
        new_ids = {a.id for a in new}
        for aid in regrouped:
            if aid not in new_ids:
                self.store.set_fields(aid, syndication_group=self.deduper.group_of(aid))
        self.deduper.forget([*new_ids, *regrouped])  # the store answers for them now

    def remember_input(self, key: str, fingerprint: str, articles: int) -> None:
        self.read_inputs.append((key, fingerprint, articles))
        if len(self.read_inputs) >= self.options.ingest.batch_size:
            self.flush()

    def _count_existing(self, article: Article, previous: str | None) -> None:
        """Already stored: the same input again (unchanged) or an exact copy elsewhere."""
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


def clean_record(record: Any, options: Options) -> Article:
    """``to_article``, looked up when called (the pool's workers call it by reference)."""
    return to_article(record, options)


def records_from(path: Path, options: Options) -> Iterator[Any]:
    """The work items of one input, in order: ``Read`` per record, ``Cleaned`` for an entry
    or an input that failed while reading (never sent to a worker).

    Like Scrapy, an unexpected error (a ``RecursionError`` from absurdly nested JSON or
    HTML, a bug in a parser) fails only the record or input it came from: it is recorded
    with its type and message, and the run goes on.
    """
    records = read_records(path, options)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except InputError as exc:
            yield Cleaned(source=exc.source, reason=exc.reason)
            return
        except Exception as exc:  # noqa: BLE001  (one input must not stop the run)
            yield Cleaned(source=str(path), reason=unexpected(exc))
            return
        if record.error is not None:
            yield Cleaned(source=record.error.source, reason=record.error.reason)
        else:
            yield Read(record)


def articles_from(path: Path, options: Options, run: IngestRun) -> Iterator[Article]:
    """Articles of one input, cleaned in this process; failures and warnings go to ``run``."""
    for item in records_from(path, options):
        done = clean_one(item.record, options, clean_record) if isinstance(item, Read) else item
        if done.article is None:
            run.fail(InputError(done.source, done.reason))
            continue
        for note in done.warnings:
            run.warn(done.source, note)
        yield done.article


def _items(inputs: Iterable[Path], options: Options, run: IngestRun) -> Iterator[Any]:
    """Every input's items, skipping inputs read in full before and unchanged since."""
    for group in chunked(inputs, 200):  # one query per 200 inputs: what was read before
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

    Records are cleaned and signed in worker processes (``pool``, ``ingest.n_process``)
    while this process reads the inputs and, in input order, checks duplicates and writes.
    """
    run = IngestRun(store, options)
    inputs = list(iter_inputs(paths))
    bar = tqdm(total=len(inputs), desc="ingest", unit="file", file=sys.stderr,
               disable=not progress, dynamic_ncols=True)
    failed_before, count = 0, 0
    items = _items(inputs, options, run)
    for item in cleaned(items, options, options.ingest.n_process, clean_record, sign_article,
                        warm_up):
        if isinstance(item, Cleaned):
            if item.article is not None:
                for note in item.warnings:
                    run.warn(item.source, note)
                run.add(item.article, item.signature)
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
