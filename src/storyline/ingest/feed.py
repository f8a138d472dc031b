"""RSS and Atom reader: one record per entry (content, else summary), feed title as outlet."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import EmptyInput, MalformedInput
from ..records import RawRecord, failed_record
from .decode import decode, read_bytes

_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.I)


def is_feed(head: str) -> bool:
    """Does this XML text start like an RSS/Atom/RDF feed?"""
    return bool(_ROOT.search(head[:4096]))


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield one HTML record per feed entry; entries without any text become failures."""
    import feedparser

    notes: list[str] = []
    xml = decode(read_bytes(path, options.ingest.max_bytes), str(path), notes=notes)
    parsed = feedparser.parse(xml)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None) or "no <item> or <entry> elements"
        raise MalformedInput(str(path), f"not a usable RSS/Atom feed: {why}")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries):
        source = f"{path}#entry-{i}"
        body = _body(entry)
        if not body:
            yield failed_record(EmptyInput(source, "feed entry has no content or summary"), "feed")
            continue
        yield RawRecord(
            source=source, format="feed", content=body, is_html=True,
            url=entry.get("link"), title=(entry.get("title") or "").strip() or None,
            published=_date(entry), outlet=outlet,
            author=_author(entry.get("author")), warnings=list(notes),
        )


def _body(entry: Any) -> str:
    # The full content beats the summary; feeds often truncate the summary.
    for item in entry.get("content") or []:
        value = (item.get("value") or "").strip()
        if value:
            return str(value)
    return str(entry.get("summary") or "").strip()


def _author(value: Any) -> str | None:
    """RSS puts "email (Name)" in <author>; keep the name."""
    text = str(value or "").strip()
    match = re.match(r"^\S+@\S+\s*\((.+)\)$", text)
    return (match.group(1) if match else text) or None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    # Unparsed date strings are left to cleaning's date normalizer.
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None
