"""Calendar arithmetic and the day interval [begin, finish] of a TimeML value.

Intervals are inclusive ISO dates. A mod narrows the interval of the period it modifies:
START / MID / END take the first, middle and last third of it (for a month: days 1-10,
11-20, 21-end; for a year: Jan-Apr, May-Aug, Sep-Dec; for a decade: years 0-3, 4-6, 7-9).
Seasons are meteorological (spring = Mar-May, summer = Jun-Aug, fall = Sep-Nov,
winter = Dec of the year to Feb of the next). Weeks are ISO weeks (Monday-Sunday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, n: float, unit: str) -> dt.date:
    """``day`` moved by ``n`` units (negative: into the past)."""
    if unit == "day":
        return day + dt.timedelta(days=round(n))
    if unit in ("week", "fortnight"):
        return day + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:  # hours, minutes, seconds: day precision is all we keep
        return day
    return add_months(day, round(n * months))


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: dt.date) -> tuple[int, str]:
    """(year, code) of the meteorological season containing ``day`` (Jan/Feb: last winter)."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    code = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA",
            11: "FA", 12: "WI"}[day.month]
    return day.year, code


def _thirds(begin: dt.date, finish: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """The START / MID / END third of [begin, finish]; the whole span for other mods."""
    if mod not in ("START", "MID", "END"):
        return begin, finish
    days = (finish - begin).days + 1
    months = (finish.year - begin.year) * 12 + finish.month - begin.month + 1
    whole = begin.day == 1 and finish == month_end(finish.year, finish.month)
    if whole and months == 1:
        # Months: 1-10 / 11-20 / 21-end, the way people read "early/mid/late August".
        cut1, cut2 = begin.replace(day=10), begin.replace(day=20)
    elif whole and months % 3 == 0:
        # Years, halves, quarters, seasons: thirds on month boundaries (Jan-Apr, May-Aug...).
        third = months // 3
        cut1 = add_months(begin, third) - dt.timedelta(days=1)
        cut2 = add_months(begin, 2 * third) - dt.timedelta(days=1)
    else:
        cut1 = begin + dt.timedelta(days=days // 3 - 1)
        cut2 = begin + dt.timedelta(days=2 * days // 3 - 1)
    if mod == "START":
        return begin, cut1
    if mod == "MID":
        return cut1 + dt.timedelta(days=1), cut2
    return cut2 + dt.timedelta(days=1), finish


def _year_part(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), month_end(year, last)


def period(value: str) -> tuple[dt.date, dt.date, str] | None:
    """The whole period named by a DATE/TIME value, or None for durations, sets, refs."""
    if m := _DATE.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day" if "T" not in value else "time"
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), month_end(year, month), "month"
    if m := _YEAR.match(value):
        return (*_year_part(int(m[1]), 1, 12), "year")
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend"
        return monday, monday + dt.timedelta(days=6), "week"
    if m := _QUARTER.match(value):
        q = int(m[2])
        return (*_year_part(int(m[1]), 3 * q - 2, 3 * q), "quarter")
    if m := _HALF.match(value):
        h = int(m[2])
        return (*_year_part(int(m[1]), 6 * h - 5, 6 * h), "half")
    if m := _SEASON.match(value):
        year = int(m[1])
        first, last = SEASON_MONTHS[m[2]]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1  # winter: Feb
        return dt.date(year, first, 1), month_end(end_year, end_month), "season"
    if m := _DECADE.match(value):
        start = int(m[1]) * 10
        return dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade"
    if m := _CENTURY.match(value):
        start = int(m[1]) * 100
        return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31), "century"
    return None


def interval(value: str, mod: str | None) -> tuple[str | None, str | None, str | None]:
    """(begin, finish, granularity) for a DATE/TIME value and its mod; Nones if not a date."""
    try:
        found = period(value)
    except ValueError:  # e.g. week 53 of a year without one
        return None, None, None
    if found is None:
        return None, None, None
    begin, finish, granularity = found
    begin, finish = _thirds(begin, finish, mod)
    return begin.isoformat(), finish.isoformat(), granularity
