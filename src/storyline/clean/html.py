"""Main text and metadata from an HTML page, via trafilatura."""

from __future__ import annotations

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


def extract_html(html: str, source: str, *, favor: str = "precision",
                 url: str | None = None) -> Extracted:
    """Run trafilatura; ``favor`` is ``precision``, ``recall`` or ``balanced``.

    Raises ``EmptyInput`` when the page has no main text, ``MalformedInput`` when the
    markup cannot be parsed at all.
    """
    import trafilatura

    if not _FULL_PAGE.search(html[:3000]):
        # A fragment (feed entry, JSON "html" field) is already the article body; trafilatura
        # would discard short ones as too small to be a page.
        return Extracted(text=fragment_text(html, source))
    if favor not in {"precision", "recall", "balanced"}:
        favor = "precision"
    try:
        doc: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=favor == "precision", favor_recall=favor == "recall",
            # Only dates the page states in its metadata; never guess from the body text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        raise MalformedInput(source, f"HTML could not be parsed: {exc}") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise EmptyInput(source, "no article text found in the HTML (navigation or empty page)")
    title = _clean(getattr(doc, "title", None))
    return Extracted(
        text=_drop_title_line(text, title), title=title, author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)), sitename=_clean(getattr(doc, "sitename", None)),
        language=_clean(getattr(doc, "language", None)), url=_clean(getattr(doc, "url", None)),
    )


def _clean(value: Any) -> str | None:
    return str(value).strip() or None if value else None


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the <h1> as the first line; the title is kept apart."""
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.casefold() and rest.strip():
        return rest
    return text
