"""Value normalization for the fact ledger: date intervals, places, amounts, and when two
values are compatible (one refines the other) rather than in conflict.

Everything here is a pure function of annotations, so the rules can be tested with
hand-built values and explained in docs/ledger.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from ..analyze.canonical import normalize_place_or_org
from ..analyze.temporal.intervals import interval
from ..config import LedgerOptions
from ..model import Article, Number, Timex

# -- dates --------------------------------------------------------------------------------

# Part-of-period modifiers narrow a month/year to a third of it ("the end of August");
# TimeML says START/MID/END, other sources say early/middle/late.
_MOD_SYNONYMS = {"EARLY": "START", "MIDDLE": "MID", "LATE": "END"}
_MOD_WORD = {0: "early", 1: "mid", 2: "late"}


def value_interval(value: str, mod: str | None = None) -> tuple[str, str] | None:
    """ISO (begin, finish) of a TimeML value (2025, 2025-08, 2025-W19, 2025-Q3, 2025-SU...),
    narrowed by a START/MID/END mod: the temporal stage's own interval rules."""
    mod = _MOD_SYNONYMS.get((mod or "").upper(), (mod or "").upper() or None)
    begin, finish, _granularity = interval(value, mod)
    return (begin, finish) if begin and finish else None


def timex_interval(tx: Timex) -> tuple[str, str] | None:
    """The day interval a timex denotes, narrowed by its mod when the interval given still
    covers the full period (so "the end of August" is Aug 21-31, not Aug 1-31)."""
    whole = value_interval(tx.value)
    if tx.begin and tx.finish and (tx.begin, tx.finish) != whole:
        return tx.begin, tx.finish
    return value_interval(tx.value, tx.mod)


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def contains(outer: tuple[str, str], inner: tuple[str, str]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def display_interval(begin: str, finish: str) -> str:
    """Readable form: '3 September 2025', 'late August 2025', 'September 2025', '2015'."""
    b, f = date.fromisoformat(begin), date.fromisoformat(finish)
    if b == f:
        return f"{b.day} {calendar.month_name[b.month]} {b.year}"
    month_end = calendar.monthrange(b.year, b.month)[1]
    if b.month == f.month and b.year == f.year:
        if b.day == 1 and f.day == month_end:
            return f"{calendar.month_name[b.month]} {b.year}"
        for third, word in _MOD_WORD.items():
            start = 1 + 10 * third
            end = month_end if third == 2 else start + 9
            if b.day == start and f.day == end:
                return f"{word} {calendar.month_name[b.month]} {b.year}"
        return f"{b.day}-{f.day} {calendar.month_name[b.month]} {b.year}"
    if (b.month, b.day, f.month, f.day) == (1, 1, 12, 31) and b.year == f.year:
        return str(b.year)
    return f"{begin} to {finish}"


# -- places -------------------------------------------------------------------------------

# Capitals and major cities -> country. Self-written, deliberately small; articles can add
# more through "City, Country" co-mentions (see learn_places).
_CITIES = {
    "China": "Beijing Shanghai Guangzhou Shenzhen Wuhan Tianjin Chongqing Chengdu Xi'an Hangzhou "
             "Nanjing Qingdao Dalian Harbin Xiamen",
    "Russia": "Moscow Kazan Sochi Vladivostok Novosibirsk Yekaterinburg Kaliningrad Murmansk",
    "Ukraine": "Kyiv Kiev Kharkiv Odesa Odessa Lviv Dnipro Zaporizhzhia Mariupol Kherson",
    "United States": "Washington New_York Los_Angeles Chicago Houston San_Francisco Boston Miami",
    "United Kingdom": "London Manchester Birmingham Edinburgh Glasgow Belfast",
    "France": "Paris Marseille Lyon Nice Strasbourg", "Germany": "Berlin Munich Hamburg Frankfurt",
    "Italy": "Rome Milan Naples Turin Venice", "Spain": "Madrid Barcelona Seville Valencia",
    "Japan": "Tokyo Osaka Kyoto Hiroshima Yokohama", "India": "New_Delhi Delhi Mumbai Kolkata",
    "Brazil": "Brasilia Rio_de_Janeiro Sao_Paulo", "Kazakhstan": "Astana Almaty",
    "Turkey": "Ankara Istanbul Antalya", "Iran": "Tehran", "Israel": "Jerusalem Tel_Aviv",
    "Egypt": "Cairo Sharm_el-Sheikh", "Saudi Arabia": "Riyadh Jeddah", "Belarus": "Minsk",
    "North Korea": "Pyongyang", "South Korea": "Seoul Busan", "Vietnam": "Hanoi Ho_Chi_Minh_City",
    "Indonesia": "Jakarta Bali", "Australia": "Canberra Sydney Melbourne", "Canada": "Ottawa "
    "Toronto Montreal Vancouver", "Mexico": "Mexico_City", "Poland": "Warsaw Krakow",
    "Belgium": "Brussels", "Netherlands": "Amsterdam The_Hague", "Switzerland": "Bern Geneva "
    "Zurich Davos", "Austria": "Vienna", "Hungary": "Budapest", "Serbia": "Belgrade",
    "Mongolia": "Ulaanbaatar", "Uzbekistan": "Tashkent Samarkand", "Kyrgyzstan": "Bishkek",
    "Tajikistan": "Dushanbe", "Pakistan": "Islamabad Karachi", "South Africa": "Pretoria "
    "Johannesburg Cape_Town Durban", "Qatar": "Doha", "United Arab Emirates": "Abu_Dhabi Dubai",
    "Syria": "Damascus", "Iraq": "Baghdad", "Greece": "Athens", "Finland": "Helsinki",
    "Sweden": "Stockholm", "Norway": "Oslo", "Denmark": "Copenhagen", "Taiwan": "Taipei",
}
CITY_COUNTRY: dict[str, str] = {
    city.replace("_", " ").casefold(): country
    for country, cities in _CITIES.items() for city in cities.split()
}
COUNTRIES = {c.casefold(): c for c in _CITIES} | {
    "ukraine": "Ukraine", "bulgaria": "Bulgaria", "romania": "Romania"}
DEMONYMS = {
    "chinese": "China", "russian": "Russia", "ukrainian": "Ukraine", "american": "United States",
    "british": "United Kingdom", "french": "France", "german": "Germany", "italian": "Italy",
    "spanish": "Spain", "japanese": "Japan", "indian": "India", "brazilian": "Brazil",
    "kazakh": "Kazakhstan", "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel",
    "egyptian": "Egypt", "saudi": "Saudi Arabia", "belarusian": "Belarus",
    "north korean": "North Korea", "south korean": "South Korea", "vietnamese": "Vietnam",
    "indonesian": "Indonesia", "australian": "Australia", "canadian": "Canada",
    "mexican": "Mexico", "polish": "Poland", "hungarian": "Hungary", "serbian": "Serbia",
    "mongolian": "Mongolia", "pakistani": "Pakistan", "syrian": "Syria", "iraqi": "Iraq",
    "greek": "Greece", "finnish": "Finland", "swedish": "Sweden", "taiwanese": "Taiwan",
}


def canonical_place(name: str) -> str:
    """The entities stage's place normalization (aliases, "the", possessives), with the
    gazetteer's spelling of country names."""
    normalized = normalize_place_or_org(name)
    return COUNTRIES.get(normalized.casefold(), normalized)


class Gazetteer:
    """City -> country, from the built-in table plus what the story's articles state."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self.city_country = dict(CITY_COUNTRY)
        self.city_country.update({k.casefold(): v for k, v in (extra or {}).items()})

    def country_of(self, place: str) -> str | None:
        """The country a place is in (itself for a country); None when unknown."""
        name = canonical_place(place)
        if name.casefold() in COUNTRIES:
            return name
        return self.city_country.get(name.casefold())

    def is_country(self, place: str) -> bool:
        return canonical_place(place).casefold() in COUNTRIES

    def compatible(self, a: str, b: str) -> bool:
        """Same place, or one is a city inside the other (a country)."""
        ca, cb = canonical_place(a), canonical_place(b)
        if ca.casefold() == cb.casefold():
            return True
        if self.is_country(ca) and self.country_of(cb) == ca:
            return True
        return self.is_country(cb) and self.country_of(ca) == cb

    def specificity(self, place: str) -> int:
        return 0 if self.is_country(place) else 1


_CO_MENTION = re.compile(r"\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?), ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)\b")


def learn_places(articles: Iterable[Article]) -> dict[str, str]:
    """'in Kazan, Russia' -> {'Kazan': 'Russia'}: the articles' own city/country co-mentions."""
    found: dict[str, str] = {}
    for article in articles:
        for m in _CO_MENTION.finditer(article.text):
            country = COUNTRIES.get(m[2].casefold())
            if country and m[1].casefold() not in COUNTRIES:
                found.setdefault(m[1], country)
    return found


# -- amounts ------------------------------------------------------------------------------

_APPROX_BOUNDS = {  # (low factor, high factor) around the stated value
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1), "some": (0.9, 1.1), "nearly": (0.9, 1.0), "almost": (0.9, 1.0),
    "close to": (0.9, 1.0), "just under": (0.9, 1.0), "up to": (0.5, 1.0), "under": (0.5, 1.0),
    "less than": (0.5, 1.0), "fewer than": (0.5, 1.0), "more than": (1.0, 1.5),
    "over": (1.0, 1.5), "at least": (1.0, 1.5), "above": (1.0, 1.5), "in excess of": (1.0, 1.5),
    "just over": (1.0, 1.1), "upwards of": (1.0, 1.5),
}
def number_interval(n: Number, rounding: float | None = None) -> tuple[float, float]:
    """``rounding`` (ledger.rounding): exact figures this close are one figure rounded."""
    r = LedgerOptions().rounding if rounding is None else rounding
    low_f, high_f = _APPROX_BOUNDS.get((n.approx or "").casefold(), (1 - r, 1 + r))
    low, high = n.value * low_f, n.value * high_f
    return (min(low, high), max(low, high))


