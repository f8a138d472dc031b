"""Cleaning (HTML extraction with trafilatura, text rules, metadata) in worker processes.

Extraction is nearly all of ingest's CPU time and each record is independent, so records
go to ``ingest.n_process`` workers in chunks while the parent keeps everything that needs
order or the store: reading inputs, the duplicate check and the writes (``runner``). The
pool (``storyline.children.OrderedPool``) returns results in input order, so a run with
workers stores exactly what a run without them stores.

Small runs do not pay for workers: a run of fewer than ``MIN_RECORDS`` records is cleaned
in the parent. A bigger one cleans its first record in the parent (the workers are forked
after it and inherit what it imported and loaded: trafilatura, the language model), and
all the others in the workers, so no core idles while the parent cleans a head start.
Articles come back without ``raw`` (the input they were cleaned from): the parent still
holds it, and sending every page back would cost both sides its pickling.

Work items flow in order through ``clean_items``: ``Read`` (a record to clean) becomes
``Cleaned`` (an article with its duplicate-check signature, or a failure's source and
reason); other items (an input's start and end, a failure found while reading) pass
through unchanged. The signature (``dedup.sign_article``) is pure per-record work too, so
the workers compute it and the parent only compares and writes.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..children import OrderedPool, chunked
from ..config import Options
from ..errors import InputError
from ..model import Article
from .records import RawRecord

MIN_RECORDS = 24  # a smaller run is cleaned in the parent: forking workers would cost more
CHUNK = 8  # records per task: pages take 2-50 ms each; fewer round trips to the workers


@dataclass
class Read:
    record: RawRecord


@dataclass
class Cleaned:
    article: Article | None = None
    source: str = ""  # the record's (or, for a failure, what failed)
    reason: str = ""  # why it failed
    warnings: list[str] = field(default_factory=list)  # the record's, for a stored article
    signature: Any = None  # the article's, from ``sign`` (None: no signer given)


Clean = Callable[[RawRecord, Options], Article]
Sign = Callable[[Article, Options], Any]
_OPTIONS: Options | None = None  # the worker's options, cleaner and signer (initializer)
_CLEAN: Clean | None = None
_SIGN: Sign | None = None


def _init(options: Options, clean: Clean, sign: Sign | None) -> None:
    global _OPTIONS, _CLEAN, _SIGN
    _OPTIONS, _CLEAN, _SIGN = options, clean, sign


def unexpected(exc: BaseException) -> str:
    """A one-line reason for an error that is not an ``InputError``."""
    lines = str(exc).strip().splitlines()
    return f"unexpected {type(exc).__name__}: {lines[-1] if lines else 'no message'}"


def clean_one(record: RawRecord, options: Options, clean: Clean,
              sign: Sign | None = None) -> Cleaned:
    """One record to an Article (signed with ``sign``), or the failure (never raises: one
    bad page must not stop the run, whatever the error)."""
    try:
        article = clean(record, options)
        return Cleaned(article=article, source=record.source, warnings=list(record.warnings),
                       signature=sign(article, options) if sign is not None else None)
    except InputError as exc:
        return Cleaned(source=exc.source, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001  (a bug or a hostile page: record it, go on)
        return Cleaned(source=record.source, reason=unexpected(exc))


def clean_items(items: list[Any]) -> list[Any]:
    assert _OPTIONS is not None and _CLEAN is not None
    out = [clean_one(item.record, _OPTIONS, _CLEAN, _SIGN) if isinstance(item, Read) else item
           for item in items]
    for done in out:
        if isinstance(done, Cleaned) and done.article is not None:
            done.article.raw = ""  # the parent has it (``_with_raw``)
    return out


def _with_raw(chunk: list[Any], results: list[Any]) -> list[Any]:
    """A worker's results with each article's ``raw`` back from the item it was sent."""
    for item, done in zip(chunk, results, strict=True):
        if isinstance(item, Read) and isinstance(done, Cleaned) and done.article is not None:
            done.article.raw = item.record.content
    return results


def _died(item: Any) -> Any:
    if isinstance(item, Read):
        return Cleaned(source=item.record.source,
                       reason="the worker process cleaning it died (crash or out of memory)")
    return item


def cleaned(items: Iterable[Any], options: Options, n_process: int, clean: Clean,
            sign: Sign | None = None,
            warm: Callable[[list[RawRecord]], None] | None = None) -> Iterator[Any]:
    """``items`` with every ``Read`` replaced by its ``Cleaned`` result, in order. Records
    cleaned here without a pool are not signed (the parent signs them only if it must
    compare them). ``warm(records)`` loads, before the workers are forked, what they would
    each load on their own to clean records like the first ones."""
    items = iter(items)
    head: list[Any] = []
    reads = 0
    for item in items:
        head.append(item)
        reads += isinstance(item, Read)
        if reads >= MIN_RECORDS:
            break
    if reads < MIN_RECORDS or n_process <= 1:
        for item in itertools.chain(head, items):
            yield clean_one(item.record, options, clean) if isinstance(item, Read) else item
        return
    while not isinstance(head[0], Read):
        yield head.pop(0)
    # Warms this process's imports and caches (the signer's banding too) before the fork,
    # and ``warm`` what that record may not have needed.
    yield clean_one(head[0].record, options, clean, sign)
    if warm is not None:
        warm([item.record for item in head if isinstance(item, Read)])
    head.pop(0)
    pool: OrderedPool[Any, Any] = OrderedPool(
        clean_items, n_process, on_death=_died, what="ingest", initializer=_init,
        initargs=(options, clean, sign))
    sent: deque[list[Any]] = deque()  # chunks in flight, oldest first, as results come
    for results in pool.map(_kept(chunked(itertools.chain(head, items), CHUNK), sent)):
        yield from _with_raw(sent.popleft(), results)


def _kept(chunks: Iterator[list[Any]], sent: deque[list[Any]]) -> Iterator[list[Any]]:
    """``chunks``, each also appended to ``sent`` as it goes to the pool."""
    for chunk in chunks:
        sent.append(chunk)
        yield chunk


