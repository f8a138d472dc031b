"""Which numbers in an article are claims about a count at all (before the claim model in
``ledger_numbers`` decides which claims are about the same quantity).

Not claims: increments ("two more"), hyphenated attributes ("a 28-yard pass"), negated
counts, tokenizer-split digits and clock times, numbers in URLs, parts and ratios ("three of
the skiffs", "30 of 207"), odds ("a 2 in 3 chance"), designations ("SEA-ME-WE 3",
"version 5"), ranked selections ("the 12 worst-hit villages"), scores and records ("43-39").

``scope`` says which part of a quantity a claim names: a total, a distance's reference
point, a qualifier right after the counted noun ("touchdowns on punt returns").
"""

from __future__ import annotations

import re

from ..lexicon import DESIGNATION_WORDS, MONTHS, SUPERLATIVES, WEEKDAYS, WORD_NUMBERS
from ..model import Article, Number
from .ledger_slots import is_referential

_SPLIT = re.compile(r"\d, $")
_SPLIT_AFTER = re.compile(r", \d{3}\b")
_DECIMAL = re.compile(r"\d\. $")
_ATTRIBUTE = re.compile(r"\s?-\s?[a-z]+\b(?!\s*-)")
_NEGATED = re.compile(r"\b(?:not|never|no longer)\b|n't\b", re.I)
_CLOCK = re.compile(r":\s?\d\d\b")
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")  # the minutes of "02: 15"
_PART = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|these|those|them|\d)", re.I)
_WHOLE = re.compile(r"\d\s+of\s+(?:his|her|its|their)?\s*$")  # "30 of 207": a ratio
_NUM = r"(?:\d[\d,.]*|" + "|".join(WORD_NUMBERS) + r")"
# "a 2 in 3 chance", "one-in-three", "1 in 500 users": odds and rates, not counts.
_RATIO_AFTER = re.compile(r"\s?-?\s?in\s?-?\s?(?!(?:1[89]|20)\d\d\b)" + _NUM + r"\b", re.I)
_RATIO_BEFORE = re.compile(r"\b" + _NUM + r"\s?-?\s?in\s?-?\s?$", re.I)
_DESIGNATION = re.compile(r"(?:\b(?:" + "|".join(DESIGNATION_WORDS) + r")\.?|\b[A-Z]{2,}"
                         r"(?:-[A-Z]{2,})*)\s?$", re.I)
_RANKED = re.compile(r"\s+(?:" + "|".join(SUPERLATIVES) + r")\b", re.I)
_SCORE = re.compile(r"\d\s*[-–]\s*$|^\s*[-–]\s*\d")


def is_claim(a: Article, n: Number) -> bool:
    """Not a claim: increments ("two more"), scores and records ("43-39"), split digits
    ("22, 000" as 22 and 000), small back-references ("the two leaders")."""
    if n.additive or n.text.strip().startswith("0") or is_referential(a, n):
        return False
    if _ATTRIBUTE.match(a.text, n.end):
        return False  # "a 28-yard pass", "a three-game streak": describes another noun
    if _NEGATED.search(a.text, max(a.sentence_at(n.start)[0], n.start - 30), n.start):
        return False  # "has not sent three observers" claims no count
    before, after = a.text[max(0, n.start - 4):n.start], a.text[n.end:n.end + 4]
    if _SPLIT_AFTER.match(a.text, n.end) or _DECIMAL.search(before) or _in_url(a, n.start) \
            or _CLOCK.match(a.text, n.end) or _CLOCK_BEFORE.search(before):
        return False  # "120, 000" / "6. 1" / "10: 24" split by a tokenizer; in a URL
    if _SPLIT.search(before) or _PART.match(a.text, n.end) or \
            _WHOLE.search(a.text, max(0, n.start - 12), n.start):
        return False  # "1, 101" split digits; "three of the skiffs", "30 of 207": ratios
    if _RATIO_AFTER.match(a.text, n.end) or \
            _RATIO_BEFORE.search(a.text[max(0, n.start - 16):n.start]):
        return False  # "a 2 in 3 chance": odds, not a count
    if _is_designation(a.text[max(0, n.start - 24):n.start]):
        return False  # "SEA-ME-WE 3 cable", "IE version 5": a name, not a count
    if _RANKED.match(a.text, n.end):
        return False  # "the 12 worst-hit villages": a ranked selection, not a total
    return not (_SCORE.search(before) or _SCORE.search(after))


def _is_designation(before: str) -> bool:
    m = _DESIGNATION.search(before)
    if m is None:
        return False
    word = m[0].strip().rstrip(".")
    # A designation word in any case; otherwise an all-capital name ("SEA-ME-WE", "IE").
    return word.casefold() in DESIGNATION_WORDS or (
        word.isupper() and ("-" in word or 2 <= len(word) <= 4))


def _in_url(a: Article, pos: int) -> bool:
    start = a.text.rfind(" ", 0, pos) + 1
    line = a.text.rfind("\n", 0, pos) + 1
    word = a.text[max(start, line):pos]
    return "://" in word or word.startswith("www.")


SCOPE_PREPOSITIONS = ("from:", "on:", "in:", "against:", "during:", "for:", "at:")
# Qualifier objects that are times: the sentence's date already keeps those apart.
_TIME_WORDS = frozenset(WEEKDAYS) | {  # weekdays, full month names and these
    max((m for m in MONTHS if MONTHS[m] == n), key=len) for n in set(MONTHS.values())} | {
    "week", "month", "year", "day", "night", "morning", "evening", "afternoon", "weekend",
    "time", "total", "all"}
_AGGREGATE = re.compile(r"\b(?:total|combined|overall|career|cumulative|altogether|in all)\b",
                        re.I)
_REFERENCE = re.compile(r"^[\w\s-]{0,30}?\b(?:from|off|away from)\s+(?:the\s+)?([A-Z][\w-]+)")
# "six touchdowns on offense" vs "three touchdowns on punt returns": a phrase right after
# the counted noun that says which part of the quantity is meant.
_QUALIFIER = r"\s+(on|in|against|during|for|at)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?([a-z][\w-]+)"


def scope(a: Article, n: Number) -> frozenset[str]:
    """What a figure spans: an aggregate ("a total of", "combined", "career"), a
    reference point for a distance ("150 miles off Aden" vs "13 miles from the Mysore"), or
    a qualifier right after the counted noun ("on:offense" vs "on:punt"); two claims whose
    scopes of one kind differ are other parts of a quantity."""
    s, e = a.sentence_at(n.start)
    out = set()
    if _AGGREGATE.search(a.text, s, e):
        out.add("aggregate")
    if (m := _REFERENCE.match(a.text[n.end:e])):
        out.add("from:" + m[1].casefold())
    words = re.findall(r"[a-z]+", (n.counts or "").casefold())
    while len(words) > 1 and words[-1].endswith(("ed", "ing")):
        words.pop()  # "people killed in the quake": the verb's phrase, not the noun's
    head = words[-1] if words else ""
    if head and (m := re.match(r"\s*(?:[\w'-]+\s+){0,2}?" + re.escape(head) + _QUALIFIER,
                                a.text[n.end:e], re.I)) and m[2].casefold() not in _TIME_WORDS:
        out.add(f"{m[1].casefold()}:{m[2].casefold()}")
    return frozenset(out)
