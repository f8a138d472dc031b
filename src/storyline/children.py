"""Worker processes for the stage runners (analysis, ingest): results in input order, no
orphans, and one item that kills a worker fails alone.

* Order: chunks are submitted in order and collected in order, with a bounded window of
  ``AHEAD`` chunks per worker in flight, so results never depend on worker timing and
  memory stays bounded.
* Start-up: with the ``fork`` start method (Linux) the workers inherit what the parent
  has loaded (models, imported modules); elsewhere ``initializer`` rebuilds it.
* No orphans: a worker ends when its parent does, even after ``kill -9`` of the parent
  (``exit_with_parent``: Linux's parent-death signal, plus a watchdog thread elsewhere).
* A worker that dies (segfault, out of memory) breaks the pool: the chunks in flight are
  retried one item at a time in a fresh pool, and an item that kills a worker on its own
  gets ``on_death(item)`` as its result.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from .errors import PipelineError

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 2  # chunks in flight per worker: keeps workers busy while the parent saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0
MAX_DEATHS = 3  # consecutive worker deaths on single items before giving up


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (at least 1; the last may be shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, max(1, size))):
        yield chunk


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


def _init(parent: int, initializer: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    exit_with_parent(parent)
    if initializer is not None:
        initializer(*args)


def _noop() -> None:
    return None


def start_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class OrderedPool(Generic[T, R]):
    """``fn(chunk) -> one result per item`` over chunks in ``n_process`` worker processes.

    ``fn`` and ``initializer`` must be module-level functions (picklable under spawn);
    ``on_death(item)`` is the result of an item whose worker died processing it alone.
    """

    def __init__(self, fn: Callable[[list[T]], list[R]], n_process: int, *,
                 on_death: Callable[[T], R], what: str,
                 initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        self.fn = fn
        self.n_process = max(1, n_process)
        self.on_death = on_death
        self.what = what
        self.initializer = initializer
        self.initargs = initargs
        self._executor: ProcessPoolExecutor | None = None
        self._deaths = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.n_process, mp_context=start_context(), initializer=_init,
                initargs=(os.getpid(), self.initializer, self.initargs))
            # Start every worker now (the pool starts them lazily), while the parent's
            # state is what the caller prepared for them.
            for f in [self._executor.submit(_noop) for _ in range(self.n_process)]:
                f.result()
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def map(self, chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        """Results chunk by chunk, in input order; the pool is closed at the end."""
        ahead: deque[tuple[list[T], Future[list[R]]]] = deque()
        try:
            for chunk in chunks:
                ahead.append((chunk, self._pool().submit(self.fn, chunk)))
                if len(ahead) >= AHEAD * self.n_process:
                    yield self._collect(*ahead.popleft())
            while ahead:
                yield self._collect(*ahead.popleft())
        finally:
            self.close()

    def _collect(self, chunk: list[T], future: Future[list[R]]) -> list[R]:
        try:
            result = future.result()
        except BrokenProcessPool:
            self._restart()
            return [self._alone(item) for item in chunk]
        self._deaths = 0
        return result

    def _alone(self, item: T) -> R:
        """After a worker died: this item alone, so only an item that kills a worker fails."""
        try:
            (result,) = self._pool().submit(self.fn, [item]).result()
        except BrokenProcessPool:
            self._restart()
            self._deaths += 1
            if self._deaths >= MAX_DEATHS:
                raise PipelineError(
                    f"{self.what} worker processes died {MAX_DEATHS} times in a row; check "
                    "memory, or run with one process to see the error") from None
            return self.on_death(item)
        self._deaths = 0
        return result
