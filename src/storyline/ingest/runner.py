"""The single-machine ingest job: inputs -> records -> articles -> dedupe -> store.

Articles are committed in small batches, so a killed run keeps everything committed and a
rerun skips it (same content id: counted as ``unchanged``). One bad input is recorded as a
failure (in the report and in the store) and the run goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from ..api import RunReport
from ..clean import to_article
from ..config import Options
from ..errors import InputError
from ..model import Article
from ..pipeline import Failure
from ..store import Store
from .dedup import Deduper
from .dispatch import iter_inputs, read_records

BATCH_SIZE = 50  # articles per transaction: small enough that a kill loses little


class IngestRun:
    """State of one ingest run: the dedupe index, the pending batch, the counts."""

    def __init__(self, store: Store, options: Options) -> None:
        self.store = store
        self.options = options
        self.report = RunReport()
        self.deduper = Deduper(options)
        self.deduper.load(store)
        self.pending: list[Article] = []
        self.seen: dict[str, str] = {}  # content id -> source, for this run

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
        for aid, sig in signatures.items():
            self.store.save_fingerprint(aid, sig)
        new_ids = {a.id for a in new}
        for aid in regrouped:
            if aid not in new_ids:
                self.store.set_fields(aid, syndication_group=self.deduper.group_of(aid))

    def _count_existing(self, article: Article) -> None:
        """Already stored: the same input again (unchanged) or an exact copy elsewhere."""
        previous = self.deduper.sources.get(article.id, article.source_path)
        if previous == article.source_path:
            self.report.unchanged += 1
        else:
            self.report.duplicates += 1


def articles_from(path: Path, options: Options, run: IngestRun) -> Iterator[Article]:
    """Articles of one input; broken records are recorded as failures on ``run``."""
    for record in read_records(path, options):
        try:
            yield to_article(record, options)
        except InputError as exc:
            run.fail(exc)


def ingest_paths(paths: list[Path], store: Store, options: Options, *,
                 progress: bool = True) -> RunReport:
    """Ingest files and folders into ``store``; see ``docs/ingest.md``."""
    run = IngestRun(store, options)
    inputs = list(iter_inputs(paths))
    bar = tqdm(inputs, desc="ingest", unit="file", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    for path in bar:
        try:
            for article in articles_from(path, options, run):
                run.add(article)
        except InputError as exc:
            run.fail(exc)
        bar.set_postfix(new=run.report.ingested + len(run.pending),
                        failed=len(run.report.failures), refresh=False)
    run.flush()
    bar.close()
    return run.report
