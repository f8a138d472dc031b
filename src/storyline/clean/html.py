"""Main text and metadata from an HTML page, via trafilatura."""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..errors import EmptyInput, MalformedInput

_FULL_PAGE = re.compile(r"<(?:html|body|head|!doctype)\b", re.I)
# Elements that end a paragraph, and those whose text is never article text.
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr",
                     "section", "article", "br", "ul", "ol", "table", "header", "footer"})
_DROPPED = ("script", "style", "figure", "figcaption", "noscript", "template")


def fragment_text(fragment: str, source: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, captions dropped.

    Parsed with lxml, so attribute values holding ">", comments, CDATA and entities are
    read as HTML is, not cut by a regular expression.
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(source, f"HTML fragment could not be parsed: {exc}") from exc
    etree.strip_elements(root, *_DROPPED, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n\n" + (el.text or "")
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    out = "\n\n".join(p for p in paragraphs if p)
    if not out:
        raise EmptyInput(source, "the HTML fragment holds no text")
    return out


@dataclass
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None


FALLBACKS = ("auto", "always", "never")
WEAK_CHARS = 1500  # an extraction shorter than this (~250 words) gets the full comparison


def extract_html(html: str, source: str, *, favor: str = "precision",
                 url: str | None = None, fallback: str = "auto") -> Extracted:
    """Run trafilatura; ``favor`` is ``precision``, ``recall`` or ``balanced``.

    ``fallback``: ``always`` compares trafilatura's own extraction with readability's (and
    justext's) and may take theirs (trafilatura's default; a third of its time); ``never``
    skips that (its ``fast`` mode); ``auto`` extracts fast and redoes the page with the
    comparison only when the result is weak (empty or under ``WEAK_CHARS``), where the other
    extractors are most often taken.

    Raises ``EmptyInput`` when the page has no main text, ``MalformedInput`` when the
    markup cannot be parsed at all.
    """
    if not _FULL_PAGE.search(html[:3000]):
        # A fragment (feed entry, JSON "html" field) is already the article body; trafilatura
        # would discard short ones as too small to be a page.
        return Extracted(text=fragment_text(html, source))
    fallback = fallback if fallback in FALLBACKS else "auto"
    doc = _extract(html, source, favor, url, compare=fallback == "always")
    if fallback == "auto" and len(_text(doc)) < WEAK_CHARS:
        doc = _extract(html, source, favor, url, compare=True)
    text = _text(doc)
    if not text:
        raise EmptyInput(source, "no article text found in the HTML (navigation or empty page)")
    title = _clean(getattr(doc, "title", None))
    return Extracted(
        text=_drop_title_line(text, title), title=title, author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)), sitename=_clean(getattr(doc, "sitename", None)),
        language=_clean(getattr(doc, "language", None)), url=_clean(getattr(doc, "url", None)),
    )


def _extract(html: str, source: str, favor: str, url: str | None, *, compare: bool) -> Any:
    """trafilatura's document for the page (None when it found nothing)."""
    import trafilatura

    options = copy.copy(_extractor(favor, compare))
    options.url = options.source = url
    try:
        return trafilatura.bare_extraction(html, options=options)
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        raise MalformedInput(source, f"HTML could not be parsed: {exc}") from exc


def _text(doc: Any) -> str:
    return (getattr(doc, "text", None) or "").strip() if doc is not None else ""


_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


@functools.lru_cache(maxsize=8)
def _extractor(favor: str, compare: bool) -> Any:
    """trafilatura's options for one setting, built once per process (building them reads
    its configuration: ~4% of a page's extraction); copied per page for its URL."""
    from trafilatura.settings import Extractor

    if favor not in {"precision", "recall", "balanced"}:
        favor = "precision"
    return Extractor(
        output_format="python", fast=not compare, precision=favor == "precision",
        recall=favor == "recall", comments=False, tables=True, with_metadata=True,
        # Only dates the page states in its metadata; never guess from the body text.
        date_params=_DATE_PARAMS,
    )


def _clean(value: Any) -> str | None:
    return str(value).strip() or None if value else None


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the <h1> as the first line; the title is kept apart."""
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.casefold() and rest.strip():
        return rest
    return text
