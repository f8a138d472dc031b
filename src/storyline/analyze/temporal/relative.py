"""Resolvers for relative and deictic expressions, times of day, durations and sets."""

from __future__ import annotations

import datetime as dt
import re

from . import intervals as iv
from .patterns import MONTHS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS, parse_number
from .resolve import (
    _CONTEXT_WORDS,
    _MONEY_BEFORE,
    Context,
    Resolved,
    Resolver,
    approx_mod,
    position_mod,
    weekday_date,
)

_PAST_RELS = frozenset({"last", "previous", "the previous", "past"})
_NEXT_RELS = frozenset({"next", "coming", "the coming", "the next", "following",
                        "the following", "the upcoming"})
_DURATION_RELS = frozenset({"the past", "the last"})


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def unit_value(day: dt.date, unit: str) -> str:
    """The TimeML value naming the ``unit``-long period that contains ``day``."""
    if unit == "day":
        return day.isoformat()
    if unit in ("week", "fortnight"):
        return iv.week_value(day)
    if unit == "weekend":
        return iv.week_value(day) + "-WE"
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year}-Q{iv.quarter_of(day)}"
    if unit == "decade":
        return str(day.year)[:3]
    if unit == "century":
        return str(day.year)[:2]
    return str(day.year)


def _unresolved(unit: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX", "quarter": "XXXX-QX", "decade": "XXX",
            "century": "XX"}.get(unit, "XXXX")


def duration_value(n: float | None, unit: str) -> str:
    """P3Y, PT2H, P10Y for a decade, PXY for a vague count."""
    if unit == "decade":
        return f"P{int(n * 10)}Y" if n else "PXDE"
    if unit in ("century", "centurie"):
        return f"P{int(n * 100)}Y" if n else "PXCE"
    if unit == "quarter" and n:
        return f"P{n * 3:g}M"
    letter, is_time = UNITS[unit]
    if n is not None and n != int(n):
        # Halves as a whole sub-unit: 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M.
        sub = {"Y": ("M", 6), "D": ("H", 12), "W": ("D", 3.5)}.get(letter) if not is_time \
            else {"H": ("M", 30), "M": ("S", 30)}.get(letter)
        if sub and n % 1 == 0.5:
            whole = f"{int(n)}{letter}" if int(n) else ""
            part = f"{sub[1]:g}{sub[0]}"
            if is_time:
                return f"PT{whole}{part}"
            return f"P{whole}T{part}" if letter == "D" else f"P{whole}{part}"
    count = "X" if n is None else (f"{n:g}")
    return f"PT{count}{letter}" if is_time else f"P{count}{letter}"


def _window(ctx: Context, n: float | None, unit: str, sign: int) -> tuple[str | None, ...]:
    """Interval of "the past N units" (ending at the anchor) or "the next N units"."""
    if ctx.anchor is None or n is None or UNITS.get(unit, ("", True))[1]:
        return None, None
    try:
        other = iv.shift(ctx.anchor, sign * n, unit)
    except (ValueError, OverflowError):  # "the past 5000 years" reaches before year 1
        return None, None
    lo, hi = (other, ctx.anchor) if sign < 0 else (ctx.anchor, other)
    return lo.isoformat(), hi.isoformat()


def r_rel_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel, unit = _norm(m["rel"]), _norm(m["unit"])
    mod = position_mod(m["pos"])
    if not rel and not (mod and re.search(r"\bthe\s*$", m["pos"], re.I)):
        return None  # a bare "year" needs "this/last/..." or "the end of the ..."
    if unit == "season":
        return None  # "this season" is mostly sports: no calendar reading
    if unit == "fiscal year":
        unit = "year"
    if rel in _DURATION_RELS and not mod:
        begin, finish = _window(ctx, 1, unit if unit != "weekend" else "week", -1)
        value = duration_value(1, unit) if unit != "weekend" else "P2D"
        return Resolved("DURATION", value, None, begin=begin, finish=finish)
    if ctx.anchor is None:
        return Resolved("DATE", _unresolved(unit), mod)
    offset = -1 if rel in _PAST_RELS or rel in _DURATION_RELS else (
        1 if rel in _NEXT_RELS else 0)
    step = "week" if unit == "weekend" else unit
    return Resolved("DATE", unit_value(iv.shift(ctx.anchor, offset, step), unit), mod)


def r_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    sign = ctx.direction(m)
    wd = ctx.anchor.isoweekday()
    if sign == 0:
        sign = -1 if wd <= 3 or wd >= 6 else 1
    day = ctx.anchor if wd >= 6 or sign > 0 else ctx.anchor - dt.timedelta(days=7)
    return Resolved("DATE", iv.week_value(day) + "-WE", position_mod(m["pos"]))


