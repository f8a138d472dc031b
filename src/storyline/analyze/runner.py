"""The analysis runner: stream stored articles through the analysis stages, save per batch.

Design choices:

* Restartable. Ids are listed first (cheap), texts are loaded ``batch_size`` at a time, and
  every batch of results is saved in its own transaction, which also marks those articles
  analyzed. A crash loses at most one batch; a rerun picks up the articles not yet analyzed.
* Parallel where the work is. With ``analysis.n_process`` > 1, worker processes (started
  once per run, ``workers``) parse each batch and run every later stage on it, and send
  back only the annotations; the parent reads, keeps the order and saves. Runs of fewer
  than ``MIN_PER_WORKER`` articles per worker use one process.
* No error stops the run (``execute``): any exception of a stage on one article (a bad
  input or a bug) drops that article, is recorded with ``store.record_failure`` (stage and
  the traceback's last line), returned in ``RunReport.failures``, and the article is marked
  (``store.mark_analysis_failed``) so reruns skip it unless ``retry_failed``. A failing
  batch of a batched stage is retried one article at a time.
* Duplicates are analyzed like any other article. Near duplicates have their own text, so
  annotations (character offsets, evidence sentences) cannot be copied from the canonical
  article; exact duplicates never reach the store twice (same content id), so there is no
  cheaper path worth its complexity.
* Surnames across the corpus: a ``CorpusAliases`` built from the store's mentions is handed
  to the entities stage and grows as batches are saved. Worker processes cannot see it grow:
  they answer from a snapshot and report what they asked, and an article whose questions
  the grown aliases answer differently is analyzed again here (``_Redo``), so the results
  are those of one process whatever ``n_process`` and the timing. Articles analyzed
  before the full name was seen are fixed in a final pass ("Putin" -> "Vladimir Putin" once
  any article of the corpus gives the full name and no other person shares the surname).
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from ..children import chunked
from ..model import Article
from .canonical import CorpusAliases
from .execute import BatchResult, NameLog, build_stages, run_batch

# Below this many articles per worker, extra processes cost more than they save: a worker
# forked from the parent (model already loaded) starts in ~0.05 s and warms up in ~0.25 s,
# about what 5 articles of work take (benchmarks/analysis_speed.py, docs/benchmarks.md).
MIN_PER_WORKER = 10
TASKS_PER_WORKER = 8

if TYPE_CHECKING:
    from ..config import Options
    from ..runs import RunReport
    from ..store import Store


def _select_ids(store: Store, ids: Sequence[str] | None, force: bool) -> list[str]:
    """Explicit ids (prefixes allowed, always re-analyzed), all (force), or not yet analyzed."""
    if ids is not None:
        out: list[str] = []
        for ident in ids:
            # get_article accepts a unique prefix and raises NotFound naming the id.
            full = ident if store.has_article(ident) else store.get_article(ident).id
            if full not in out:
                out.append(full)
        return out
    return store.article_ids() if force else store.article_ids(analyzed=False)


def _load(store: Store, ids: list[str], chunk: int) -> Iterator[Article]:
    for i in range(0, len(ids), chunk):
        yield from store.iter_articles(ids=ids[i:i + chunk])


def _learn(aliases: CorpusAliases, articles: Iterable[Article],
           log: NameLog | None = None) -> None:
    learned = []
    for article in articles:
        for name in {e.canonical for e in article.entities if e.label == "PERSON"}:
            aliases.add(name)
            learned.append(name)
    if log is not None:  # for the worker processes (execute.NameLog)
        log.append(learned)


def _short_names(article: Article) -> set[str]:
    return {e.canonical for e in article.entities
            if e.label == "PERSON" and " " not in e.canonical.strip()}


def rename_people(article: Article, mapping: dict[str, str]) -> bool:
    """Apply surname -> full name to entities, quote speakers and event actors."""
    changed = False
    for ent in article.entities:
        if ent.label == "PERSON" and ent.canonical in mapping:
            ent.canonical = mapping[ent.canonical]
            changed = True
    for quote in article.quotes:
        if quote.speaker in mapping:
            quote.speaker = mapping[quote.speaker]
            changed = True
    for event in article.events:
        if any(a in mapping for a in event.actors):
            event.actors = list(dict.fromkeys(mapping.get(a, a) for a in event.actors))
            changed = True
    return changed


def _late_resolve(store: Store, aliases: CorpusAliases,
                  pending: dict[str, set[str]], chunk: int) -> None:
    """Resolve surnames of this run's articles with names learned after they were analyzed."""
    todo = {}
    for aid, names in pending.items():
        mapping = {n: full for n in names if (full := aliases.resolve(n))}
        if mapping:
            todo[aid] = mapping
    ids = list(todo)
    for i in range(0, len(ids), chunk):
        batch = [a for a in store.iter_articles(ids=ids[i:i + chunk])
                 if rename_people(a, todo[a.id])]
        if batch:
            store.save_annotations(batch)


def _batches(store: Store, ids: list[str], size: int) -> Iterator[list[Article]]:
    return chunked(_load(store, ids, size), size)


