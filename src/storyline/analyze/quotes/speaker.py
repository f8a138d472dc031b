"""Who is speaking: the source of a cue word, resolved to a canonical entity when possible.

The source is the cue's grammatical subject (``nsubj``), the ``by`` agent of a passive cue,
the object of "according to", the head noun a relative-clause cue hangs on ("Shoigu, who
said…"), or the subject of the verb a participle/infinitive cue depends on ("…, saying",
"went on to say"). The source span is the subject's noun phrase (appositives included, as
news attribution corpora annotate it); the canonical name comes from the ``Entity`` that
overlaps its head (or an appositive), whatever canonical form the entities stage assigned.
Personal pronouns are resolved to the nearest preceding compatible mention, preferring
mentions in subject position; nominal sources ("the adviser", "officials") stay as text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ...model import Article, Entity

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them"}
_ORG_LABELS = {"ORG", "NORP", "GPE"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Dependencies through which a cue inherits the subject of the verb it hangs on.
_CLIMB_DEPS = {"xcomp", "advcl", "conj", "ccomp", "pcomp", "acl"}
_TRIM_EDGE = {"punct", "cc", "prep", "mark"}


@dataclass
class Source:
    start: int
    end: int
    text: str
    canonical: str


class Mentions:
    """The article's entity mentions with fast lookup by character offset."""

    def __init__(self, article: Article) -> None:
        ents = list(article.entities)
        if not ents and article.doc is not None:
            # Entities stage absent or a placeholder: fall back to spaCy's mentions, so
            # pronoun resolution still works; canonical is then the surface text.
            ents = [Entity(e.start_char, e.end_char, e.text, e.label_, e.text)
                    for e in article.doc.ents]
        self.items = sorted(ents, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.items]

    def covering(self, start: int, end: int) -> Entity | None:
        """The longest mention overlapping [start, end)."""
        best: Entity | None = None
        i = bisect.bisect_left(self.starts, end)
        for e in reversed(self.items[max(0, i - 8):i]):
            if e.end > start and (best is None or e.end - e.start > best.end - best.start):
                best = e
        return best

    def before(self, offset: int, labels: set[str], floor: int) -> list[Entity]:
        """Mentions with one of ``labels`` ending before ``offset`` and starting >= floor."""
        i = bisect.bisect_left(self.starts, offset)
        out = []
        for e in reversed(self.items[:i]):
            if e.start < floor:
                break
            if e.end <= offset and e.label in labels:
                out.append(e)
        return out


_SOURCE_POS = {"PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET"}


def _proportion(num: Any) -> bool:
    """"Six in 10", "4 in 10 voters", "three out of four": a share of people polled."""
    return any(c.lower_ in {"in", "of", "out"} and c.dep_ in {"quantmod", "prep"}
               for c in num.children)


def subject_of(cue: Any) -> Any | None:
    """The token naming who speaks for a cue token, or None (also for parse debris such as
    a verb or a timestamp in subject position)."""
    subj = _subject(cue)
    if subj is None or subj.pos_ not in _SOURCE_POS or subj.is_space:
        return None
    lo, hi = sorted((subj.i, cue.i))
    if any("\n" in t.text_with_ws for t in cue.doc[lo:hi]):
        return None  # a headline or dateline line parsed as the subject of the next line
    if subj.pos_ == "NUM" and not subj.is_alpha and not _proportion(subj):
        return None  # "12:15 p.m.": a live-blog timestamp, not a source
    return subj


def nearby_source(cue: Any, quote: tuple[int, int]) -> Any | None:
    """Fallback for direct quotes the parser did not link: the nearest name or personal
    pronoun next to the cue, on the same line and outside the quote."""
    doc = cue.doc
    order = [cue.i - d for d in range(1, 6)] + [cue.i + d for d in range(1, 6)]
    for i in order:
        if not 0 <= i < len(doc):
            continue
        tok = doc[i]
        if quote[0] <= tok.idx < quote[1] or tok.is_quote:
            continue
        lo, hi = sorted((i, cue.i))
        if any("\n" in t.text_with_ws or t.text in {".", "!", "?"} for t in doc[lo:hi]):
            continue
        if tok.pos_ == "PROPN" or tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
                tok = tok.head  # the head of "Ben Carson"
            return tok
    return None


def _nearest_first(tok: Any) -> list[Any]:
    """The children of ``tok``, those before it nearest first, then those after. A
    timestamp or dateline line above a sentence ("9:30 p.m.") is sometimes parsed as a
    second subject; the real one is next to the verb."""
    return list(reversed(list(tok.lefts))) + list(tok.rights)


