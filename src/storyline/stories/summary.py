"""An extractive summary per story: two or three sentences chosen from the members' leads,
each kept with its article so a reader can check it at the source.

Candidates are the first two sentences of each member that is not a duplicate. A sentence
scores by how much of it the other members' leads also say (cosine of content words and
bigrams, the same terms the clustering uses), plus a small bonus for being an article's first
sentence; sentences are then picked greedily, each penalized by its overlap with those already
chosen (maximal marginal relevance) so the summary adds information rather than repeating
it. The chosen sentences are shown in publication order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article

LEAD_SENTENCES = 2  # sentences of each article that count as its lead
MIN_CHARS, MAX_CHARS = 40, 400  # shorter is a heading or caption, longer a run-on paragraph
REDUNDANCY = 0.4  # weight of the overlap with chosen sentences (MMR)
SAME_ARTICLE = 0.15  # prefer a sentence from a source not yet quoted
FIRST_BONUS = 0.1  # an article's first sentence usually states the news


@dataclass
class SummarySentence:
    text: str
    article_id: str
    outlet: str | None
    published: str | None
    start: int  # span in the article text
    end: int


def _spans(a: Article) -> list[tuple[int, int]]:
    if a.sentences:
        return list(a.sentences)
    # Not analyzed yet: split paragraphs at sentence ends.
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+?(?:[.!?](?=\s|$)|$)", a.text)]


def lead_sentences(a: Article, n: int = LEAD_SENTENCES) -> list[tuple[int, int, str]]:
    """The first ``n`` usable sentences of ``a`` as (start, end, stripped text)."""
    out = []
    for s, e in _spans(a):
        raw = a.text[s:e]
        text = " ".join(raw.split())
        if not MIN_CHARS <= len(text) <= MAX_CHARS or text.endswith(":"):
            continue
        lead = len(raw) - len(raw.lstrip())
        out.append((s + lead, s + lead + len(raw.strip()), text))
        if len(out) == n:
            break
    return out


def _cosines(terms: list[dict[str, int]]) -> list[list[float]]:
    """All pairwise cosines of the term counts, each pair computed once, from term postings
    (exact integer dot products and norms; 0 when either side is empty)."""
    norms = [sum(v * v for v in t.values()) for t in terms]
    n = len(terms)
    dots = [[0] * n for _ in range(n)]
    postings: dict[str, list[tuple[int, int]]] = {}  # term -> (sentence, count)
    for i, t in enumerate(terms):
        for k, v in t.items():
            postings.setdefault(k, []).append((i, v))
    for post in postings.values():  # only pairs that share a term have a dot product
        for x, (i, vi) in enumerate(post):
            row = dots[i]
            for j, vj in post[x + 1:]:
                row[j] += vi * vj
    out = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if terms[i] and terms[j]:
                out[i][j] = out[j][i] = dots[i][j] / math.sqrt(norms[i] * norms[j])
    return out  # the diagonal is never read: a sentence is not compared with itself


def summarize(articles: Sequence[Article], most: int = 3) -> list[SummarySentence]:
    """Up to ``most`` lead sentences that together say what the story is about."""
    from .embed import term_counts  # here: reading a saved summary needs no numpy

    members = [a for a in articles if not a.duplicate_of] or list(articles)
    cands: list[tuple[Article, int, tuple[int, int, str], dict[str, int]]] = []
    for a in members:
        for pos, sent in enumerate(lead_sentences(a)):
            cands.append((a, pos, sent, term_counts(sent[2])))
    if not cands:
        return []
    cos = _cosines([c[3] for c in cands])
    relevance = []
    for i, (a, pos, _, _) in enumerate(cands):
        others = [cos[i][j] for j, (b, *_) in enumerate(cands) if b.id != a.id]
        central = sum(others) / len(others) if others else 0.0
        relevance.append(central + (FIRST_BONUS if pos == 0 else 0.0))
    if len({a.id for a, *_ in cands}) > 1:
        # A lead sentence sharing no word with any other source is off the story's topic.
        keep = [i for i, (a, pos, _, _) in enumerate(cands)
                if pos == 0 or any(cos[i][j] > 0 for j, (b, *_) in enumerate(cands)
                                   if b.id != a.id)]
        cands, relevance = [cands[i] for i in keep], [relevance[i] for i in keep]
        cos = [[cos[i][j] for j in keep] for i in keep]
    want = min(most, max(2, len({a.id for a, *_ in cands})), len(cands))
    chosen: list[int] = []
    while len(chosen) < want:
        def gain(i: int) -> float:
            overlap = max((cos[i][j] for j in chosen), default=0.0)
            repeat = any(cands[j][0].id == cands[i][0].id for j in chosen)
            return relevance[i] - REDUNDANCY * overlap - (SAME_ARTICLE if repeat else 0.0)

        best = max((i for i in range(len(cands)) if i not in chosen), key=gain)
        if chosen and max(cos[best][j] for j in chosen) > 0.8:
            break  # only near-repeats are left: two sentences are enough
        chosen.append(best)
    picked = [cands[i] for i in chosen]
    picked.sort(key=lambda c: (c[0].published or "9999", c[0].id, c[2][0]))
    return [SummarySentence(text, a.id, a.outlet, a.published, s, e)
            for a, _, (s, e, text), _ in picked]
