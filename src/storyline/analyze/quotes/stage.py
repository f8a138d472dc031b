"""Stage "quotes": who said (thought, wanted, criticized, saw, knew) what, with the cue
word, the spans and the attribution type (docs/quotes.md).

Direct quotes are text between quotation marks attributed through a cue verb next to the
marks: after them (“…,” Mr Ushakov said / said Mr Ushakov), or before them after a comma or
colon (Putin said, “…” / He told reporters: “…”). Split quotes sharing one cue (“…,” he said,
“…”), quotes continued after "he said." in the same paragraph, and multi-paragraph quotes
are merged into one ``Quote``. Quoted phrases with no cue (scare quotes, titles) are skipped.

Indirect speech comes from the dependency parse (said that…, told reporters that…, according
to X: ``indirect``); beliefs, intentions, evaluations, perceptions and knowledge from
attitude verbs and adjectives (``attitude``) and attribution nouns (``nominal``);
colon labels and headlines from the layout (``colon``). An attribution whose cue lies
inside another one's content is dropped (the outer one is what the text reports), and only
the types in ``analysis.quote_types`` are kept. Sources are resolved by ``speaker``.
The stage reuses the shared spaCy Doc and makes one pass over tokens and quotation marks:
linear in the article length.
"""

from __future__ import annotations

from typing import Any

from ...config import Options
from ...errors import ConfigError, PipelineError
from ...model import Article, Quote
from ...pipeline import StageFn, registry
from .attitude import ATTITUDE_LEMMAS, find_attitudes
from .colon import find_colon, headline_verb
from .cues import TYPES
from .direct import Direct, find_direct
from .indirect import SPEECH_CUE_WORDS, cue_positions, find_indirect
from .marks import find_segments
from .nominal import NOUN_LEMMAS, find_nominal
from .scan import Scan
from .speaker import Mentions

ALL_TYPES = frozenset(TYPES)
_CUE_WORDS = SPEECH_CUE_WORDS | ATTITUDE_LEMMAS | NOUN_LEMMAS


def extract_quotes(article: Article, types: frozenset[str] = ALL_TYPES) -> list[Quote]:
    """The quotes and other attributions of an analysed article whose ``type`` is in
    ``types`` (``article.doc`` must be set by "parse")."""
    doc = article.doc
    if doc is None:
        raise PipelineError("stage 'quotes' needs article.doc: run the 'parse' stage first")
    segments = find_segments(article.text)
    scan = Scan(article, segments, _token_segments(doc, segments), Mentions(article))
    direct: list[Direct] = find_direct(scan)
    quotes = [d.quote for d in direct]
    scan.used_cues = {d.cue_i for d in direct if d.cue_i is not None}
    scan.attributed = {s for d in direct for s in d.segments}
    scan.positions = cue_positions(doc, _CUE_WORDS)
    quotes += find_indirect(scan)
    quotes += find_colon(scan)
    quotes += find_attitudes(scan)
    quotes += find_nominal(scan)
    headline = headline_verb(article, scan.mentions, quotes)
    if headline is not None:
        quotes.append(headline)
    quotes = outermost([q for q in quotes if q.type in types])
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def outermost(quotes: list[Quote]) -> list[Quote]:
    """Drop attributions whose cue lies inside the content of another one ("X said Y
    believes Z" reports what X said; Y's belief is part of it, as attribution corpora
    annotate it). Longer contents are considered first, so the outer one is kept."""
    kept: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start - q.end):
        at = q.cue_start if q.cue_start is not None else q.start
        if not any(k.start <= at < k.end for k in kept):
            kept.append(q)
    return kept


def _token_segments(doc: Any, segments: list[Any]) -> list[int]:
    """For each token, the index of the quoted segment it lies in, or -1 (one merge pass)."""
    out = [-1] * len(doc)
    k = 0
    # Token offsets as plain ints: creating spaCy Token objects is the costly part.
    for i, idx in enumerate(doc.to_array("IDX").tolist()):
        while k < len(segments) and segments[k].end <= idx:
            k += 1
        if k < len(segments) and segments[k].start <= idx < segments[k].end:
            out[i] = k
    return out


def quote_types(options: Options) -> frozenset[str]:
    """The attribution types to report (``analysis.quote_types``), checked."""
    types = frozenset(options.analysis.quote_types)
    unknown = sorted(types - ALL_TYPES)
    if unknown:
        raise ConfigError(f"analysis.quote_types: unknown type(s) {', '.join(unknown)}; "
                          f"known: {', '.join(TYPES)}")
    return types


@registry.stage("quotes", requires=("doc", "entities"), assigns=("quotes",))
def make_quotes(options: Options) -> StageFn:
    """Direct, indirect and mixed quotes and other attributions (``analysis.quote_types``)
    with cue, content and source resolved to entities."""
    types = quote_types(options)

    def quotes(article: Article) -> Article:
        article.quotes = extract_quotes(article, types)
        return article

    return quotes
