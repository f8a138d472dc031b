"""Turn one rule match into a TimeML (type, value, mod), resolved against the anchor date.

Conventions (TimeBank style, see docs/temporal.md): values are as specific as the
expression ("last week" -> 2025-W18, "in 2015" -> 2015); deictic words resolve against the
anchor; bare weekdays, months, days and seasons take the direction of the governing verb's
tense (``tense.direction``). Without an anchor, relative expressions keep "X" placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...config import TemporalOptions
from . import intervals as iv
from .patterns import MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS, parse_number
from .tense import direction, firm_past

FIRM_PAST_SLACK_DAYS = 7  # a firmly past date this close ahead is a dateline quirk, not last year


@dataclass
class Resolved:
    type: str
    value: str
    mod: str | None = None
    start: int | None = None  # narrowed span (e.g. "on Friday" -> "Friday")
    begin: str | None = None  # explicit interval (durations anchored at the anchor)
    finish: str | None = None
    years_back: int | None = None  # "a year earlier": re-anchored on a quarter in context


@dataclass
class Context:
    """What every resolver needs: the text, the anchor and the tense oracle."""

    text: str
    anchor: dt.date | None
    doc: Any = None
    fine_single_ago: bool = True
    past_slack_days: int = field(default_factory=lambda: TemporalOptions().past_year_slack_days)
    year_by_tense: bool = field(default_factory=lambda: TemporalOptions().year_by_tense)

    def year(self, month: int, day: int | None, m: re.Match[str], sign: int) -> int:
        """The year of a month (day) without one, from the governing verb's tense. A date
        that lies after the anchor in a firmly past sentence ("visited China at the end of
        August", parse says past, no deadline word) is last year's; other past readings
        tolerate ``past_slack_days`` (tenses are often misread around deadlines)."""
        assert self.anchor is not None
        if sign < 0 and self.year_by_tense and firm_past(self.text, m.start(), m.end(),
                                                         self.doc):
            there = dt.date(self.anchor.year, month, min(day or 1, 28 if month == 2 else 30))
            late = (there - self.anchor).days > FIRM_PAST_SLACK_DAYS
            return self.anchor.year - 1 if late else self.anchor.year
        return year_for(self.anchor, month, day, sign, self.past_slack_days)

    def direction(self, m: re.Match[str]) -> int:
        return direction(self.text, m.start(), m.end(), self.doc)

    def word_before(self, pos: int) -> str:
        found = _WORD_BEFORE.search(self.text, max(0, pos - 40), pos)
        return found.group(1).lower() if found else ""


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_MONEY_BEFORE = re.compile(r"(?:\d|million|billion|trillion|percent|%|cents?|dollars?|"
                           r"euros?|pounds?|yuan|miles|hours|times|once|twice)\s*$", re.I)
_CONTEXT_WORDS = frozenset({
    "in", "since", "until", "till", "by", "of", "from", "through", "during", "early", "late",
    "mid", "last", "next", "this", "before", "after", "end", "between", "and", "to", "or",
    "on", "the", "that", "each", "every", "beginning", "start", "middle", "throughout",
})


def position_mod(pos: str | None) -> str | None:
    """'the end of' -> END, 'early' -> START, 'mid-' -> MID."""
    if not pos:
        return None
    p = pos.lower()
    if any(w in p for w in ("end", "close", "late", "latter", "second half")):
        return "END"
    if any(w in p for w in ("beginning", "start", "early", "earlier", "first half", "turn")):
        return "START"
    if "mid" in p:
        return "MID"
    return None


_APPROX_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "just under": "LESS_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "more than": "MORE_THAN",
    "over": "MORE_THAN", "well over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
}


def approx_mod(word: str | None) -> str | None:
    return _APPROX_MODS.get(" ".join(word.lower().split())) if word else None


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def year_for(anchor: dt.date, month: int, day: int | None, sign: int,
             past_slack_days: int | None = None) -> int:
    """The year of a month (day) without one: past tense -> not after the anchor, future ->
    not before it, unknown -> the anchor's year. ``past_slack_days`` tolerates a past-tense
    date that many days after the anchor (a misread tense) before going back a year."""
    if past_slack_days is None:
        past_slack_days = TemporalOptions().past_year_slack_days
    try:
        there = dt.date(anchor.year, month, day or 15)
    except ValueError:  # February 29 in a common year
        there = dt.date(anchor.year, month, 28)
    if sign < 0 and (there - anchor).days > past_slack_days:
        return anchor.year - 1
    if sign > 0 and (there < anchor if day else month < anchor.month):
        return anchor.year + 1
    return anchor.year


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def weekday_date(anchor: dt.date, weekday: int, rel: str, sign: int) -> dt.date:
    """The date of a weekday named relative to the anchor ("last Tuesday", "on Friday")."""
    back = (anchor.isoweekday() - weekday) % 7  # days back to the latest such day (0: today)
    ahead = (weekday - anchor.isoweekday()) % 7
    if rel == "last" or rel == "past":
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    if sign < 0:
        return anchor - dt.timedelta(days=back)
    if sign > 0:
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back) if back <= ahead else anchor + dt.timedelta(
        days=ahead)


# ---------------------------------------------------------------- explicit dates


def r_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    value = _date(int(m["year"]), int(m["month"]), int(m["day"]))
    if value is None:
        return None
    if m["hour"]:
        return Resolved("TIME", f"{value}T{m['hour']}:{m['minute']}")
    return Resolved("DATE", value)


def r_slash(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["year"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    value = _date(year, int(m["month"]), int(m["day"]))
    return Resolved("DATE", value) if value else None


def r_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = month_num(m["month"]), int(m["day"])
    if not 1 <= day <= iv.month_end(2000, month).day:  # 2000: a leap year allows Feb 29
        return None
    mod = position_mod(m.groupdict().get("pos"))
    if m["year"]:
        value = _date(int(m["year"]), month, day)
    elif ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
    else:
        value = _date(ctx.year(month, day, m, ctx.direction(m)), month, day)
    return Resolved("DATE", value, mod) if value else None


def r_ordinal_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"the third of September", "September third": a day written as an ordinal word."""
    word = (m["ord"] or m["ord2"]).lower()
    day = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    month = month_num(m["month"] or m["month2"])
    if not 1 <= day <= iv.month_end(2000, month).day:
        return None
    if m["year"]:
        value = _date(int(m["year"]), month, day)
    elif ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
    else:
        value = _date(ctx.year(month, day, m, ctx.direction(m)), month, day)
    return Resolved("DATE", value) if value else None


def r_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{m['year']}-{month_num(m['month']):02d}", position_mod(m["pos"]))


def r_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, rel = month_num(m["month"]), (m["rel"] or "").lower()
    mod = position_mod(m["pos"])
    bare = not rel and not mod and ctx.word_before(m.start("month")) not in _CONTEXT_WORDS
    # "May" and "March" are only months with a cue ("in May", "last March"); other months
    # need none, unless possessive ("April's") which is more often a name.
    if bare and (m["month"] in ("May", "March") or ctx.text[m.end():m.end() + 1] == "'"):
        return None
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod)
    a = ctx.anchor
    if rel == "this":
        year = a.year
    elif rel in ("last", "past"):
        year = a.year if month < a.month else a.year - 1
    elif rel in ("next", "coming"):
        year = a.year if month > a.month else a.year + 1
    else:
        # "earlier in May" looks back whatever the sentence's tense ("will follow ... a
        # trip earlier in May").
        earlier = (m["pos"] or "").lower().startswith("earlier")
        year = ctx.year(month, None, m, -1 if earlier else ctx.direction(m))
    return Resolved("DATE", f"{year}-{month:02d}", mod)


