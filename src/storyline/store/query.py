"""User input that becomes part of a query: full-text search terms and date bounds.

Search text is reduced to plain word terms (no FTS5 / tsquery syntax survives, control
characters and NULs are dropped) and capped in length and number of terms, because FTS
cost grows with each term: a 1,100-word query took 13 s. Date bounds must be real ISO dates.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import BadQuery

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def search_terms(query: str) -> list[str]:
    """The words of a search query (empty: nothing to search for); ``BadQuery`` over the caps."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"search query is {len(query):,} characters; the limit is "
                       f"{MAX_QUERY_CHARS:,}: search for fewer, more specific words")
    terms = list(dict.fromkeys(_WORD.findall(query)))  # repeated words add cost, not meaning
    if len(terms) > MAX_QUERY_TERMS:
        raise BadQuery(f"search query has {len(terms)} distinct words; the limit is "
                       f"{MAX_QUERY_TERMS}: search for fewer, more specific words")
    return terms


def fts5_match(terms: list[str]) -> str:
    """Each term quoted (an FTS5 string), so 'AND', 'NEAR' or '-' are plain words; all must match."""
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


def date_bound(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date, as given; else ``BadQuery``."""
    if value is None or value == "":
        return None
    m = _DATE.match(value.strip())
    try:
        if m is None:
            raise ValueError(value)
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise BadQuery(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD "
                       "(e.g. 2025-05-09)") from None
    return value.strip()
