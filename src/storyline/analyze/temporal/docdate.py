"""When was an undated article written? An interval with a confidence and the cues used.

Evidence, strongest first (docs/temporal.md, "Document dates"):

1. a dateline or "Updated/Posted" line near the top, parsed by dateparser -> that day;
2. arithmetic cues that name the document's year: "10 years ago, in 2015" -> 2025; "the 80th
   anniversary of the end of the Second World War" -> 2025; "last year's 2012 election" ->
   2013;
3. the tense of dated mentions: a reported (past) event happened before the document, a
   planned (future) one after it; these bound the interval and narrow the year found in 2;
4. last resort: just after the latest explicit date.

The inferred date is only used when the article has no publication date; every value that
depends on it is marked ``anchor="inferred"``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ...model import InferredDate, Timex
from .patterns import ORDINALS, parse_number
from .tense import direction

# Events people count anniversaries from, when the sentence gives no year: (words, year).
# Beginnings are checked first ("the outbreak of the Second World War" is 1939).
_START = r"(?:start|outbreak|beginning|onset)\s+of\s+(?:the\s+)?"
KNOWN_EVENTS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(_START + r"(?:second world war|world war (?:ii|two|2)|wwii)", re.I), 1939),
    (re.compile(_START + r"(?:first world war|world war (?:i|one|1)\b|great war)", re.I), 1914),
    (re.compile(r"second world war|world war (?:ii|two|2)\b|wwii|great patriotic war|"
                r"nazi germany|sino-japanese war|japanese aggression|defeat of japan|"
                r"japan's defeat|victory in europe|\bv-e day|hiroshima", re.I), 1945),
    (re.compile(r"first world war|world war (?:i|one|1)\b|great war|armistice", re.I), 1918),
    (re.compile(r"september 11(?:th)?\b|\b9/11\b", re.I), 2001),
    (re.compile(r"berlin wall", re.I), 1989),
    (re.compile(r"moon landing|apollo 11", re.I), 1969),
]
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_COUNT = r"(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_AGO_IN = re.compile(rf"\b{_COUNT}\s+years?\s+ago,?\s+(?:in|back\s+in)\s+(?P<y>{_YEAR})\b", re.I)
_IN_AGO = re.compile(rf"\bin\s+(?P<y>{_YEAR}),?\s+(?:some\s+)?{_COUNT}\s+years?\s+ago\b", re.I)
_ANNIVERSARY = re.compile(r"\b(?P<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+"
                          r"anniversary\s+of\b(?P<what>[^.;!?\n]{0,140})", re.I)
_REL_YEARS = re.compile(rf"\b(?P<rel>last|this|next)\s+year(?:'s|’s)\s+(?:[A-Za-z-]+\s+){{0,2}}?"
                        rf"(?P<y>{_YEAR})\b|\bin\s+(?P<y2>{_YEAR}),?\s+(?P<rel2>last|this|next)"
                        rf"\s+year\b", re.I)
_REL_OFFSET = {"last": 1, "this": 0, "next": -1}  # document year minus the year named
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                 "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
                 "hundredth": 100}
_ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_SLACK_DAYS = {"day": 7, "time": 7, "month": 31, "year": 366}  # after the latest past date

CONF_DATELINE = 0.9
CONF_ARITHMETIC = 0.65  # plus 0.1 for each further agreeing cue, at most 0.85
CONF_BOUNDS = {"day": 0.45, "time": 0.45, "month": 0.35, "year": 0.25}
CONF_LAST_RESORT = 0.2
WIDE_DAYS = 31  # an interval wider than this resolves deictic words to the year only


@dataclass
class _Bound:
    begin: dt.date
    finish: dt.date
    granularity: str
    text: str
    sign: int  # -1 reported (document after it), +1 planned (document before it), 0 unknown


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    if w[:-2].isdigit():
        return int(w[:-2])
    head, _, tail = w.partition("-")  # "twenty-fifth"
    if tail and tail in ORDINALS and (tens := parse_number(head)):
        return int(tens) + ORDINALS[tail]
    return _ORDINAL_TENS.get(w)


def _sentence_of(text: str, pos: int) -> str:
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    right = min((i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0),
                default=len(text))
    return text[left:right]


def arithmetic_years(text: str) -> list[tuple[int, str]]:
    """(document year, cue) from "N years ago, in YYYY", "the Nth anniversary of ...",
    "last year's YYYY ..."."""
    text = text.replace("’", "'")
    out: list[tuple[int, str]] = []
    for m in (*_AGO_IN.finditer(text), *_IN_AGO.finditer(text)):
        n = parse_number(m["n"])
        if isinstance(n, int) and 0 < n < 200:
            out.append((int(m["y"]) + n, m.group(0)))
    for m in _ANNIVERSARY.finditer(text):
        n = _ordinal(m["ord"])
        if not n or n > 500:
            continue
        base = _anniversary_base(m["what"])
        sentence = _sentence_of(text, m.start())
        others = {y for y in re.findall(_YEAR, sentence) if base is None or int(y) != base}
        # "In 2015, China marked the 70th anniversary": that anniversary is dated by the
        # sentence, not by the document.
        if base is None or others:
            continue
        shift = 0
        before = text[max(0, m.start() - 20):m.start()].lower()
        for rel, off in (("last year's", 1), ("next year's", -1)):
            if rel in before:
                shift = off
        out.append((base + n + shift, _short(m.group(0))))
    for m in _REL_YEARS.finditer(text):
        rel, year = (m["rel"] or m["rel2"]).lower(), int(m["y"] or m["y2"])
        out.append((year + _REL_OFFSET[rel], m.group(0)))
    return out


def _short(cue: str, limit: int = 60) -> str:
    cue = " ".join(cue.split())
    return cue if len(cue) <= limit else cue[:limit].rsplit(" ", 1)[0] + "..."


def _anniversary_base(what: str) -> int | None:
    if year := re.search(_YEAR, what):
        return int(year.group(0))
    for pattern, known in KNOWN_EVENTS:
        if pattern.search(what):
            return known
    return None


def _bounds(text: str, timexes: list[Timex], doc: Any, today: dt.date) -> list[_Bound]:
    """Dated mentions with their direction (the value does not depend on an anchor)."""
    out = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.begin or not t.finish:
            continue
        if t.granularity not in _SLACK_DAYS or not _ABSOLUTE.match(t.value):
            continue
        begin, finish = dt.date.fromisoformat(t.begin), dt.date.fromisoformat(t.finish)
        if begin > today:
            continue  # "by 2050": a target, and no news article is from the future
        sign = direction(text, t.start, t.end, doc)
        if sign == 0 and t.granularity == "year":
            continue  # "the 2016 election": too weak to say anything
        out.append(_Bound(begin, finish, t.granularity, t.text, sign))
    # A planned date before a reported one is a misread tense ("the tradition ... in May
    # 1945"); news mostly reports, so the reported dates win.
    latest_past = max((b.begin for b in out if b.sign < 0), default=None)
    return [b for b in out if not (b.sign > 0 and latest_past and b.finish < latest_past)]


def _interval_for_year(year: int, bounds: list[_Bound]) -> tuple[dt.date, dt.date, list[str]]:
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cues: list[str] = []
    for b in bounds:  # reported events in that year push the start later
        if b.sign <= 0 and lo < b.begin <= hi:
            lo, cues = b.begin, [*cues, f"after '{b.text}' (reported)"]
    for b in bounds:
        if b.sign > 0 and lo <= b.finish < hi:
            hi, cues = b.finish, [*cues, f"before '{b.text}' (planned)"]
    return lo, hi, cues


def _agree(years: list[tuple[int, str]], bounds: list[_Bound]) -> list[tuple[int, str]]:
    """Drop arithmetic years that contradict a reported or planned dated mention."""
    past = [b.begin.year for b in bounds if b.sign < 0]
    future = [b.finish.year for b in bounds if b.sign > 0]
    return [(y, cue) for y, cue in years
            if (not past or y >= max(past)) and (not future or y <= min(future))]


def infer_document_date(text: str, timexes: list[Timex], doc: Any = None, *,
                        dateline: tuple[str, str] | None = None,
                        today: dt.date | None = None) -> InferredDate | None:
    """The interval the document was probably written in, from ``text`` and its expressions
    found without an anchor (``find_timexes(text, None)``); None when nothing says."""
    today = today or dt.date.today()
    if dateline is not None:
        where = "URL" if dateline[1].startswith(("http", "www")) else "dateline"
        return InferredDate(dateline[0], dateline[0], CONF_DATELINE, dateline[0],
                            [f"{where}: {dateline[1]}"])
    bounds = _bounds(text, timexes, doc, today)
    years = _agree([(y, c) for y, c in arithmetic_years(text) if y <= today.year], bounds)
    if years:
        votes: dict[int, list[str]] = {}
        for y, cue in years:
            votes.setdefault(y, []).append(cue)
        year = max(votes, key=lambda y: (len(votes[y]), y))
        cues = votes[year]
        lo, hi, narrowed = _interval_for_year(year, bounds)
        confidence = min(0.85, CONF_ARITHMETIC + 0.1 * (len(cues) - 1))
        return _result(lo, hi, confidence, [f"year from '{c}'" for c in cues] + narrowed)
    past = [b for b in bounds if b.sign <= 0]
    if past:
        last = max(past, key=lambda b: (b.begin, -(b.finish - b.begin).days))
        conf = CONF_BOUNDS[last.granularity]
        cue = f"after '{last.text}' (latest dated mention before the document)"
        if last.granularity in ("day", "time"):
            # As before: just after the latest reported day, which is the anchor.
            hi = min(today, last.finish + dt.timedelta(days=_SLACK_DAYS[last.granularity]))
            hi = min([hi, *(b.finish for b in bounds if b.sign > 0 and last.begin <= b.finish)])
            return _result(last.begin, hi, conf, [cue], anchor=last.begin)
        # News names the year of a month or year only when it is not the current one ("in
        # March" this year, "in March 2024" otherwise): the document follows that period.
        lo = last.finish + dt.timedelta(days=1)
        hi = min(today, last.finish + dt.timedelta(days=365))
        hi = min([hi, *(b.finish for b in bounds if b.sign > 0 and lo <= b.finish)])
        return _result(min(lo, hi), hi, conf, [cue])
    planned = [b for b in bounds if b.sign > 0]
    if planned:
        first = min(planned, key=lambda b: b.finish)
        lo = first.finish - dt.timedelta(days=_SLACK_DAYS[first.granularity])
        return _result(lo, first.finish, CONF_LAST_RESORT,
                       [f"before '{first.text}' (earliest planned date; last resort)"],
                       anchor=first.finish if first.granularity in ("day", "time") else None)
    return None


def _result(lo: dt.date, hi: dt.date, confidence: float, cues: list[str],
            anchor: dt.date | None = None) -> InferredDate:
    if hi < lo:
        hi = lo
    point = anchor or lo + (hi - lo) / 2
    return InferredDate(lo.isoformat(), hi.isoformat(), round(confidence, 2), point.isoformat(),
                        cues)


def is_wide(inferred: InferredDate) -> bool:
    """True when the interval is too wide for day or week words to be resolved."""
    span = dt.date.fromisoformat(inferred.finish) - dt.date.fromisoformat(inferred.begin)
    return span.days > WIDE_DAYS
