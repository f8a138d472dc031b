"""Which way a bare "Tuesday" or "in May" points: before the anchor (-1), after (+1), or 0.

With a spaCy ``Doc`` we climb from the expression to the verb that governs it and read its
tense ("will travel ... on Tuesday" -> +1; "met on Tuesday" -> -1; "is set to host" -> +1).
Without one, or when the parse says nothing, the nearest tense cue in the sentence decides.
"""

from __future__ import annotations

import re
from typing import Any

_FUTURE_LEMMAS = frozenset({
    "plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "prepare", "go",
    "promise", "pledge", "vow", "propose", "seek", "want", "agree", "decide", "announce",
})
_SCHEDULE_LEMMAS = frozenset({
    "begin", "start", "open", "close", "end", "resume", "meet", "arrive", "leave", "depart",
    "take", "visit", "travel", "hold", "host", "launch", "expire",
})
_FUTURE_CUE = (r"(?:will|'ll|shall|won't|would)(?:\s+not)?(?:\s+(?:be|have|also|again|soon))*"
               r"(?:\s+[a-z]+)?|wo\s+n't|going\s+to|plans?\s+to|planned|planning|"
               r"(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|poised|to)\b|"
               r"(?:is|are|was|were)\s+planning|as\s+soon\s+as|"
               r"scheduled|expected\s+to|expects?\s+to|intends?\s+to|aims?\s+to|would|"
               r"upcoming|to\s+be\s+held|next|forthcoming|later\s+this")
_PAST_CUE = (r"was|were|had|did|ago|last|earlier|previous|(?-i:[a-z]{2,}ed)|said|told|met|went|"
             r"came|took|made|gave|held|began|saw|won|lost|left|fell|rose|led|paid|sent|"
             r"spoke|wrote|became|brought|kept|found|sold|bought|struck|hit|put|set\s+off")
_CUES = re.compile(rf"\b(?:(?P<future>{_FUTURE_CUE})|(?P<past>{_PAST_CUE}))\b", re.IGNORECASE)
# "said Tuesday", "announced on Friday": the date belongs to the reporting verb.
_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|confirmed|"
                       r"disclosed|declared|met|arrived|returned)\s+(?:on\s+|late\s+|"
                       r"early\s+)?$", re.IGNORECASE)
# "closes Sunday", "begins on Monday": a present-tense schedule points ahead.
_SCHEDULED = re.compile(r"\b(?:begins|starts|opens|closes|ends|resumes|meets|arrives|"
                        r"leaves|departs|takes\s+place|is\s+due|are\s+due|payable|"
                        r"effective|starting|beginning|expires|expiring|"
                        r"(?:scheduled|slated|set|planned)\s+for)\s+(?:on\s+)?$",
                        re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'“])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Approximate sentence around [start, end) by punctuation (fallback without a Doc)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        left = m.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return left, after.start() + 1 if after else min(len(text), end + 400)


def direction_local(text: str, start: int) -> int:
    """The words right before the expression, when they settle it: "said Tuesday" (-1),
    "begins Monday", "payable Jan. 2", "effective Feb. 1" (+1); else 0."""
    if _REPORTED.search(text, max(0, start - 30), start):
        return -1
    if _SCHEDULED.search(text, max(0, start - 30), start):
        return 1
    return 0


def direction_regex(text: str, start: int, end: int) -> int:
    """Tense by the nearest cue word in the sentence; 0 when the sentence has none."""
    local = direction_local(text, start)
    if local:
        return local
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, int] | None = None
    for m in _CUES.finditer(text, left, right):
        if start <= m.start() < end:
            continue  # cues inside the expression itself ("last", "next") are not tense
        distance = start - m.end() if m.end() <= start else (m.start() - end) * 2
        sign = 1 if m.group("future") else -1
        if best is None or distance < best[0]:
            best = (distance, sign)
    return best[1] if best else 0


def _verb_direction(verb: Any) -> int:
    """Tense of one verb token from its tag and auxiliaries (0 if it does not say)."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in ("will", "'ll", "shall", "wo",
                                                                 "would"):
            return 1
    if verb.lemma_ in _FUTURE_LEMMAS and verb.tag_ in ("VBN", "VBZ", "VBP", "VBG") and any(
            c.dep_ == "xcomp" for c in verb.children):
        return 1
    if verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in (
            "has", "have", "had", "was", "were", "'ve") for c in verb.children):
        return -1
    return 0


def direction_doc(doc: Any, start: int, end: int) -> int:
    """Tense of the verb governing the expression in a spaCy Doc (0 if undetermined)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    tok = span.root
    for _ in range(8):  # a short climb: the governing verb is near
        if tok.pos_ in ("VERB", "AUX"):
            found = _verb_direction(tok)
            if found:
                return found
            if tok.tag_ in ("VBZ", "VBP"):
                # A finite present verb has a tense of its own: a schedule ("closes
                # Sunday") points ahead, anything else stays undecided.
                return 1 if tok.lemma_ in _SCHEDULE_LEMMAS else 0
            if tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl"):
                return 0
        if tok.head is tok:
            return 0
        tok = tok.head
    return 0


def direction(text: str, start: int, end: int, doc: Any = None) -> int:
    """-1 past, +1 future, 0 unknown, for the expression at [start, end)."""
    local = direction_local(text, start)
    if local:
        return local
    if doc is not None:
        try:
            found = direction_doc(doc, start, end)
        except (AttributeError, IndexError, ValueError):
            found = 0  # a Doc of another text: fall back to the regex reading
        if found:
            return found
    return direction_regex(text, start, end)


# A date after these words is a deadline or a target even in a past-tense sentence ("ruled
# he must return by Jan. 14", "extended the offer to Nov. 20", "stock of record Dec. 15").
_TARGET_BEFORE = re.compile(r"\b(?:by|until|till|to|through|before|record|payable|for|from|"
                            r"effective|starting|until\s+mid|due)\W*(?:the\s+(?:end|middle|"
                            r"beginning|start)\s+of\s+)?$", re.IGNORECASE)


def firm_past(text: str, start: int, end: int, doc: Any = None) -> bool:
    """True when the parse says the verb governing the expression is itself in the past
    ("visited China at the end of August") and the date is not a deadline ("by Jan. 14").
    Only such a reading moves a date that lies ahead of the anchor into the previous year."""
    if doc is None or _TARGET_BEFORE.search(text, max(0, start - 40), start):
        return False
    if any(m.group("future") for m in _CUES.finditer(text, *sentence_bounds(text, start, end))):
        return False  # a future cue in the same sentence: "said it would meet Jan. 14"
    try:
        return _attached_past_verb(doc, start, end)
    except (AttributeError, IndexError, ValueError):
        return False


def _attached_past_verb(doc: Any, start: int, end: int) -> bool:
    """The expression hangs directly (through prepositions only) on a past-tense verb that
    is not itself about plans ("set", "schedule"): not on a noun ("a ceremony on March 12",
    whose date is the ceremony's) nor on an infinitive ("to testify on Feb. 10")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(6):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ == "ADP":
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ in _FUTURE_LEMMAS:
            return False
        return _verb_direction(tok) < 0
    return False
