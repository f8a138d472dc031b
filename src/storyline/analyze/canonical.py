"""Canonical names for entity mentions: string rules shared by the entities stage and the runner.

Everything here works on plain strings (no spaCy), so it is cheap to test and to reuse:

* ``is_title_word`` / ``HONORIFICS``: words that make up a role ("President", "Mr", "adviser").
* ``normalize_place_or_org``: "the Kremlin" -> "Kremlin", "U.S." -> "United States".
* ``resolve_people``: within one article, "Putin" and "Mr Putin" -> "Vladimir Putin".
* ``CorpusAliases``: across a corpus, a surname alone -> the one full name known for it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

# Personal honorifics: a name-like word after one of these is a person, whatever NER said.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "reverend", "fr", "sheikh", "madam", "madame", "monsieur", "herr", "frau", "mme", "m",
})

# Words that can make up a title or a job description before a name. Lower-case, no dots.
TITLE_WORDS = frozenset({
    "president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "general",
    "adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson", "leader",
    "chairman", "chairwoman", "chair", "chief", "head", "director", "executive", "ceo", "cfo",
    "founder", "co-founder", "qb", "coo", "cto", "gm", "vp", "svp", "evp", "governor", "gov", "mayor", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "lawmaker", "mp", "mep", "speaker",
    "judge", "justice", "attorney", "prosecutor", "lawyer", "counsel", "ambassador", "envoy",
    "commissioner", "commander", "admiral", "marshal", "colonel", "col", "lt", "lieutenant",
    "major", "maj", "captain", "capt", "sergeant", "sgt", "corporal", "officer", "inspector",
    "king", "queen", "prince", "princess", "emperor", "pope", "cardinal", "bishop",
    "archbishop", "patriarch", "rabbi", "imam", "ayatollah", "emir", "sultan", "crown",
    "deputy", "acting", "former", "foreign", "defence", "defense", "interior", "finance",
    "economy", "trade", "policy", "security", "state", "national", "senior", "top", "official",
    "diplomat", "coach", "manager", "analyst", "economist", "professor", "researcher",
    "scientist", "correspondent", "reporter", "editor", "author", "actor", "actress", "singer",
    "player", "striker", "president-elect", "vice-president", "secretary-general",
    "first", "lady", "dictator", "strongman", "opposition", "activist", "candidate", "nominee",
    "incumbent", "assistant", "undersecretary", "under-secretary", "treasurer", "auditor",
    "superintendent", "sheriff", "detective", "constable", "chief-executive", "boss",
    "negotiator", "mediator", "delegate", "councillor", "councilor", "alderman", "regent",
}) | HONORIFICS

# Aliases of places and organisations (keys: lower-case, dots and "the" removed).
PLACE_ORG_ALIASES: Mapping[str, str] = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "united kingdom": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
    "prc": "China", "people's republic of china": "China", "peoples republic of china": "China",
    "mainland china": "China",
    "russian federation": "Russia", "holland": "Netherlands", "dprk": "North Korea",
    "democratic people's republic of korea": "North Korea", "rok": "South Korea",
    "republic of korea": "South Korea", "drc": "Democratic Republic of the Congo",
    "eu": "European Union", "european union": "European Union",
    "un": "United Nations", "united nations": "United Nations",
    "nato": "NATO", "north atlantic treaty organization": "NATO",
    "ccp": "Chinese Communist Party", "cpc": "Chinese Communist Party",
    "communist party of china": "Chinese Communist Party",
    "chinese communist party": "Chinese Communist Party",
    "who": "World Health Organization", "imf": "International Monetary Fund",
    "brics": "BRICS", "g7": "G7", "g20": "G20", "opec": "OPEC",
    "ny": "New York", "nyc": "New York City", "la": "Los Angeles",
}

_DOTS = re.compile(r"\.(?=\w|$)")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?-–—*|"


def squash(text: str) -> str:
    """One line, single spaces, no surrounding quotes or brackets."""
    return _SPACES.sub(" ", text).strip().strip(_EDGE_PUNCT).strip()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text).rstrip()


def norm_word(word: str) -> str:
    """Lower-case with dots removed: "Mr." -> "mr", "U.S." -> "us"."""
    return _DOTS.sub("", word.lower()).rstrip(".")


def is_title_word(word: str) -> bool:
    return norm_word(word) in TITLE_WORDS


def is_honorific(word: str) -> bool:
    return norm_word(word) in HONORIFICS


# Words that make a capitalized phrase an organisation, never a person's name.
ORG_WORDS = frozenset({
    "ministry", "department", "party", "council", "committee", "bank", "company", "group",
    "inc", "corp", "ltd", "university", "institute", "agency", "office", "commission",
    "union", "association", "court", "army", "forces", "force", "navy", "police",
    "government", "parliament", "congress", "senate", "house", "assembly", "organization",
    "organisation", "foundation", "fund", "service", "services", "news", "times", "post",
    "club", "league", "federation", "board", "authority", "administration", "airlines",
})


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Lower-case country, region and major-city names (babel territories, tz database).

    Used only to undo the small model's PERSON label on a bare place name ("Kyiv said").
    """
    names: set[str] = set(PLACE_ORG_ALIASES)
    try:
        from babel import Locale

        names.update(n.lower() for n in Locale("en").territories.values())
    except Exception:  # noqa: BLE001  (babel missing or broken: fall back to the tz list)
        pass
    import zoneinfo

    regions = {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian",
               "Pacific"}
    for zone in zoneinfo.available_timezones():
        region, _, city = zone.partition("/")
        if region in regions and city:
            names.add(city.rsplit("/", 1)[-1].replace("_", " ").lower())
    return frozenset(names)


