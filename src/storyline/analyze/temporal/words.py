"""TimeML values in words, for anything a user reads: ``2013-03-11TNI`` -> "the night of
11 March 2013", ``XXXX-WXX-6`` -> "a Saturday", ``PRESENT_REF`` -> "now".

Machine forms stay in ``Timex.value``; this is only the display.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PARTS = {"NI": "the night of", "MO": "the morning of", "AF": "the afternoon of",
          "EV": "the evening of", "DT": "the daytime of"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second",
          "Q": "quarter", "DE": "decade", "CE": "century"}
_MOD = {"START": "early", "END": "late", "MID": "mid", "APPROX": "about",
        "MORE_THAN": "more than", "LESS_THAN": "less than", "BEFORE": "before",
        "AFTER": "after", "ON_OR_BEFORE": "on or before", "ON_OR_AFTER": "on or after",
        "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least"}
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d|XX)-(\d\d|XX)(?:T(NI|MO|AF|EV|DT|\d\d(?::\d\d)?))?$")
_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d\d|XX)(?:-(WE|\d))?$")
_PERIOD = re.compile(r"^(\d{4}|XXXX)-(Q[1-4]|H[12]|SP|SU|FA|WI|QX)$")
_DURATION = re.compile(r"^P(?:T)?(\d+(?:\.\d+)?|X)(DE|CE|[YMWDHS])$")


def _month(m: str) -> str:
    return calendar.month_name[int(m)]


def _day_words(year: str, month: str, day: str) -> str:
    if month == "XX":
        return "a day" if year == "XXXX" else f"a day in {year}"
    if day == "XX":
        return _month(month) + ("" if year == "XXXX" else f" {year}")
    when = f"{int(day)} {_month(month)}"
    return when + (" (year unknown)" if year == "XXXX" else f" {year}")


def _plain(value: str) -> str:
    if value in _REFS:
        return _REFS[value]
    if m := _DAY.match(value):
        year, month, day, part = m.groups()
        when = _day_words(year, month, day)
        if part in _PARTS:
            return f"{_PARTS[part]} {when}"
        return f"{when}, {part}" if part else when
    if m := _WEEK.match(value):
        year, week, tail = m.groups()
        if tail and tail.isdigit():
            name = calendar.day_name[int(tail) - 1]
            return f"a {name}" if year == "XXXX" or week == "XX" else _monday(year, week, tail)
        what = "the weekend" if tail == "WE" else "the week"
        if year == "XXXX" or week == "XX":
            return f"{'a weekend' if tail else 'a week'}" + ("" if year == "XXXX" else f" in {year}")
        return f"{what} of {_monday(year, week, '6' if tail else '1')}"
    if m := _PERIOD.match(value):
        year, code = m.groups()
        in_year = "" if year == "XXXX" else f" {year}"
        if code in _SEASONS:
            return _SEASONS[code] + in_year
        if code == "QX":
            return "a quarter" + (f" of{in_year}" if in_year else "")
        what = "quarter" if code[0] == "Q" else "half"
        return f"the {_ORD[int(code[1])]} {what}" + (f" of{in_year}" if in_year else "")
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d", value):
        year = " (year unknown)" if value.startswith("X") else f" {value[:4]}"
        return f"{_month(value[5:])}{year}"
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d\d", value):
        cent = int(value) + 1
        suffix = "th" if 10 <= cent % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(cent % 10,
                                                                                    "th")
        return f"the {cent}{suffix} century"
    if m := _DURATION.match(value):
        n, unit = m.groups()
        word = _UNITS[unit]
        if n == "X":
            return f"{word}s"
        return f"{n} {word}" + ("" if float(n) == 1 else "s")
    if value.startswith("XXXX"):
        return "a date (year unknown)"
    return value


def _monday(year: str, week: str, weekday: str) -> str:
    try:
        day = dt.date.fromisocalendar(int(year), int(week), int(weekday))
    except ValueError:
        return f"week {int(week)} of {year}"
    return f"{day.day} {_month(f'{day.month:02d}')} {day.year}"


def describe_value(value: str | None, mod: str | None = None) -> str:
    """A TimeML value (with its mod) in plain words; never a raw code for known forms."""
    if not value:
        return "?"
    words = _plain(value)
    if mod in ("START", "END", "MID") and words[:1].isupper() or (
            mod in ("START", "END", "MID") and words[:1].isdigit()):
        return f"{_MOD[mod]}{'-' if mod == 'MID' else ' '}{words}"
    if mod in _MOD and mod not in ("START", "END", "MID"):
        return f"{_MOD[mod]} {words}"
    return words
