"""HTML reader: one file is one page; extraction happens in cleaning (trafilatura)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..config import Options
from ..records import RawRecord
from .decode import decode, read_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield the page as one HTML record."""
    data = read_bytes(path, options.ingest.max_bytes)
    notes: list[str] = []
    html = decode(data, str(path), declared_charset(data), notes=notes)
    yield RawRecord(source=str(path), format="html", content=html, is_html=True,
                    warnings=notes)
