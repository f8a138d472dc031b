"""Article text marked up from character offsets, safely.

Annotations (entities, dates, quotes, the highlighted value) are spans over ``Article.text``
and may overlap or nest. Rather than nesting tags (which overlap would break), the text is cut
at every span boundary and each piece becomes one flat element carrying the classes and
tooltips of all spans covering it. Every piece of text and every attribute is escaped, so a
page that contains ``<script>`` is shown as text, never run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from ..model import Article


@dataclass(frozen=True)
class Span:
    """One annotation to mark: ``kind`` becomes a CSS class, ``title`` a tooltip line."""

    start: int
    end: int
    kind: str  # ent | timex | quote | hl | sent | fact | conflict
    title: str = ""
    href: str | None = None
    label: str | None = None  # entity label (PERSON, GPE...), used for colouring


def entity_href(name: str) -> str:
    """The entity page URL; names may contain '/', '?' or '#', so quote everything."""
    return "/entities/" + quote(name, safe="")


def evidence_href(article_id: str, start: int, end: int) -> str:
    """Link to an article with the span highlighted and scrolled into view."""
    return f"/articles/{quote(article_id, safe='')}?hl={start}-{end}#hl"


def article_spans(article: Article, hl: tuple[int, int] | None = None) -> list[Span]:
    """Spans for the article page: entities, dates, quotes and the requested highlight."""
    spans: list[Span] = []
    for e in article.entities:
        title = f"{e.label}: {e.canonical}" + (f" ({e.role})" if e.role else "")
        spans.append(Span(e.start, e.end, "ent", title, entity_href(e.canonical), e.label))
    for t in article.timexes:
        resolved = t.value
        if t.begin:
            resolved += f" = {t.begin}" + (f" to {t.finish}" if t.finish and t.finish != t.begin else "")
        if t.mod:
            resolved += f" [{t.mod}]"
        spans.append(Span(t.start, t.end, "timex", f"{t.type}: {resolved}"))
    for q in article.quotes:
        who = q.speaker or q.speaker_text or "unattributed"
        cue = f", cue '{q.cue}'" if q.cue else ""
        what = f"{q.kind} quote" if q.type == "speech" else f"{q.type} ({q.kind})"
        spans.append(Span(q.start, q.end, "quote", f"{what} by {who}{cue}"))
    if hl is not None:
        s_start, s_end = article.sentence_at(hl[0])
        spans.append(Span(s_start, s_end, "sent"))
        spans.append(Span(hl[0], hl[1], "hl", "the cited value"))
    return spans


def render_marked(text: str, spans: Sequence[Span]) -> Markup:
    """HTML for ``text`` with ``spans`` marked; overlapping spans are fine.

    The first piece of the ``hl`` span gets ``id="hl"`` so ``#hl`` scrolls to it.
    """
    n = len(text)
    clean = [s for s in spans if 0 <= s.start < s.end and s.start < n]
    clean = [Span(s.start, min(s.end, n), s.kind, s.title, s.href, s.label) for s in clean]
    cuts = sorted({0, n, *(s.start for s in clean), *(s.end for s in clean)})
    out: list[str] = []
    hl_done = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        active = [s for s in clean if s.start <= a and s.end >= b]
        if not active:
            out.append(str(piece))
            continue
        is_hl = any(s.kind == "hl" for s in active)
        out.append(_element(piece, active, anchor=is_hl and not hl_done))
        hl_done = hl_done or is_hl
    return Markup("".join(out))


def _element(piece: Markup, active: list[Span], *, anchor: bool) -> str:
    kinds = sorted({s.kind for s in active})
    kinds += sorted({f"l-{s.label}" for s in active if s.label})
    titles = list(dict.fromkeys(s.title for s in active if s.title))
    href = next((s.href for s in active if s.href), None)
    attrs = f' class="{escape(" ".join(kinds))}"'
    if titles:
        attrs += f' title="{escape(chr(10).join(titles))}"'
    if anchor:
        attrs += ' id="hl"'
    if href:
        return f'<a href="{escape(href)}"{attrs}>{piece}</a>'
    return f"<span{attrs}>{piece}</span>"


def parse_hl(value: str | None) -> tuple[int, int] | None:
    """``"120-145"`` -> (120, 145); None when absent. Raises ValueError when malformed."""
    if not value:
        return None
    start_s, sep, end_s = value.partition("-")
    if not sep or not start_s.isdigit() or not end_s.isdigit() or int(end_s) <= int(start_s):
        raise ValueError(f"hl must look like START-END with START < END, got {value!r}")
    return int(start_s), int(end_s)


def snippet_html(snippet: str) -> Markup:
    """A search snippet whose matches are wrapped in [ ] by the store, as escaped HTML."""
    out: list[str] = []
    open_mark = False
    for ch in snippet:
        if ch == "[" and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif ch == "]" and open_mark:
            out.append("</mark>")
            open_mark = False
        else:
            out.append(str(escape(ch)))
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))
