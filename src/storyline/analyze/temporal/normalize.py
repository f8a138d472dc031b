"""``find_timexes``: run the rules over a text, keep the best non-overlapping matches, and
resolve each one against the anchor date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ...config import TemporalOptions
from ...model import Timex
from . import intervals as iv
from .patterns import CORES, RULES, WINDOW_AFTER, WINDOW_BEFORE
from .resolve import Context, Resolved, Resolver, resolvers

_QUARTER_REACH = 600  # characters a quarter mention stays the reference


@lru_cache(maxsize=1)
def _table() -> dict[str, Resolver]:
    return resolvers()


def _interval(res: Resolved, anchor: dt.date | None) -> tuple[str | None, str | None,
                                                                str | None]:
    if res.begin or res.finish:
        return res.begin, res.finish, "duration"
    if res.type in ("DURATION", "SET"):
        return None, None, None
    if res.value.endswith("_REF"):
        day = anchor.isoformat() if anchor else None
        return {"PRESENT_REF": (day, day, "vague"), "PAST_REF": (None, day, "vague"),
                "FUTURE_REF": (day, None, "vague")}[res.value]
    return iv.interval(res.value, res.mod)


_SPACE = re.compile(r"\s")


def _windows(core: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    """Merged text windows around the hits of a rule's core, cut at whitespace."""
    n = len(lowered)
    out: list[tuple[int, int]] = []
    for hit in core.finditer(lowered):
        lo = max(0, hit.start() - WINDOW_BEFORE)
        if lo > 0:
            lo = max(lowered.rfind(" ", 0, lo), lowered.rfind("\n", 0, lo)) + 1
        if out and lo <= out[-1][1]:
            lo = out[-1][0]
            out.pop()
        hi = min(n, hit.end() + WINDOW_AFTER)
        space = _SPACE.search(lowered, hi) if hi < n else None
        out.append((lo, space.start() if space else n))
    return out


def _same_length(doc: Any, text: str) -> bool:
    """Cheap check that ``doc`` parses ``text`` (``doc.text`` rebuilds the whole string)."""
    try:
        if len(doc) == 0:
            return not text.strip()
        last = doc[-1]
        return bool(last.idx + len(last.text_with_ws) == len(text))
    except (AttributeError, IndexError, TypeError):
        return False


def find_timexes(text: str, anchor: dt.date | None, *, anchor_kind: str = "dct",
                 doc: Any = None, fine_single_ago: bool = True,
                 past_slack_days: int | None = None,
                 year_by_tense: bool | None = None) -> list[Timex]:
    """Find and normalize the temporal expressions in ``text`` (TimeML TIMEX3 style).

    ``anchor`` is the date relative expressions resolve against (the article's publication
    date); ``anchor_kind`` is recorded on every result ("dct", "inferred"; forced to "none"
    without an anchor, when relative values keep "X" placeholders such as "XXXX-08").
    ``doc`` is an optional spaCy Doc of the same text, used for verb tense. With
    ``fine_single_ago`` (default) "a year ago" resolves to the month a year back
    (2024-05); otherwise to the year (2024), as "N years ago" always does.
    ``past_slack_days``: a past-tense month or day without a year that falls at most this
    many days after the anchor still counts as the anchor's year (a misread tense); with
    ``year_by_tense`` a firmly past verb ("visited China at the end of August") allows only
    a week (``resolve.FIRM_PAST_SLACK_DAYS``).
    Returns non-overlapping Timex objects in text order, each with its day interval.
    """
    if doc is not None and not _same_length(doc, text):
        doc = None  # a Doc of another text would give wrong offsets
    if past_slack_days is None or year_by_tense is None:
        # The packaged temporal.* defaults, built only when a caller leaves one out (the
        # stage passes its options: no options object per dated article).
        defaults = TemporalOptions()
        past_slack_days = (defaults.past_year_slack_days if past_slack_days is None
                           else past_slack_days)
        year_by_tense = defaults.year_by_tense if year_by_tense is None else year_by_tense
    ctx = Context(text, anchor, doc, fine_single_ago, past_slack_days, year_by_tense)
    table = _table()
    candidates = []
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two code points: keep offsets aligned
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}  # rules share cores
    for rank, (name, regex) in enumerate(RULES):
        seen: set[tuple[int, int]] = set()
        core = CORES[name]
        if core not in windows:
            windows[core] = _windows(core, lowered)
        for lo, hi in windows[core]:
            for m in regex.finditer(text, lo, hi):
                if m.end() > m.start() and m.span() not in seen:
                    seen.add(m.span())
                    candidates.append((m.start() - m.end(), rank, m.start(), name, m))
    candidates.sort(key=lambda c: c[:3])  # longest first, then rule order, then position
    taken: list[tuple[int, int]] = []
    found: list[tuple[Timex, Resolved]] = []
    kind = anchor_kind if anchor is not None else "none"
    for _, _, _, name, m in candidates:
        start, end = m.start(), m.end()
        if any(start < e and s < end for s, e in taken):
            continue
        try:
            res = table[name](m, ctx)
        except (ValueError, OverflowError):
            continue  # calendar arithmetic out of range ("99999999 days ago"): not a date
        if res is None or not res.value:
            continue
        start = res.start if res.start is not None else start
        surface = text[start:end]
        stripped = surface.rstrip(" ,.;:'")
        if surface.endswith("."):  # keep the dot of "Sept." / "a.m."
            stripped = surface.rstrip(" ,;:'")
        end = start + len(stripped)
        taken.append((m.start(), m.end()))
        try:
            begin, finish, granularity = _interval(res, anchor)
        except (ValueError, OverflowError):
            begin = finish = granularity = None
        found.append((Timex(start, end, text[start:end], res.type, res.value, res.mod,
                            begin, finish, granularity, kind), res))
    found.sort(key=lambda pair: pair[0].start)
    return _reanchor_on_quarters(found)


_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")


def _reanchor_on_quarters(found: list[tuple[Timex, Resolved]]) -> list[Timex]:
    """Business news compares quarters: "third-quarter profit ... a year earlier" means the
    third quarter of the previous year, so a year-offset follows the last quarter named."""
    last: tuple[int, str, int] | None = None  # (year, quarter code, offset in text)
    out = []
    for timex, res in found:
        if res.years_back and last and timex.start - last[2] < _QUARTER_REACH:
            timex.value = f"{last[0] - res.years_back}-{last[1]}"
            timex.begin, timex.finish, timex.granularity = iv.interval(timex.value, timex.mod)
        elif m := _QUARTER.match(timex.value):
            last = (int(m[1]), m[2], timex.end)
        out.append(timex)
    return out
