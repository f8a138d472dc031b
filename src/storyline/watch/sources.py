"""What a polled URL announces: article links from an RSS/Atom feed or an XML sitemap
(a urlset, a Google News sitemap, or a sitemap index whose child sitemaps are followed).
"""

from __future__ import annotations

import gzip
import io
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..errors import MalformedInput

_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)[\s>]")
MAX_UNZIPPED = 50_000_000  # the sitemap protocol's own limit is 50 MB


@dataclass
class Entry:
    url: str
    title: str | None = None
    published: str | None = None


@dataclass
class Announced:
    entries: list[Entry]
    sitemaps: list[str]  # child sitemaps of a sitemap index, to fetch in turn


def parse_announcements(data: bytes, source: str) -> Announced:
    """Entries of a feed or sitemap; raises ``MalformedInput`` for anything else."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source)
    match = _SITEMAP_ROOT.search(data[:4096])
    if match:
        return _sitemap(data, source)
    return Announced(_feed(data, source), [])


def _gunzip(data: bytes, source: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError) as exc:
        raise MalformedInput(source, f"broken gzip data: {exc}") from exc
    if len(out) > MAX_UNZIPPED:
        raise MalformedInput(source, "unzipped sitemap exceeds 50 MB")
    return out


def _feed(data: bytes, source: str) -> list[Entry]:
    import feedparser

    parsed = feedparser.parse(data)
    links = [e for e in parsed.entries if e.get("link")]
    if not links:
        why = getattr(parsed, "bozo_exception", None) or "no entries with a link"
        raise MalformedInput(source, f"not a usable RSS/Atom feed or sitemap: {why}")
    out = []
    for e in links:
        when = e.get("published_parsed") or e.get("updated_parsed")
        out.append(Entry(str(e["link"]).strip(), (e.get("title") or "").strip() or None,
                         time.strftime("%Y-%m-%d", when) if when else None))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sitemap(data: bytes, source: str) -> Announced:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MalformedInput(source, f"sitemap is not well-formed XML: {exc}") from exc
    entries, children = [], []
    for node in root:
        fields: dict[str, str] = {}
        for child in node.iter():
            if child.text and child.text.strip():
                fields.setdefault(_local(child.tag), child.text.strip())
        loc = fields.get("loc")
        if not loc:
            continue
        if _local(root.tag) == "sitemapindex":
            children.append(loc)
        else:
            published = fields.get("publication_date") or fields.get("lastmod")
            entries.append(Entry(loc, fields.get("title"), published[:10] if published else None))
    if not entries and not children:
        raise MalformedInput(source, "sitemap lists no <loc> URLs")
    return Announced(entries, children)