def _results(store: Store, todo: list[str], options: Options, aliases: CorpusAliases,
             names: NameLog) -> Iterator[BatchResult]:
    """Batch results in order: in this process, or in worker processes (``workers``)."""
    size = max(1, options.analysis.batch_size)
    n_process = max(1, options.analysis.n_process)
    if len(todo) < MIN_PER_WORKER * n_process:
        n_process = 1  # a few articles: one process wins (see MIN_PER_WORKER)
    one = options.replace(**{"analysis.n_process": 1})
    if n_process == 1:  # the entities stage uses the live aliases, which grow as we save
        stages = build_stages(options.analysis.stages, one, aliases)
        for batch in _batches(store, todo, size):
            yield run_batch(stages, batch)
        return
    # Workers answer alias questions from a snapshot and note them (execute.AliasLog).
    build = partial(build_stages, options.analysis.stages, one, copy.deepcopy(aliases), True)
    stages = build()
    # Smaller batches in small runs: the last worker must not finish long after the
    # others (at least TASKS_PER_WORKER batches each).
    size = min(size, max(4, -(-len(todo) // (n_process * TASKS_PER_WORKER))))
    from .workers import WorkerPool  # multiprocessing: only for runs that use it

    pool = WorkerPool(stages, build, n_process, names.path)
    yield from pool.map(_batches(store, todo, size))


def analyze_store(store: Store, options: Options, *, ids: Sequence[str] | None = None,
                  force: bool = False, retry_failed: bool = False,
                  progress: bool = True) -> RunReport:
    """Analyze stored articles with ``options.analysis.stages``; see the module docstring.

    ``ids``: analyze exactly these (unique prefixes allowed), even if already analyzed or
    failed before. ``force``: re-analyze every article. Otherwise only articles not yet
    analyzed. Articles whose analysis failed in an earlier run are skipped unless
    ``retry_failed``.
    """
    from ..runs import RunReport

    report = RunReport()
    todo = _select_ids(store, ids, force)
    failed_before = store.analysis_failed_ids()
    if ids is None and not retry_failed and failed_before:
        todo = [aid for aid in todo if aid not in failed_before]
    if not todo:
        return report
    with tempfile.TemporaryDirectory(prefix="storyline-analyze-") as tmp, \
            tqdm(total=len(todo), disable=not progress, unit="article", desc="analyze") as bar:
        run = _Run(store, options, report, failed_before, NameLog(Path(tmp) / "names.txt"))
        for result in _results(store, todo, options, run.aliases, run.names):
            run.take(result)
            bar.update(len(result.articles) + len(result.failed))
        run.finish()
    return report


class _Run:
    """The parent's side of one run: checks results in order, saves them in batches of
    ``analysis.batch_size``, learns full names, records failures."""

    def __init__(self, store: Store, options: Options, report: RunReport,
                 failed_before: set[str], names: NameLog) -> None:
        self.store, self.report, self.failed_before = store, report, failed_before
        self.size = max(1, options.analysis.batch_size)
        self.aliases = CorpusAliases.from_store(store)
        self.names = names
        self.redo = _Redo(options, self.aliases)
        self.pending: dict[str, set[str]] = {}  # article id -> lone surnames left
        self.batch: list[Article] = []

    def take(self, result: BatchResult) -> None:
        _record_failures(self.store, result, self.report)
        for done in result.articles:
            article = self.redo.check(done, result.asked.get(done.id), self.store, self.report)
            if article is None:
                continue
            if short := _short_names(article):
                self.pending[article.id] = short
            self.batch.append(article)
            if len(self.batch) >= self.size:
                self.save()

    def save(self) -> None:
        """Save the batch (its own transaction) and learn its full names."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        self.store.save_annotations(batch)
        self.report.analyzed += len(batch)
        retried = [a.id for a in batch if a.id in self.failed_before]
        if retried:
            self.store.clear_analysis_failed(retried)
        _learn(self.aliases, batch, self.names)

    def finish(self) -> None:
        self.save()
        _late_resolve(self.store, self.aliases, self.pending, self.size)


class _Redo:
    """Articles from a worker whose alias questions the live aliases answer differently
    (names learned from batches saved meanwhile) are analyzed again here, with the live
    aliases: exactly what one process would have produced. Workers read the names learned
    so far before each batch (``NameLog``), so this stays rare."""

    def __init__(self, options: Options, aliases: CorpusAliases) -> None:
        self.options = options.replace(**{"analysis.n_process": 1})
        self.aliases = aliases
        self.stages: list[Any] | None = None

    def check(self, article: Article, asked: dict[str, str | None] | None, store: Store,
              report: RunReport) -> Article | None:
        if not asked or all(self.aliases.resolve(n) == a for n, a in asked.items()):
            return article
        if self.stages is None:
            self.stages = build_stages(self.options.analysis.stages, self.options,
                                       self.aliases)
        again = run_batch(self.stages, [article])
        _record_failures(store, again, report)
        return again.articles[0] if again.articles else None


def _record_failures(store: Store, result: BatchResult, report: RunReport) -> None:
    for _aid, failure in result.failed:
        store.record_failure(failure.source, failure.reason, failure.stage)
        report.failures.append(failure)
    store.mark_analysis_failed([(aid, f.stage, f.reason) for aid, f in result.failed])
