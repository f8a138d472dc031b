"""Plain-text reader: one file is one article (already-scraped pages, like the seeds)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..config import Options
from .decode import decode, read_bytes
from .records import RawRecord


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield the file as one text record; raises ``TooLarge``/``EmptyInput``/``DecodeError``."""
    data = read_bytes(path, options.ingest.max_bytes)
    yield RawRecord(source=str(path), format="text", content=decode(data, str(path)))