_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def r_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = SEASONS[m["season"].lower()]
    rel = _norm(m["rel"])
    mod = position_mod(m["pos"])
    verb_like = m["season"].lower() in ("fall", "spring") and not (rel or mod or m["year"])
    if verb_like and ctx.word_before(m.start()) not in _CONTEXT_WORDS:
        return None  # the verbs "fall" and "spring"
    if rel == "the" and re.match(r"\s+of\b", ctx.text[m.end():]) and not m["year"]:
        return None  # "the fall of Rome"
    if m["year"]:
        return Resolved("DATE", f"{m['year']}-{code}", mod)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{code}", mod)
    year, current = iv.season_of(ctx.anchor)
    here = _SEASON_ORDER[current]
    there = _SEASON_ORDER[code]
    if rel == "this":
        target = year if code != "WI" or current == "WI" else ctx.anchor.year
    elif rel in ("last", "past"):
        target = year if there < here else year - 1
    elif rel in ("next", "coming"):
        target = year if there > here else year + 1
    else:
        sign = ctx.direction(m)
        target = year
        if sign < 0 and there > here:
            target -= 1
        elif sign > 0 and there < here:
            target += 1
    return Resolved("DATE", f"{target}-{code}", mod)


_DEICTIC_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": -1}


def r_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["word"].lower()
    mod = position_mod(m["pos"])
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None
    if word == "tonight":
        pod = "NI"
    if ctx.anchor is None:
        day = "XXXX-XX-XX"
    else:
        day = (ctx.anchor + dt.timedelta(days=_DEICTIC_OFFSET[word])).isoformat()
    if pod:
        return Resolved("TIME", f"{day}T{pod}", mod)
    return Resolved("DATE", day, mod)


