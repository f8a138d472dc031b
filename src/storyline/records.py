"""The reader contract: every input format yields ``RawRecord``s; cleaning turns one into an Article.

This module sits below ingest and clean (both import it; neither imports the other).
Readers (one module per format, in ``storyline.ingest``) expose ``iter_records(path,
options)``; they raise ``InputError`` subclasses for unusable inputs. The same functions are used by the
single-machine ingest and by the Ray batch job, so there is one implementation of each format.

A container format (JSONL, feed, WARC) cannot raise for one bad entry without losing the
entries after it, so it yields a record whose ``error`` is set instead; ``to_article`` raises
that error, and the runner records it as one failure and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import InputError


@dataclass
class RawRecord:
    source: str  # file path, or "path#offset" / "path#entry-N" for records inside a container
    format: str  # html | text | json | feed | warc
    content: str  # HTML or text, decoded
    is_html: bool = False
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as found; normalized to ISO date by cleaning
    outlet: str | None = None
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: InputError | None = None  # set for a broken entry inside a container
    # Problems that did not stop the record (a field of the wrong type, replaced bytes):
    # "field: what and what was done", recorded by the runner as warnings naming the source.
    warnings: list[str] = field(default_factory=list)


def failed_record(error: InputError, fmt: str) -> RawRecord:
    """A placeholder for one unusable entry of a container; ``to_article`` raises ``error``."""
    return RawRecord(source=error.source, format=fmt, content="", error=error)