def _subject(cue: Any) -> Any | None:
    tok = cue
    for _ in range(4):
        for child in _nearest_first(tok):
            if child.dep_ in _SUBJECT_DEPS and child.dep_ != "nsubjpass":
                return child  # a relative pronoun ("Shoigu, who said…") is resolved later
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        if passive and tok.i == cue.i:
            return None  # "the reform is expected to pass": no agent, no source
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return tok.head  # "a group backing Rubio": the noun the participle describes
        if tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN", "PRON"} and not passive:
            return tok.head  # "the history that isn't told" is what is told, not who tells
        if tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def noun_phrase(head: Any, stop: tuple[int, int] | None = None,
                cue: Any | None = None) -> tuple[int, int]:
    """Character span of the subject phrase of ``head``, kept clear of the ``stop`` span and
    of the clause holding the ``cue`` ("a group backing X", "those who say")."""
    toks = list(head.subtree)
    if cue is not None and cue.i != head.i and head.left_edge.i <= cue.i <= head.right_edge.i:
        clause = next((c for c in head.children
                       if c.left_edge.i <= cue.i <= c.right_edge.i), None)
        if clause is not None:
            toks = [t for t in toks if not clause.left_edge.i <= t.i <= clause.right_edge.i]
    if stop is not None:
        s0, s1 = stop
        toks = [t for t in toks if t.idx + len(t) <= s0 or t.idx >= s1]
    toks = _contiguous(toks, head)
    while toks and toks[0].dep_ in _TRIM_EDGE and toks[0].i != head.i:
        toks.pop(0)
    while toks and (toks[-1].dep_ in _TRIM_EDGE or toks[-1].is_punct) and toks[-1].i != head.i:
        toks.pop()
    if not toks:
        return head.idx, head.idx + len(head)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _contiguous(toks: list[Any], head: Any) -> list[Any]:
    """The tokens not separated from the head by a quotation mark or a line break (bad
    parses that swallow a quote or a headline into the subject). A possessive ’
    ("dockworkers’ union") is no quotation mark. One pass: the nearest barrier on each side
    of the head bounds the phrase."""
    if not toks:
        return toks
    doc = head.doc
    lo_bound, hi_bound = toks[0].i, head.i
    for i in range(head.i - 1, toks[0].i - 1, -1):
        if _barrier(doc[i]):
            lo_bound = i + 1
            break
    for i in range(head.i, toks[-1].i):
        if _barrier(doc[i]):
            hi_bound = i
            break
    else:
        hi_bound = toks[-1].i
    return [t for t in toks if lo_bound <= t.i <= hi_bound]


def _barrier(tok: Any) -> bool:
    return (tok.is_quote and tok.tag_ != "POS") or "\n" in tok.text_with_ws


def is_relative(tok: Any) -> bool:
    """A relative pronoun subject: "who" in "Shoigu, who said…"."""
    return tok.tag_ in {"WDT", "WP"} and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i


def resolve(article: Article, mentions: Mentions, head: Any, span: tuple[int, int]) -> Source:
    """Source text and canonical name for a subject head token and its phrase span."""
    text = article.text[span[0]:span[1]]
    lower = head.lower_
    if is_relative(head):
        # The source span is the pronoun (as attribution corpora mark it); the name is
        # that of the noun the relative clause describes.
        noun = head.head.head
        phrase = noun_phrase(noun, (head.head.left_edge.idx, article.doc[-1].idx + 1))
        canonical = resolve(article, mentions, noun, phrase).canonical
        return Source(head.idx, head.idx + len(head), head.text, canonical)
    if lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
        start, end = head.idx, head.idx + len(head)
        return Source(start, end, head.text, _pronoun(article, mentions, head) or head.text)
    if head.pos_ == "PRON":  # I, we, you, someone: kept as written
        return Source(head.idx, head.idx + len(head), head.text, head.text)
    if any(child.dep_ == "conj" for child in head.children):
        return Source(span[0], span[1], text, text)  # "Xi and Putin": several speakers
    ent = mentions.covering(head.idx, head.idx + len(head))
    if ent is None or ent.label not in {"PERSON"} | _ORG_LABELS:
        for child in head.children:
            if child.dep_ == "appos":
                cand = mentions.covering(child.idx, child.idx + len(child))
                if cand is not None and cand.label in {"PERSON"} | _ORG_LABELS:
                    ent = cand
                    break
        else:
            if ent is not None and ent.label not in {"PERSON"} | _ORG_LABELS:
                ent = None
    canonical = (ent.canonical or ent.text) if ent is not None else text
    return Source(span[0], span[1], text, canonical)


def _pronoun(article: Article, mentions: Mentions, pron: Any) -> str | None:
    lower = pron.lower_
    labels = {"PERSON"} if lower in PERSON_PRONOUNS else _ORG_LABELS
    if lower in {"they", "them"}:
        labels = {"PERSON", "ORG", "NORP"}
    # Look back over the current and two previous sentences first.
    sents = article.sentences
    floor = 0
    idx = bisect.bisect_right([s for s, _ in sents], pron.idx) - 1
    if idx >= 0:
        floor = sents[max(0, idx - 2)][0]
    near = mentions.before(pron.idx, labels, floor)
    if lower in {"they", "them"}:
        near = [e for e in near if e.label != "PERSON"]
    if near:
        doc = pron.doc
        for e in near:  # most recent first; prefer a mention in subject position
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in _SUBJECT_DEPS:
                return e.canonical or e.text
        return near[0].canonical or near[0].text
    if lower in {"they", "them"}:
        return None
    far = mentions.before(pron.idx, labels, 0)
    return (far[0].canonical or far[0].text) if far else None
