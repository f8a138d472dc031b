"""Cleaning (HTML extraction with trafilatura, text rules, metadata) in worker processes.

Extraction is nearly all of ingest's CPU time and each record is independent, so records
go to ``ingest.n_process`` workers in chunks while the parent keeps everything that needs
order or the store: reading inputs, the duplicate check and the writes (``runner``). The
pool (``storyline.children.OrderedPool``) returns results in input order, so a run with
workers stores exactly what a run without them stores.

Small runs do not pay for workers: the first ``MIN_RECORDS`` records are cleaned in the
parent and the pool starts only if more follow (forking is cheap, but every worker warms
up its own caches).

Work items flow in order through ``clean_items``: ``Read`` (a record to clean) becomes
``Cleaned`` (an article, or a failure's source and reason); other items (an input's start
and end, a failure found while reading) pass through unchanged.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ..clean import to_article
from ..config import Options
from ..errors import InputError
from ..model import Article
from .records import RawRecord

T = TypeVar("T")

MIN_RECORDS = 24  # cleaned in the parent before workers start (~0.1 s of extraction)
CHUNK = 8  # records per task: pages take 2-50 ms each; fewer round trips to the workers


@dataclass
class Read:
    record: RawRecord


@dataclass
class Cleaned:
    article: Article | None = None
    source: str = ""  # of a failure
    reason: str = ""


_OPTIONS: Options | None = None  # the worker's options (set by the initializer)


def _init(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options


def clean_one(record: RawRecord, options: Options) -> Cleaned:
    """One record to an Article, or the failure (never raises: one bad page must not stop
    the run, whatever the error)."""
    try:
        return Cleaned(article=to_article(record, options))
    except InputError as exc:
        return Cleaned(source=exc.source, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001  (a bug or a hostile page: record it, go on)
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Cleaned(source=record.source, reason=f"cleaning failed: {line}")


def clean_items(items: list[Any]) -> list[Any]:
    assert _OPTIONS is not None
    return [clean_one(item.record, _OPTIONS) if isinstance(item, Read) else item
            for item in items]


def _died(item: Any) -> Any:
    if isinstance(item, Read):
        return Cleaned(source=item.record.source,
                       reason="the worker process cleaning it died (crash or out of memory)")
    return item


def cleaned(items: Iterable[Any], options: Options, n_process: int) -> Iterator[Any]:
    """``items`` with every ``Read`` replaced by its ``Cleaned`` result, in order."""
    items = iter(items)
    head: list[Any] = []
    reads = 0
    for item in items:
        head.append(item)
        reads += isinstance(item, Read)
        if reads >= MIN_RECORDS:
            break
    for item in head:
        yield clean_one(item.record, options) if isinstance(item, Read) else item
    if reads < MIN_RECORDS or n_process <= 1:
        for item in items:
            yield clean_one(item.record, options) if isinstance(item, Read) else item
        return
    from ..children import OrderedPool

    pool: OrderedPool[Any, Any] = OrderedPool(
        clean_items, n_process, on_death=_died, what="ingest", initializer=_init,
        initargs=(options,))
    for results in pool.map(chunked(items, CHUNK)):
        yield from results


def chunked(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    while chunk := list(itertools.islice(items, size)):
        yield chunk
