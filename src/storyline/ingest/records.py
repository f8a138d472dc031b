"""The reader contract: every input format yields ``RawRecord``s; cleaning turns one into an Article.

Readers (one module per format) expose ``iter_records(path, options)``; they raise
``InputError`` subclasses for unusable inputs. The same functions are used by the
single-machine ingest and by the Ray batch job, so there is one implementation of each format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
