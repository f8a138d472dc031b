"""Value normalization for the fact ledger: date intervals, places, amounts, and when two
values are compatible (one refines the other) rather than in conflict.

Everything here is a pure function of annotations, so the rules can be tested with
hand-built values and explained in docs/ledger.md.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from datetime import date

from ..analyze.canonical import normalize_place_or_org
from ..analyze.temporal.intervals import interval
from ..lexicon import APPROXIMATORS, COMPASS_WORDS
from ..model import Article, Number, Timex
from .ledger_places import Place, ambiguous, inside, near, regions

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
    if tx.begin and tx.finish and tx.begin > tx.finish:
        return None  # a malformed interval (it ends before it begins) dates nothing
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
    """City -> country from the built-in table plus what the story's articles state, and
    the packaged GeoNames hierarchy (``ledger_places``) for everything else."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        """``extra``: place -> its country, or its US state (learned from the articles)."""
        self.city_country = dict(CITY_COUNTRY)
        self.city_state: dict[str, str] = {}
        for k, v in (extra or {}).items():
            state = _us_state(v) if v.casefold() not in COUNTRIES else None
            self.city_country[k.casefold()] = "United States" if state else v
            if state:
                self.city_state[k.casefold()] = state

    def country_of(self, place: str) -> str | None:
        """The country a place is in (itself for a country); None when unknown."""
        name = canonical_place(place)
        if name.casefold() in COUNTRIES:
            return COUNTRIES[name.casefold()]
        if name.casefold() in self.city_country:
            return self.city_country[name.casefold()]
        found = regions(name)
        return found[0].country if found else None

    def is_country(self, place: str) -> bool:
        name = canonical_place(place)
        return name.casefold() in COUNTRIES or any(p.level == 0 for p in regions(name))

    def known(self, place: str) -> bool:
        name = canonical_place(place)
        return (name.casefold() in COUNTRIES or name.casefold() in self.city_country
                or bool(regions(name)))

    def _places(self, place: str) -> list[Place]:
        name = canonical_place(place)
        if name.casefold() in COUNTRIES:
            return [Place(COUNTRIES[name.casefold()], None, 0, 0)]
        if name.casefold() in self.city_country:
            # A city of the built-in table keeps its GeoNames state unless the story
            # names another: "Los Angeles" is inside "California".
            known = [p for p in regions(name) if p.level == 2
                     and p.country == self.city_country[name.casefold()]
                     and self.city_state.get(name.casefold(), p.state) == p.state]
            return known or [Place(self.city_country[name.casefold()],
                                   self.city_state.get(name.casefold()), 2, 0)]
        return regions(name)

    def compatible(self, a: str, b: str) -> bool:
        """Same place, one inside the other (city in state or country), or a place the
        gazetteer cannot place (listed, never set against another). Two town names that
        are both ambiguous ("Wellington", "Somerset": towns in several countries or states,
        none dominant) cannot be told apart either: listed."""
        ca, cb = self._base(canonical_place(a)), self._base(canonical_place(b))
        if ca.casefold() == cb.casefold():
            return True
        pa, pb = self._places(ca), self._places(cb)
        if not pa or not pb or (ambiguous(pa) and ambiguous(pb)):
            return True  # unknown, or two town names that each fit several places
        return any((x == y and x.level < 2) or inside(x, y) or inside(y, x) or near(x, y)
                   for x in pa for y in pb)

    def _base(self, name: str) -> str:
        """"southern Iran" -> "Iran": a compass word before a known place names a part of
        it when the whole name is unknown (a part is a refinement, not another place)."""
        first, _, rest = name.partition(" ")
        if first.casefold() in COMPASS_WORDS and rest and not self.known(name) \
                and self.known(rest):
            return canonical_place(rest)
        return name

    def specificity(self, place: str) -> int:
        found = self._places(place)
        return max((p.level for p in found), default=2) if found else 2


_CO_MENTION = re.compile(r"\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?), ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)\b")


def learn_places(articles: Iterable[Article]) -> dict[str, str]:
    """'in Kazan, Russia' -> {'Kazan': 'Russia'}: the articles' own city/country co-mentions."""
    found: dict[str, str] = {}
    for article in articles:
        for m in _CO_MENTION.finditer(article.text):
            country = COUNTRIES.get(m[2].casefold())
            first = regions(m[1])
            if first and first[0].level < 2:
                continue  # "Libya, Syria": a list of countries, not a city in one
            if country and m[1].casefold() not in COUNTRIES:
                found.setdefault(m[1], country)
            elif not country and (state := _us_state(m[2])):
                found.setdefault(m[1], state)  # "Newtown, Conn.": a town in that state
    return found


def _us_state(name: str) -> str | None:
    return next((p.state for p in regions(name) if p.level == 1), None)


# -- amounts ------------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


def stated_precision(n: Number) -> float:
    """The unit of the last stated digit: '22,000' -> 1000, '55.3 million' -> 100,000,
    '91' -> 1, 'two million' -> 1,000,000. Exact figures agree within half of it."""
    m = _DIGITS.search(n.text)
    if m is None:  # number words: "two", "two million"
        return 10 ** math.floor(math.log10(n.value)) if n.value >= 1000 else 1.0
    whole, decimals = m[1].replace(",", ""), m[2]
    shown = float(whole + ("." + decimals if decimals else "")) or 1.0
    scale = n.value / shown if n.value else 1.0
    if decimals:
        return scale * 10 ** -len(decimals)
    # Trailing zeros read as rounding only from the thousands ("22,000"); "10 people" and
    # "150 miles" are exact.
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    return scale * 10 ** zeros if n.value / scale >= 1000 or scale > 1 else scale


def number_interval(n: Number) -> tuple[float, float]:
    """The values a stated figure allows: approximators from the shared table (one-sided
    for "more than", "up to"), else the stated value +- half its precision."""
    bounds = APPROXIMATORS.get((n.approx or "").casefold())
    if bounds is None or bounds == (1.0, 1.0):
        half = stated_precision(n) * 0.499  # 91 and 92 must not touch
        return (n.value - half, n.value + half)
    low_f, high_f = bounds
    low = n.value * (low_f if low_f is not None else 0.0)
    high = n.value * high_f if high_f is not None else math.inf
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