def r_this_pod(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel, pod_word = _norm(m["rel"]), (m["pod"] or m["over"]).lower()
    pod = PARTS_OF_DAY[pod_word]
    offset = -1 if rel in ("last", "yesterday") or pod_word == "overnight" else (
        1 if rel == "tomorrow" else 0)
    if rel == "last" and pod != "NI":
        return None  # "last morning" is not idiomatic; leave it
    day = "XXXX-XX-XX" if ctx.anchor is None else (
        ctx.anchor + dt.timedelta(days=offset)).isoformat()
    return Resolved("TIME", f"{day}T{pod}", position_mod(m["pos"]))


def r_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = _norm(m["rel"])
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None
    start = m.start("wd") if rel == "on" else None
    mod = position_mod(m["pos"])
    if m["plural"]:
        return Resolved("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), start=start)
    if ctx.anchor is None:
        day = f"XXXX-WXX-{wd}"
    else:
        # "Wednesday's ruling" names an event already reported: read it as past, whatever
        # the tense of the verb the noun hangs from.
        possessive = ctx.text.startswith(("'s", "\u2019s"), m.end())
        sign = -1 if possessive and not rel else ctx.direction(m)
        day = weekday_date(ctx.anchor, wd, rel, sign).isoformat()
    # "Friday night" stays the DATE of that Friday: TimeBank mostly annotates it so, and
    # the day is what a timeline needs.
    return Resolved("DATE", day, mod, start=start)


def r_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["pre"] and m["pre"].lower() != "midnight" and not m["word"]:
        return None  # a bare "noon" is usually a time of no particular day
    if m["pre"]:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["pre"].lower()]
    elif m["hour24"]:
        if not (m["tz"] or m["word"]):
            return None  # "10:30" alone may be a score or a ratio
        hh, mm = int(m["hour24"]), int(m["minute24"])
    else:
        hh, mm = int(m["hour"]), int(m["minute"] or 0)
        if not 1 <= hh <= 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    if hh > 24:
        return None
    word = (m["word"] or "").lower()
    if ctx.anchor is None:
        day = "XXXX-XX-XX"
    elif word in WEEKDAYS:
        day = weekday_date(ctx.anchor, WEEKDAYS[word], "", ctx.direction(m)).isoformat()
    else:
        day = (ctx.anchor + dt.timedelta(days=_DEICTIC_OFFSET.get(word, 0))).isoformat()
    return Resolved("TIME", f"{day}T{hh:02d}:{mm:02d}")


def r_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    unit = "century" if unit == "centurie" else unit
    n = parse_number(m["num"])
    mod = approx_mod(m["approx"])
    sign = -1 if m["dir"].lower() in ("ago", "earlier") else 1
    if n is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if m.group(0).lower().find("and a half") >= 0:
        n += 0.5
    if UNITS[unit][1]:  # hours/minutes ago: the anchor day is as precise as we get
        return Resolved("DATE", ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX", mod)
    grain = unit
    if (ctx.fine_single_ago and n == 1 and unit == "year" and m["dir"].lower() == "ago"
            and m["num"].lower() in ("a", "one")):
        grain = "month"  # "a year ago": the month a year back (an anniversary point)
    if n != int(n) and unit == "year":
        grain = "month"
    if ctx.anchor is None:
        return Resolved("DATE", _unresolved(grain), mod)
    try:
        day = iv.shift(ctx.anchor, sign * n, unit)
    except (ValueError, OverflowError):  # "5000 years ago": before year 1
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    back = int(n) if unit == "year" and sign < 0 and n == int(n) else None
    return Resolved("DATE", unit_value(day, grain), mod, years_back=back)


def r_the_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"the year": a year-long span ("profit for the year"), or this year after "in"."""
    before = ctx.word_before(m.start())
    if before in ("in", "during", "earlier", "later", "this") and ctx.anchor is not None:
        return Resolved("DATE", str(ctx.anchor.year))
    return Resolved("DURATION", "P1Y")


def r_year_earlier(m: re.Match[str], ctx: Context) -> Resolved | None:
    value = str(ctx.anchor.year - 1) if ctx.anchor else "XXXX"
    return Resolved("DATE", value, years_back=1)


def r_vague_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    future = m["dir"].lower() in ("later", "from now")
    return Resolved("DATE", "FUTURE_REF" if future else "PAST_REF")


def r_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    unit = "century" if unit == "centurie" else unit
    num = _norm(m["num"])
    n = parse_number(num)
    rel = _norm(m["rel"])
    if num in ("a", "an") and not rel and _MONEY_BEFORE.search(ctx.text, max(0, m.start() - 30),
                                                               m.start()):
        return Resolved("SET", duration_value(1, unit))  # "$5 billion a year"
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end():]):
        return None  # "three-quarters of": a fraction
    if unit == "second" and not m["plural"] and "-" not in m.group(0):
        return None  # "a second term", "the 1988 second quarter": an ordinal, not a unit
    if n is not None and m["half"]:
        n += 0.5
    value = duration_value(n, unit)
    sign = -1 if rel.endswith(("past", "last", "previous", "recent")) else (
        1 if rel.endswith(("next", "coming", "following")) else 0)
    begin, finish = _window(ctx, n, unit, sign) if sign else (None, None)
    return Resolved("DURATION", value, approx_mod(m["approx"]), begin=begin, finish=finish)


def r_vague_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    unit = "century" if unit == "centurie" else unit
    rel = _norm(m["rel"])
    if rel == "recent":
        return Resolved("DATE", "PAST_REF")
    if unit == "second" and not rel:
        return None  # "seconds" is too often "seconds later" or a count
    return Resolved("DURATION", duration_value(None, unit))


_SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "biannually": "P6M",
    "semiannually": "P6M", "biennially": "P2Y", "fortnightly": "P2W",
}


def r_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["adv"]:
        return Resolved("SET", _SET_ADVERBS[m["adv"].lower()])
    unit = m["unit"].lower()
    n = 2 if (m["num"] or "").lower() == "other" else (parse_number(m["num"]) if m["num"]
                                                          else 1)
    if unit in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[unit]}")
    if unit in PARTS_OF_DAY:
        return Resolved("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[unit]}")
    if unit.rstrip(".") in MONTHS:
        return Resolved("SET", f"XXXX-{MONTHS[unit.rstrip('.')]:02d}")
    if unit == "quarter":
        return Resolved("SET", f"P{n or 1}Q")
    return Resolved("SET", duration_value(n or 1, "century" if unit == "centurie" else unit))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """nth (1-based; -1 = last) ISO weekday of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = iv.month_end(year, month)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's": (1, 1), "new year's eve": (12, 31),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "may day": (5, 1), "victory day": (5, 9),
}
_FLOATING_HOLIDAYS = {  # name -> (month, ISO weekday, nth)
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "labour day": (9, 1, 1), "memorial day": (5, 1, -1),
}


def r_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = _norm(m["name"])
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
    else:
        month, weekday, nth = _FLOATING_HOLIDAYS[name]
        day = 0
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}" if day else f"XXXX-{month:02d}")
    else:
        year = ctx.year(month, day or 15, m, ctx.direction(m))
    if not day:
        day = _nth_weekday(year, month, weekday, nth).day
    return Resolved("DATE", f"{year}-{month:02d}-{day:02d}")


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "current": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "in recent times": "PAST_REF", "recent": "PAST_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
}


def r_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = _norm(m["word"])
    if word.endswith("future"):
        return Resolved("DATE", "FUTURE_REF")
    value = _REFS.get(word)
    if value is None:
        return None
    if word == "now" and re.match(r"\s+(?:and\s+(?:then|again)|defunct|famous|retired|"
                                  r"former)\b", ctx.text[m.end():]):
        return None
    return Resolved("DATE", value)


RESOLVERS: dict[str, Resolver] = {
    "rel_unit": r_rel_unit, "weekend": r_weekend, "season": r_season, "deictic": r_deictic,
    "this_pod": r_this_pod, "weekday": r_weekday, "clock": r_clock, "ago": r_ago,
    "vague_ago": r_vague_ago, "duration": r_duration, "vague_duration": r_vague_duration,
    "set": r_set, "holiday": r_holiday, "ref": r_ref, "year_earlier": r_year_earlier,
    "the_year": r_the_year,
}