def normalize_place_or_org(text: str) -> str:
    """Canonical form of a place or organisation: no article, no possessive, known aliases."""
    name = strip_possessive(squash(text))
    if name.lower().startswith("the "):
        name = name[4:].lstrip()
    key = norm_word(name)
    alias = PLACE_ORG_ALIASES.get(key)
    if alias:
        return alias
    # All-lower-case mentions come from sloppy text, all-caps long words from datelines
    # ("NAIROBI"); title-case them so they group with the usual spelling.
    if name.islower() or (name.isupper() and len(name) > 4 and name.replace(" ", "").isalpha()):
        return name.title()
    return name


def normalize_norp(text: str) -> str:
    """Demonyms and groups: "Russians" -> "Russian"; kept apart from the country itself."""
    name = strip_possessive(squash(text))
    if name.lower().startswith("the "):
        name = name[4:].lstrip()
    if len(name) > 4 and name.endswith("ns") and name[0].isupper():
        name = name[:-1]
    return name


def name_tokens(name: str) -> list[str]:
    """Lower-case tokens of a person name without initials ("Vladimir V. Putin")."""
    words = (norm_word(w).strip(_EDGE_PUNCT) for w in name.replace("-", " ").split())
    return [t for t in words if len(t) > 1 or (t and not t.isalpha())] or [norm_word(name)]


def _contained(short: list[str], full: list[str]) -> bool:
    """``short`` appears in ``full`` in order (not necessarily adjacent)."""
    it = iter(full)
    return all(tok in it for tok in short)


def resolve_people(counts: Mapping[str, int]) -> dict[str, str]:
    """Map each person name seen in one article to its canonical (longest unambiguous) form.

    A name maps to the fuller names that contain all its words in order ("Putin" and
    "Vladimir V. Putin" -> "Vladimir Putin"). When the fuller names form one family the most
    frequent full form wins; when they do not ("Bush" with "George Bush" and "Jeb Bush") the
    short name is left as it is rather than guessed.
    """
    # Spelling variants with the same words ("Vladimir V. Putin") share one representative.
    variants: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in counts:
        variants[tuple(name_tokens(name))].append(name)
    weight = {key: sum(counts[n] for n in group) for key, group in variants.items()}
    rep = {key: max(group, key=lambda n: counts[n]) for key, group in variants.items()}
    keys = list(variants)
    supers = {k: [m for m in keys if len(m) > len(k) and _contained(list(k), list(m))]
              for k in keys}
    result: dict[str, str] = {}
    for key in keys:
        family = supers[key] + [key]
        tops = [m for m in family if not supers[m]]
        if len(tops) > 1 and not _one_family(tops):
            best = key  # ambiguous: keep the name as written
        else:
            # Candidates: the maximal names and their variants with the same first and last
            # word ("Vladimir Putin" for "Vladimir Vladimirovich Putin"), but not a partial
            # name ("Del Giudice" of "Vincent Del Giudice").
            ends = {(t[0], t[-1]) for t in tops}
            pool = family + [m for m in keys for t in tops if m not in family
                             and _contained(list(m), list(t)) and (m[0], m[-1]) == (t[0], t[-1])]
            full = [m for m in pool if len(m) >= 2 and (m[0], m[-1]) in ends] or tops
            best = max(full, key=lambda m: (weight[m], len(m) == 2, -keys.index(m)))
        for name in variants[key]:
            result[name] = rep[best]
    return result


def _one_family(tops: list[tuple[str, ...]]) -> bool:
    """Several maximal names are one person if they share first and last word."""
    return len({t[0] for t in tops}) == 1 and len({t[-1] for t in tops}) == 1


MAX_ALIAS_CANDIDATES = 12


class CorpusAliases:
    """Surname (or given name) alone -> the one full person name the corpus knows for it.

    Fed with canonical PERSON names and their article counts (``from_store`` reads them from
    the store's mentions; the runner also ``add``s names as it analyzes). ``resolve`` answers
    only when exactly one full name contains the short name, so "Bush" stays "Bush" in a
    corpus that has both George and Jeb.
    """

    def __init__(self, names: Iterable[tuple[str, int]] = ()) -> None:
        self._by_word: dict[str, Counter[str]] = defaultdict(Counter)
        for name, count in names:
            self.add(name, count)

    @classmethod
    def from_store(cls, store: Store, limit: int = 100_000) -> CorpusAliases:
        rows = store.entity_names("", limit=limit)
        return cls((name, n) for name, label, n in rows if label == "PERSON")

    def add(self, name: str, count: int = 1) -> None:
        toks = name_tokens(name)
        if len(toks) < 2 or len(toks) > 5:
            return
        for word in {toks[0], toks[-1]}:
            self._by_word[word][name] += count

    def __len__(self) -> int:
        return len({n for c in self._by_word.values() for n in c})

    def resolve(self, name: str) -> str | None:
        """The full name for a one-word ``name`` if the corpus has exactly one, else None."""
        toks = name_tokens(name)
        if len(toks) != 1:
            return None
        candidates = self._by_word.get(toks[0])
        # Many full names share the word ("John"): ambiguous, and not worth the quadratic check.
        if not candidates or len(candidates) > MAX_ALIAS_CANDIDATES:
            return None
        families = resolve_people(dict(candidates))
        tops = {families[c] for c in candidates}
        return next(iter(tops)) if len(tops) == 1 else None
