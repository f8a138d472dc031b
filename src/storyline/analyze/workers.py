"""Analysis worker processes: each parses a batch AND runs the post-parse stages, then sends
back only the annotations.

Why not spaCy's own ``nlp.pipe(n_process=N)``: its workers return Docs, which the parent
rebuilds (``Doc.from_bytes``) and then runs entities, temporal, quotes, numbers and events
on, one article at a time, while the workers wait. Here the parent only reads, orders and
saves; everything per-article happens in the workers (``execute.run_batch``, which also
keeps one bad article from failing its batch).

* Order: batches are submitted in order and collected in order (a bounded window of
  ``AHEAD`` batches per worker in flight), so results do not depend on worker timing.
* Start-up: with the ``fork`` start method the workers inherit the stages the parent built
  (the spaCy model is loaded once and shared copy-on-write); elsewhere they build them.
* No orphans: a worker dies with its parent, even after ``kill -9`` of the parent
  (``exit_with_parent``: Linux's parent-death signal plus a watchdog thread elsewhere).
* A worker that dies (segfault, out of memory) breaks the pool: the batches in flight are
  retried one article at a time in a fresh pool, and an article that kills a worker on its
  own is recorded as failed ("worker" stage).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import PipelineError
from ..model import Article
from ..pipeline import Failure, StageFn
from .execute import BatchResult, annotations_of, apply_annotations, run_batch

AHEAD = 2  # batches in flight per worker: keeps workers busy while the parent saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0
MAX_DEATHS = 3  # consecutive worker deaths on single articles before giving up

_STAGES: list[tuple[str, StageFn]] | None = None  # this process's built stages


def exit_with_parent(parent: int) -> None:
    """End this process when ``parent`` dies, however it dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def _init(parent: int, build: Any) -> None:
    global _STAGES
    exit_with_parent(parent)
    # One BLAS thread per process: parallelism comes from the processes (see parse.nlp).
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    if _STAGES is None:  # spawn/forkserver: nothing inherited, build here
        _STAGES = build()


def _analyze(articles: list[Article]) -> tuple[list[tuple[str, dict[str, Any]]],
                                                list[tuple[str, Failure]]]:
    assert _STAGES is not None
    result = run_batch(_STAGES, articles)
    return [(a.id, annotations_of(a)) for a in result.articles], result.failed


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class WorkerPool:
    """``n_process`` workers running ``stages`` over batches of articles, results in order.

    ``stages`` are the parent's built stages (inherited under fork); ``build`` rebuilds them
    in a worker that cannot inherit them (it must be picklable).
    """

    def __init__(self, stages: Sequence[tuple[str, StageFn]], build: Any,
                 n_process: int) -> None:
        self.stages = list(stages)
        self.build = build
        self.n_process = max(1, n_process)
        self._executor: ProcessPoolExecutor | None = None
        self._deaths = 0

    def _pool(self) -> ProcessPoolExecutor:
        global _STAGES
        if self._executor is None:
            ctx = _context()
            # Set only for the fork: the children copy it, the parent drops it again below.
            _STAGES = self.stages if ctx.get_start_method() == "fork" else None
            try:
                self._executor = ProcessPoolExecutor(
                    self.n_process, mp_context=ctx, initializer=_init,
                    initargs=(os.getpid(), self.build))
                # Fork every worker now, while _STAGES is set (the pool forks lazily).
                for f in [self._executor.submit(_noop) for _ in range(self.n_process)]:
                    f.result()
            finally:
                _STAGES = None
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def map(self, batches: Iterable[list[Article]]) -> Iterator[BatchResult]:
        """Analyze batches in the workers; yields each batch's result in input order."""
        ahead: deque[tuple[list[Article], Future[Any]]] = deque()
        try:
            for batch in batches:
                ahead.append((batch, self._pool().submit(_analyze, batch)))
                if len(ahead) >= AHEAD * self.n_process:
                    yield self._collect(*ahead.popleft())
            while ahead:
                yield self._collect(*ahead.popleft())
        finally:
            self.close()

    def _collect(self, batch: list[Article], future: Future[Any]) -> BatchResult:
        try:
            done, failed = future.result()
        except BrokenProcessPool:
            self._restart()
            return self._one_by_one(batch)
        self._deaths = 0
        return _merge(batch, done, failed)

    def _one_by_one(self, batch: list[Article]) -> BatchResult:
        """After a worker died: each article alone, so only the one that kills a worker fails."""
        out = BatchResult()
        for article in batch:
            try:
                done, failed = self._pool().submit(_analyze, [article]).result()
            except BrokenProcessPool:
                self._restart()
                self._deaths += 1
                if self._deaths >= MAX_DEATHS:
                    raise PipelineError(
                        f"analysis worker processes died {MAX_DEATHS} times in a row; "
                        "check memory, or run with --set analysis.n_process=1 to see the "
                        "error") from None
                out.failed.append((article.id, Failure(
                    f"article {article.id}", "the worker process analyzing it died", "worker")))
                continue
            self._deaths = 0
            part = _merge([article], done, failed)
            out.articles += part.articles
            out.failed += part.failed
        return out


def _noop() -> None:
    return None


def _merge(batch: list[Article], done: list[tuple[str, dict[str, Any]]],
           failed: list[tuple[str, Failure]]) -> BatchResult:
    """Put the workers' annotations on the parent's own Article objects (input order)."""
    by_id = {a.id: a for a in batch}
    return BatchResult([apply_annotations(by_id[aid], values) for aid, values in done], failed)
