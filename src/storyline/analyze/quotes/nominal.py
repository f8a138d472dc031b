"""Nominal attributions: an attribution noun with its source and content, "Trump's call for
a ban", "her refusal to testify", "Shoigu's statement that…", "the claim by X that…".

The source is the noun's possessor ("Trump's", "his") or its "by" agent; the content is the
noun's clause (a that-clause or a to-infinitive, ``acl``) or the object of a content
preposition ("of", "for", "to", "about"…: ``cues.NOUN_PREPS``). Nouns without a source
("the plan to…") are not attributions: the source is unknown.
"""

from __future__ import annotations

from typing import Any

from ...model import Quote
from .cues import NOUN_PREPS, NOUN_TYPE
from .indirect import content_tokens, prep_object, typed_attribution
from .scan import Cue, Scan

NOUN_LEMMAS = frozenset(NOUN_TYPE)


def noun_source(noun: Any) -> Any | None:
    """The possessor ("Trump's call") or the "by" agent ("a claim by X") of a noun."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def noun_content(noun: Any) -> tuple[tuple[int, int], int] | None:
    """(content token range, end char of the cue) of an attribution noun, or None."""
    for child in noun.rights:
        if child.dep_ in {"acl", "ccomp"} and _clausal(child):
            return content_tokens(child), noun.idx + len(noun)
        if child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
            obj = prep_object(child)
            if obj is None:
                return None
            return content_tokens(obj), child.idx + len(child)
    return None


def _clausal(clause: Any) -> bool:
    """A that-clause or a to-infinitive ("the claim that…", "a refusal to…"), not a
    participle modifier ("the statement issued on Monday")."""
    return any(g.dep_ in {"mark", "aux"} and g.lower_ in {"that", "to"} and g.i < clause.i
               for g in clause.children)


def find_nominal(scan: Scan) -> list[Quote]:
    """Attributions of the attribution nouns at ``scan.positions`` (not yet used)."""
    doc, seg_of, used_cues = scan.doc, scan.seg_of, scan.used_cues
    out: list[Quote] = []
    for i in scan.positions:
        tok = doc[i]
        if seg_of[i] >= 0 or i in used_cues or tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        if lemma not in NOUN_TYPE:
            continue
        subj = noun_source(tok)
        found = noun_content(tok) if subj is not None else None
        if subj is None or found is None or seg_of[subj.i] >= 0:
            continue
        content, cue_end = found
        cue = Cue(i, lemma, (tok.idx, cue_end), NOUN_TYPE[lemma])
        quote = typed_attribution(scan, cue, content, subj)
        if quote is not None:
            out.append(quote)
            used_cues.add(i)
    return out