def r_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["year"])
    pre = (m["pre"] or "").strip()
    if year < 1600 and not pre and ctx.word_before(m.start("year")) not in _CONTEXT_WORDS:
        return None
    return Resolved("DATE", str(year), position_mod(m["pos"]))


def r_year_words(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Spoken years: "nineteen ninety-six", "the year two thousand"."""
    if not m["cent"]:
        return Resolved("DATE", str(2000 + (parse_number(m["small"]) or 0 if m["small"]
                                            else 0)))
    if not m.group(0).lower().startswith("the") and m["rest"].lower() == "hundred":
        return None
    cent = parse_number(m["cent"]) or 0
    rest = 0 if m["rest"].lower() == "hundred" else parse_number(m["rest"]) or 0
    if rest < 10 and m["rest"].lower() != "hundred":
        return None  # "twenty five" is a count, not a year
    return Resolved("DATE", str(int(cent) * 100 + int(rest)))


def r_month_rel_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = month_num(m["month"])
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}", position_mod(m["pos"]))
    year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Resolved("DATE", f"{year}-{month:02d}", position_mod(m["pos"]))


def r_year_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{m['year']}-Q{ORDINALS[m['q'].lower()]}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def r_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    mod = position_mod(m["pos"]) or position_mod(m["pos2"])
    if m["decade"]:
        return Resolved("DATE", m["decade"][:3], mod)
    short = m["short"] or m["short2"]
    if m["short2"] and not m.group(0).lower().startswith("the"):
        return None  # "in his 80s" is an age, "the 80s" a decade
    digit = int(short[0]) if short else _DECADE_WORDS[m["word"].lower()]
    if m["word"] and not m.group(0).lower().startswith("the"):
        return None
    century = 19 if digit >= 3 or ctx.anchor is None or ctx.anchor.year < 2000 else 20
    return Resolved("DATE", f"{century}{digit}", mod)


def r_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    mod = position_mod(m["pos"])
    if m["ord"]:
        word = m["ord"].lower()
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
        return Resolved("DATE", f"{n - 1:02d}", mod) if n else None
    if ctx.anchor is None:
        return Resolved("DATE", "XX", mod)
    rel = " ".join(m["rel"].lower().split())
    base = ctx.anchor.year // 100
    if rel.startswith("the"):
        return Resolved("DURATION", "P100Y", mod)
    offset = {"this": 0, "last": -1, "next": 1}.get(rel, 0)
    return Resolved("DATE", f"{base + offset:02d}", mod)


# ---------------------------------------------------------------- quarters and halves


def _reported_quarter(anchor: dt.date) -> tuple[int, int]:
    """The quarter business news means by "the quarter": the one just ended during the
    reporting season (first ~45 days of a quarter), else the current one."""
    q = iv.quarter_of(anchor)
    start = dt.date(anchor.year, 3 * q - 2, 1)
    if (anchor - start).days < 45:
        return (anchor.year, q - 1) if q > 1 else (anchor.year - 1, 4)
    return anchor.year, q


def _quarter_value(year: int, q: int, rel: str) -> str:
    if rel in ("year-earlier", "year-ago", "prior-year", "year-before", "comparable"):
        year -= 1
    return f"{year}-Q{q}"


def r_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    q = ORDINALS[m["q"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    if m["year"]:
        return Resolved("DATE", _quarter_value(int(m["year"]), q, rel))
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-Q{q}")
    year = ctx.anchor.year
    current = iv.quarter_of(ctx.anchor)
    if rel in ("last", "previous", "the last", "the previous", "past", "the past"):
        year = year if q < current else year - 1
    elif rel in ("next", "the next", "coming", "the coming"):
        year = year if q > current else year + 1
    elif q > current and rel not in ("this", "current", "the current") \
            and ctx.direction(m) <= 0:
        year -= 1
    return Resolved("DATE", _quarter_value(year, q, rel))


def r_quarter_q(m: re.Match[str], ctx: Context) -> Resolved | None:
    q = int(m["q"])
    if m["year"]:
        return Resolved("DATE", f"{m['year']}-Q{q}")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-Q{q}")
    year = ctx.anchor.year
    if q > iv.quarter_of(ctx.anchor) and ctx.direction(m) <= 0:
        year -= 1
    return Resolved("DATE", f"{year}-Q{q}")


def r_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    h = 1 if m["h"].lower() == "first" else 2
    if m["year"]:
        return Resolved("DATE", f"{m['year']}-H{h}")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-H{h}")
    offset = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    year = ctx.anchor.year + offset
    if not m["rel"] and h == 2 and ctx.anchor.month <= 6 and ctx.direction(m) < 0:
        year -= 1
    return Resolved("DATE", f"{year}-H{h}")


def r_quarter_rel(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = " ".join((m["rel"] or "").lower().split())
    if not rel and m.group(0).lower().endswith("period"):
        return None  # "the period": too vague to resolve
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX-QX")
    year, q = _reported_quarter(ctx.anchor)
    if rel == "current":
        year, q = ctx.anchor.year, iv.quarter_of(ctx.anchor)
    return Resolved("DATE", _quarter_value(year, q, rel))


# ---------------------------------------------------------------- dispatch

Resolver = Callable[[re.Match[str], Context], "Resolved | None"]


def resolvers() -> dict[str, Resolver]:
    """Rule name -> resolver (the relative and clock rules live in ``relative``)."""
    from . import relative

    table: dict[str, Resolver] = {
        "iso": r_iso, "slash": r_slash, "month_day": r_month_day, "day_month": r_month_day,
        "month_year": r_month_year, "month": r_month, "ordinal_day": r_ordinal_day, "year": r_year,
        "year_words": r_year_words, "decade": r_decade, "century": r_century,
        "quarter": r_quarter, "quarter_q": r_quarter_q, "half": r_half,
        "quarter_rel": r_quarter_rel, "month_rel_year": r_month_rel_year,
        "year_quarter": r_year_quarter,
    }
    table.update(relative.RESOLVERS)
    return table


__all__ = ["Context", "Resolved", "resolvers", "PARTS_OF_DAY", "SEASONS", "UNITS", "WEEKDAYS",
           "parse_number", "weekday_date", "year_for", "position_mod", "approx_mod"]
