"""Plain-text reader: one file is one article (already-scraped pages, like the seeds)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..config import Options
from ..records import RawRecord
from .decode import decode, read_bytes

# A saved web page with a .txt name is still HTML and needs extraction, not line cleaning.
_HTML_PAGE = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])", re.I)


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield the file as one text record; raises ``TooLarge``/``EmptyInput``/``DecodeError``."""
    data = read_bytes(path, options.ingest.max_bytes)
    notes: list[str] = []
    text = decode(data, str(path), notes=notes)
    if _HTML_PAGE.match(text[:1000]):
        yield RawRecord(source=str(path), format="html", content=text, is_html=True,
                        warnings=notes)
        return
    yield RawRecord(source=str(path), format="text", content=text, warnings=notes)
