"""Cleaning: raw record -> Article with clean text, metadata and a content id.

``to_article`` is the one record -> Article function, used by the ingest runner and by the
Ray batch job alike.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from ..config import Options
from ..errors import EmptyInput, InputError
from ..model import Article
from ..outlets import resolve_outlet
from ..records import RawRecord
from .boilerplate import Cleaned, clean_text
from .html import extract_html
from .metadata import detect_language, parse_date

MIN_WORDS = 5  # fewer words than this after cleaning is not an article

__all__ = ["to_article", "clean_text", "Cleaned", "parse_date", "detect_language", "warm_up"]


def to_article(record: RawRecord, options: Options) -> Article:
    """Clean one record into an Article (text, metadata, ``removed``, content id).

    Precedence for metadata: sidecar > record fields (JSON/feed/WARC) > page or text header.
    Raises the record's own error for a broken container entry, and ``EmptyInput`` when
    nothing is left after cleaning.
    """
    if record.error is not None:
        raise record.error
    article = _from_html(record, options) if record.is_html else _from_text(record, options)
    if not article.text.strip():
        raise EmptyInput(record.source, "no article text left after removing boilerplate")
    n_words = len(article.text.split())
    if n_words < MIN_WORDS:
        # A menu item or a lone heading ("Home") is what extraction leaves of a non-article.
        raise EmptyInput(record.source, f"no article text found (only {n_words} words left "
                                        "after cleaning)")
    article.source_path = record.source
    article.format = record.format
    article.raw = record.content
    _apply_record_fields(article, record)
    # Metadata names the outlet, else the URL's domain does (docs/outlets.md).
    article.outlet, how = resolve_outlet(article.outlet, article.url)
    if how == "url":
        article.meta["outlet_from"] = "url"
    article.language = article.language or detect_language(article.text)
    article.ensure_id()
    return article


# A page whose text is short enough for trafilatura's fallback to try justext, which loads
# its stop word lists (every language: ~0.12 CPU-s) on first use.
_WARM_PAGE = ("<html><head><title>Warm-up page</title></head><body><article><p>A short page "
              "of one sentence, read once before the workers start.</p></article></body></html>")


def warm_up(records: list[RawRecord]) -> None:
    """Load what cleaning ``records`` like these loads on first use and keeps (the language
    model; for HTML, justext's stop word lists: ~0.1 CPU-s each), so worker processes forked
    after this share them instead of each loading its own."""
    from .metadata import _identifier

    _identifier()
    if any(r.is_html for r in records):
        with contextlib.suppress(InputError):  # what it loaded on the way is what counts
            extract_html(_WARM_PAGE, "warm-up", fallback="always")


def _from_html(record: RawRecord, options: Options) -> Article:
    page = extract_html(record.content, record.source, favor=options.clean.html_favor,
                        url=record.url, fallback=options.clean.html_fallback)
    # trafilatura keeps captions and share prompts it cannot tell from text: same line rules.
    cleaned = clean_text(page.text, min_line_chars=options.clean.min_line_chars, header=False)
    published, source = parse_date(page.date), "html"
    if published is None:  # a dateline the page's metadata did not carry
        published, source = parse_date(cleaned.date_text), "text"
    return Article(
        text=cleaned.text, title=page.title, outlet=page.sitename,
        author=page.author or cleaned.author, url=page.url, published=published,
        published_source=source if published else None, language=page.language,
        removed=cleaned.removed,
        meta={"removed_by_rule": cleaned.reasons} if cleaned.reasons else {},
    )


def _from_text(record: RawRecord, options: Options) -> Article:
    cleaned = clean_text(record.content, min_line_chars=options.clean.min_line_chars)
    published = parse_date(cleaned.date_text)
    return Article(
        text=cleaned.text, title=cleaned.title, outlet=cleaned.outlet, author=cleaned.author,
        published=published, published_source="text" if published else None,
        removed=cleaned.removed,
        meta={"removed_by_rule": cleaned.reasons} if cleaned.reasons else {},
    )


FUTURE_DAYS = 2  # a stated date this far past today is a typo (2099), not a time zone


def _checked_date(record: RawRecord) -> str | None:
    """The record's stated date as ISO, or None with a warning when it is no usable date."""
    if not record.published:
        return None
    published = parse_date(record.published)
    if published is None:
        record.warnings.append(f"field 'published' ({record.published[:40]!r}) is not a "
                               "date; ignored")
    elif date.fromisoformat(published) > date.today() + timedelta(days=FUTURE_DAYS):
        record.warnings.append(f"field 'published' ({published}) is in the future; ignored")
        return None
    return published


def _apply_record_fields(article: Article, record: RawRecord) -> None:
    """Fields the container or sidecar states beat what was found in the page."""
    from_sidecar = set(record.meta.get("sidecar", []))
    for name in ("url", "title", "outlet", "author"):
        value = getattr(record, name)
        if value:
            setattr(article, name, value)
    published = _checked_date(record)
    fallback = record.meta.get("published_is_fallback") and "published" not in from_sidecar
    if published and not (fallback and article.published):
        article.published = published
        article.published_source = "sidecar" if "published" in from_sidecar else "metadata"
    extra = {k: v for k, v in record.meta.items() if k not in ("sidecar", "published_is_fallback")}
    if extra:
        article.meta.update(extra)
