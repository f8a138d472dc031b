"""Attributions beyond reported speech: beliefs, intentions, evaluations, perceptions and
knowledge ("X believes…", "X wants to…", "X criticized Y for…", "X saw…", "X knows…"), and
speech verbs whose object is what was talked about ("X discussed the budget").

A cue verb from ``cues.ATTITUDE_TYPE`` / ``TOPIC_SPEECH`` / ``PREP_CUES`` with a
subject as source and, as content, the verb's clause (``ccomp``), infinitive (``xcomp``),
direct object (with an object predicate or a "for/of/as" phrase: "called X a liar",
"accused X of Y") or the object of the verb's own preposition ("voted for X").
A generic "you" ("if you like your candidate…") addresses the reader and is not a source
of a non-speech attribution; the writer's own "I think" / "we saw" is kept (attributed to
the writer, as attribution corpora do).
"""

from __future__ import annotations

from typing import Any

from ...model import Quote
from .cues import (
    ADJECTIVE_PREPS,
    ADJECTIVE_TYPE,
    ATTITUDE_TYPE,
    LEMMA_FIXES,
    NON_SOURCES,
    PREP_CUES,
    QUESTION_VERBS,
    SPEECH,
    SPEECH_PREP_CUES,
    TOPIC_SPEECH,
    cue_lemma,
    cue_type,
)
from .direct import cue_span
from .indirect import (
    content_tokens,
    passive_theme,
    prep_object,
    trim,
    typed_attribution,
)
from .scan import Cue, Scan
from .speaker import is_relative, subject_of

ATTITUDE_LEMMAS = (frozenset(ATTITUDE_TYPE) | TOPIC_SPEECH | frozenset(PREP_CUES)
                   | frozenset(ADJECTIVE_TYPE) | frozenset(LEMMA_FIXES))
_CORE = {"ccomp", "xcomp", "dobj", "oprd"}
# Phrases that complete an object: "called X a liar", "accused X of Y", "described X as Y".
_EXTEND = {"oprd", "xcomp", "ccomp"}
_EXTEND_PREPS = {"for", "of", "as", "over", "on"}
_READER = {"you"}  # generic "you" ("if you like…") addresses the reader


def attitude_content(cue: Any) -> tuple[tuple[int, int], int, str] | None:
    """(content token range, end char of the cue, the preposition or mark introducing the
    content or "") for an attitude cue, or None."""
    lemma = cue_lemma(cue)
    preps = PREP_CUES.get(lemma, frozenset())
    rights = [c for c in cue.children if c.i > cue.i]
    parts: list[Any] = []
    cue_end = cue_span(cue)[1]
    via = ""
    for child in rights:
        if not parts and (child.dep_ in _CORE or _clause_like(child, lemma)):
            parts.append(child)
            via = next((g.lower_ for g in child.children if g.dep_ == "mark"), "")
        elif not parts and child.dep_ == "prep" and child.lower_ in preps:
            obj = prep_object(child)
            if obj is None:
                return None
            parts.append(obj)
            cue_end = child.idx + len(child)
            via = child.lower_
        elif parts and (child.dep_ in _EXTEND or (child.dep_ == "prep"
                                                 and child.lower_ in _EXTEND_PREPS)):
            parts.append(child)
        elif parts:
            break
    if not parts:
        parts = passive_theme(cue)
    if not parts or _not_content(parts[0]):
        return None
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    return trim(cue.doc, lo, hi), cue_end, via


def _clause_like(child: Any, lemma: str) -> bool:
    """An adverbial clause the parser made of a complement: "called for the US to act"
    (mark "for"), "argued that…"; "asked whether…" for verbs that take a question."""
    if child.dep_ != "advcl":
        return False
    marks = {g.lower_ for g in child.children if g.dep_ == "mark" and g.i < child.i}
    return bool(marks & {"for", "that"}) or (lemma in QUESTION_VERBS
                                             and bool(marks & {"whether", "if"}))


def _not_content(head: Any) -> bool:
    """Objects that are not what is attributed: a time ("spoke Tuesday", a parse error for
    an adverbial) or a reflexive pronoun ("found himself")."""
    if head.ent_type_ in {"DATE", "TIME"}:
        return True
    return head.tag_ == "PRP" and head.lower_.endswith(("self", "selves"))


def _source_ok(subj: Any, kind: str) -> bool:
    lower = subj.lower_
    if is_relative(subj):
        return True
    if lower in NON_SOURCES:
        return False
    return kind == SPEECH or lower not in _READER


Candidate = tuple[tuple[tuple[int, int], int], Any, str]


def _verb_candidate(tok: Any) -> Candidate | None:
    """((content range, cue end), source token, type) of an attitude verb."""
    lemma = cue_lemma(tok)
    if lemma not in ATTITUDE_LEMMAS:
        return None
    found = attitude_content(tok)
    subj = subject_of(tok) if found is not None else None
    if found is None or subj is None:
        return None
    rng, cue_end, via = found
    kind = cue_type(lemma, speech_first=False) if lemma in ATTITUDE_TYPE else SPEECH
    if via in SPEECH_PREP_CUES.get(lemma, ()):
        kind = SPEECH
    return (rng, cue_end), subj, kind


def _adjective_candidate(tok: Any) -> Candidate | None:
    """"X is critical of Y", "X is confident that…", "X was eager to…"."""
    kind = ADJECTIVE_TYPE.get(tok.lower_)
    if kind is None or tok.pos_ != "ADJ" or tok.dep_ != "acomp":
        return None
    found = None
    for child in tok.rights:
        if child.dep_ in {"ccomp", "xcomp"} or _clause_like(child, ""):
            found = content_tokens(child), tok.idx + len(tok)
        elif child.dep_ == "prep" and child.lower_ in ADJECTIVE_PREPS:
            obj = prep_object(child)
            if obj is not None:
                found = content_tokens(obj), child.idx + len(child)
        if found is not None:
            break
    subj = subject_of(tok.head) if found is not None else None
    if found is None or subj is None:
        return None
    return found, subj, kind


def find_attitudes(scan: Scan) -> list[Quote]:
    """Attributions of the non-speech cue verbs at ``scan.positions`` (not yet used)."""
    doc, seg_of, used_cues = scan.doc, scan.seg_of, scan.used_cues
    out: list[Quote] = []
    for i in scan.positions:
        tok = doc[i]
        if seg_of[i] >= 0 or i in used_cues:
            continue
        cand = _verb_candidate(tok) if tok.pos_ == "VERB" else _adjective_candidate(tok)
        if cand is None:
            continue
        found, subj, kind = cand
        if seg_of[subj.i] >= 0 or not _source_ok(subj, kind):
            continue
        content, cue_end = found
        cue = Cue(i, cue_lemma(tok), (cue_span(tok)[0], cue_end), kind, tok)
        quote = typed_attribution(scan, cue, content, subj)
        if quote is not None:
            out.append(quote)
            used_cues.add(i)
    return out