def numbers_compatible(a: Number, b: Number) -> bool:
    ia, ib = number_interval(a), number_interval(b)
    return ia[0] <= ib[1] and ib[0] <= ia[1]


_STOP = {"the", "a", "an", "of", "in", "its", "their", "his", "her", "some", "new", "total"}


def quantity_key(n: Number) -> str | None:
    """What a number counts, reduced to a head word: '$245 billion in bilateral trade' ->
    'money:trade'; None for numbers we cannot key (ordinals, bare years, no 'counts')."""
    if n.kind in ("ordinal",) or not n.counts:
        return None
    words = [w for w in re.findall(r"[a-z]+", n.counts.casefold()) if w not in _STOP]
    # "people killed", "votes cast": the counted noun comes before a trailing participle.
    while len(words) > 1 and words[-1].endswith(("ed", "ing")):
        words.pop()
    if not words:
        return None
    head = words[-1]
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return f"{n.kind}:{n.unit or ''}:{head}"


def display_number(n: Number) -> str:
    text = n.text.strip()
    if n.approx and not text.casefold().startswith(n.approx.casefold()):
        text = f"{n.approx} {text}"
    return text


_REFERENTIAL = re.compile(r"\b(the|both|these|those|all|its|their|his|her|our)\s*$", re.I)


def is_referential(article: Article, n: Number) -> bool:
    """'the two leaders', 'both three': a small count that refers back, not a new claim.
    (Larger figures after 'the' are claims: 'the nearly $245 billion in trade'.)"""
    if n.kind != "count" or n.value > 10:
        return False
    return bool(_REFERENTIAL.search(article.text[max(0, n.start - 12):n.start]))
