"""When two name strings are one person: initials, middle names, suffixes, common
diminutives, near spellings of one transliteration, and headline fragments.

"Robert J Pickell" / "Robert Pickell", "Bill / William Ingaldson", "X / X Jr.",
"Carolos / Karolos Papoulias", "Boone Isaacs" / "Cheryl Boone Isaacs" and "Ellen DeGeneres
Returns" (a headline read as a name) / "Ellen DeGeneres" all name one person. Rules only, no
list of people; the diminutives and suffixes are in ``storyline.lexicon``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from ..lexicon import DIMINUTIVES, NAME_SUFFIXES

_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "rev",
                         "gen", "sen", "rep", "gov", "pres", "prof"})
NEAR = 0.8  # SequenceMatcher ratio of two spellings of one transliterated name


def name_tokens(name: str) -> list[str]:
    # "A.J." and "AJ" are one pair of initials; a suffix only ends a name ("J.R. Smith").
    words = [w.strip(".'’").replace(".", "") for w in re.findall(r"[\w.'’-]+", name.casefold())]
    words = [w for i, w in enumerate(words)
             if w and (i == 0 or w not in NAME_SUFFIXES) and w not in _HONORIFICS]
    return words


def _near(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 3 and SequenceMatcher(None, a, b).ratio() >= NEAR)


def _first_names_match(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    full_a, full_b = DIMINUTIVES.get(a, a), DIMINUTIVES.get(b, b)
    return full_a == full_b or _near(a, b)


@lru_cache(maxsize=1 << 16)  # a pure rule asked about the same few names over and over
def same_person(a: str, b: str) -> bool:
    """True when two names plausibly denote one person (see module docstring)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = sorted((ta, tb), key=len)
    # A headline fragment ("Ellen DeGeneres Returns") or a surname-only mention that
    # ends a full name ("Boone Isaacs"): one token list inside the other.
    n = len(short)
    if any(long_[i:i + n] == short for i in range(len(long_) - n + 1)) and (
            n >= 2 or long_[-1] == short[0]):
        return True
    if len(ta) == 1 or len(tb) == 1:  # one word each side: near spellings (Moammar/Muammar)
        return len(ta) == len(tb) == 1 and _near(ta[0], tb[0])
    if not _near(ta[-1], tb[-1]):
        return False
    return _first_names_match(ta[0], tb[0])


def name_groups(names: Iterable[str]) -> dict[str, str]:
    """name -> representative (the longest variant of its group, by first appearance)."""
    reps: list[str] = []
    out: dict[str, str] = {}
    for name in names:
        rep = next((r for r in reps if same_person(r, name)), None)
        if rep is None:
            reps.append(name)
            out[name] = name
        else:
            out[name] = rep
            if len(name) > len(rep):  # keep the fullest form as the representative
                reps[reps.index(rep)] = name
                for k, v in out.items():
                    if v == rep:
                        out[k] = name
    return out
