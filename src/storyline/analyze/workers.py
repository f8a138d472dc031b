"""Analysis worker processes: each parses a batch AND runs the post-parse stages, then sends
back only the annotations.

Why not spaCy's own ``nlp.pipe(n_process=N)``: its workers return Docs, which the parent
rebuilds (``Doc.from_bytes``) and then runs entities, temporal, quotes, numbers and events
on, one article at a time, while the workers wait. Here the parent only reads, orders and
saves; everything per article happens in the workers (``execute.run_batch``, which also
keeps one bad article from failing its batch). Order, start-up, orphans and dying workers
are handled by ``storyline.children.OrderedPool``; under ``fork`` the workers inherit the
stages the parent built (the spaCy model is loaded once and shared copy-on-write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..children import OrderedPool, start_context
from ..model import Article
from ..pipeline import StageFn
from ..runs import Failure
from .execute import (
    BatchResult,
    LoggedEntities,
    NameLog,
    annotations_of,
    apply_annotations,
    run_batch,
)

# One outcome per article: (id, annotations, None, aliases asked) or (id, None, failure, {}).
Outcome = tuple[str, dict[str, Any] | None, Failure | None, dict[str, str | None]]

_STAGES: list[tuple[str, StageFn]] | None = None  # this process's built stages
_NAMES: NameLog | None = None  # full names the parent learned during the run


def _init(build: Callable[[], list[tuple[str, StageFn]]] | None,
          names: Path | None = None) -> None:
    global _STAGES, _NAMES
    _NAMES = NameLog(names) if names is not None else None
    # One BLAS thread per process: parallelism comes from the processes (see parse.nlp).
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    if _STAGES is None and build is not None:  # spawn: nothing inherited, build here
        _STAGES = build()


def _analyze(articles: list[Article]) -> list[Outcome]:
    assert _STAGES is not None, "analysis worker started without stages"
    log = next((fn for _, fn in _STAGES if isinstance(fn, LoggedEntities)), None)
    if log is not None and _NAMES is not None:
        log.learn(_NAMES.read_new())
    result = run_batch(_STAGES, articles)
    done = {a.id: annotations_of(a) for a in result.articles}
    failed = dict(result.failed)
    return [(a.id, done.get(a.id), failed.get(a.id), log.asked.pop(a.id, {}) if log else {})
            for a in articles]


def _died(article: Article) -> Outcome:
    return (article.id, None, Failure(f"article {article.id}",
                                      "the worker process analyzing it died", "worker"), {})


class WorkerPool:
    """``n_process`` workers running ``stages`` over batches of articles, results in order.

    ``stages`` are the parent's built stages (inherited under fork); ``build`` rebuilds them
    in a worker that cannot inherit them (it must be picklable).
    """

    def __init__(self, stages: Sequence[tuple[str, StageFn]],
                 build: Callable[[], list[tuple[str, StageFn]]] | None,
                 n_process: int, names: Path | None = None) -> None:
        self.stages = list(stages)
        self.pool: OrderedPool[Article, Outcome] = OrderedPool(
            _analyze, n_process, on_death=_died, what="analysis", initializer=_init,
            initargs=(build, names))

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        """Analyze batches in the workers; yields each batch's result in input order."""
        global _STAGES
        # Under fork, workers (also those restarted after a death) copy this; it is only
        # set while the pool runs.
        _STAGES = self.stages if start_context().get_start_method() == "fork" else None
        try:
            for batch, outcomes in _paired(iter(batches), self.pool):
                yield _merge(batch, outcomes)
        finally:
            _STAGES = None


def _paired(batches: Iterator[list[Article]],
            pool: OrderedPool[Article, Outcome]) -> Iterator[tuple[list[Article], list[Outcome]]]:
    """Each batch with its outcomes (the pool keeps the order)."""
    sent: list[list[Article]] = []

    def feed() -> Iterator[list[Article]]:
        for batch in batches:
            sent.append(batch)
            yield batch

    for outcomes in pool.map(feed()):
        yield sent.pop(0), outcomes


def _merge(batch: list[Article], outcomes: list[Outcome]) -> BatchResult:
    """Put the workers' annotations on the parent's own Article objects (input order)."""
    out = BatchResult()
    for article, (_aid, values, failure, asked) in zip(batch, outcomes, strict=True):
        if failure is not None:
            out.failed.append((article.id, failure))
        elif values is not None:
            out.articles.append(apply_annotations(article, values))
            if asked:
                out.asked[article.id] = asked
    return out
