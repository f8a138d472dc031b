"""Vocabulary and the compiled regular expressions that find temporal expressions.

Each rule is one compiled regex with named groups, run once over the whole text (the regex
engine does the scanning in C: no per-token Python loop over pattern lists). ``resolve.py``
turns a match into a TimeML value; the rule name selects the resolver.

Case: most words match case-insensitively; month names that are also common words ("May",
"March") and seasons that are verbs ("fall", "spring") need context, checked in ``resolve``.
"""

from __future__ import annotations

import re

from ...lexicon import MONTHS as LEX_MONTHS
from ...lexicon import TENS_WORDS, UNIT_WORDS
from ...lexicon import WEEKDAYS as LEX_WEEKDAYS

MONTHS = LEX_MONTHS  # one home: storyline.lexicon
WEEKDAYS = LEX_WEEKDAYS
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}
_UNITS_WORDS = {w: n for w, n in UNIT_WORDS.items() if n}
_TENS_WORDS = dict(TENS_WORDS)
# Counts that TimeML leaves unspecified ("several years" -> PXY).
VAGUE_COUNTS = frozenset({"several", "a few", "few", "many", "some", "a number of",
                          "numerous", "a couple of", "couple of", "the few"})
# Duration unit -> (TimeML letter, is a time unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "centurie": ("CE", False),
}

# ---------------------------------------------------------------- fragments


def _alt(words: list[str]) -> str:
    """A regex alternation, longest words first so the engine prefers the full word."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|"
               "November|December")
# Month names are matched case-sensitively (capitalized) so "may"/"march" stay verbs.
MONTH = rf"(?-i:(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.))"
MONTH_FULL = rf"(?-i:{_MONTH_FULL}|Sept\.)"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
POD = r"(?:morning|afternoon|evening|night)"
_SMALL = _alt(list(_UNITS_WORDS))
_TENS = _alt(list(_TENS_WORDS))
WORD_NUMBER = rf"(?:(?:{_TENS})(?:[\s-](?:{_SMALL}))?|{_SMALL}|a\s+hundred|hundred)"
NUMBER = rf"(?:\d+(?:\s+1/2|\.\d+)?|{WORD_NUMBER}|an?|{_alt(sorted(VAGUE_COUNTS))})"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)"
APPROX = (r"(?:about|around|approximately|roughly|some|nearly|almost|just\s+under|"
          r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|over(?!\s+the\b)|"
          r"under(?!\s+the\b)|up\s+to|"
          r"well\s+over|only|just|barely|the\s+better\s+part\s+of)")
# Position inside a period: "the end of", "early", "mid-", "earlier this"...
POSITION = (r"(?:the\s+(?:very\s+)?(?:end|beginning|start|middle|close|turn|"
            r"first\s+half|second\s+half|latter\s+part|early\s+part)\s+of(?:\s+the)?\s+|"
            r"(?:early|late|mid|earlier|later)(?:\s+in|\s+on)?(?:-|\s+))")
REL = (r"(?:this|that|last|next|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current|"
       r"the\s+previous|the\s+following|the\s+same|past|coming|previous|following|current|"
       r"the\s+latest|latest|the\s+most\s+recent|the\s+upcoming)")

_I = re.IGNORECASE
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)\b"

# Rule name -> compiled regex. Order matters only to break ties between equal spans.
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
                       r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b")),
    ("slash", re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})\b")),
    ("month_day", re.compile(
        rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<pos>{POSITION})?(?P<month>{MONTH})\s*{_DAY}"
        rf"(?:,?\s+{_YEAR})?", _I)),
    ("day_month", re.compile(
        rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{MONTH})"
        rf"(?:,?\s+{_YEAR})?", _I)),
    ("ordinal_day", re.compile(
        rf"\b(?:(?:the\s+)?(?P<ord>{_alt(list(ORDINALS))})\s+of\s+(?P<month>{MONTH})|"
        rf"(?P<month2>{MONTH_FULL})\s+(?:the\s+)?(?P<ord2>{_alt(list(ORDINALS))}))\b"
        rf"(?:,?\s+{_YEAR})?", _I)),
    ("month_year", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?\b(?P<month>{MONTH})(?:\s+of)?,?\s+{_YEAR}", _I)),
    ("month", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?(?:\b(?P<rel>this|last|next|past|coming|that)\s+)?"
        rf"\b(?P<month>{MONTH_FULL})(?!\s*\d)(?![\w'-])", _I)),
    ("year", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?(?:\b(?P<pre>(?:the\s+)?(?:fiscal|calendar|financial|"
        rf"model|school|academic)(?:\s+year)?|the\s+year|FY)\s*)?(?<![$£€#\d.,/])(?<!\d-)\b{_YEAR}"
        rf"(?![.,]\d|\s*%|\s*(?:percent|per\s+cent)\b|-\d|\s*(?:-year|years|people|troops|"
        rf"tons?|tonnes|cars|votes|units|shares|barrels|feet|meters|metres|miles|km|kg|"
        rf"pounds|workers|employees|students|soldiers|dollars|euros|yuan|rubles)\b)", _I)),
    ("year_words", re.compile(
        rf"\b(?:the\s+year\s+)?(?:(?P<cent>nineteen|eighteen|twenty)[\s-]+(?P<rest>(?:{_TENS})"
        rf"(?:[\s-](?:{_SMALL}))?|{_SMALL}|hundred)|two\s+thousand(?:\s+and\s+(?P<small>{_SMALL}))?)"
        r"\b(?![\s-]+(?:people|years?|percent|dollars|of)\b)", _I)),
    ("month_rel_year", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?\b(?P<month>{MONTH_FULL})(?:\s+of)?\s+(?P<rel>this|last|next)"
        r"\s+year\b", _I)),
    ("year_quarter", re.compile(
        rf"\b(?:the\s+)?{_YEAR}\s+(?P<q>first|second|third|fourth)[\s-]+quarter\b", _I)),
    ("decade", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?(?:\bthe\s+)?(?:(?P<pos2>early|mid|late)[\s-]+)?"
        r"(?:\b(?P<decade>1[0-9]\d0|20\d0)'?s\b|'(?P<short>\d0)s\b|(?<![\w'])(?P<short2>[2-9]0)s\b|"
        r"\b(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
        _I)),
    ("century", re.compile(
        rf"\b(?:the\s+)?(?P<pos>{POSITION})?(?:(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(list(ORDINALS))})"
        r"|(?P<rel>this|last|next|the\s+last|the\s+next|the\s+past|the\s+previous))[\s-]+century\b",
        _I)),
    ("quarter", re.compile(
        rf"\b(?:the\s+)?(?:(?P<rel>{REL}|same|year-earlier|year-ago|prior-year|"
        r"year-before|comparable|fiscal|calendar)[\s-]+)?(?:fiscal\s+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[\s-]+(?:fiscal|calendar))?[\s-]+"
        rf"quarter(?![\s-]+(?:of\s+a|century))(?:\s+(?:of\s+)?(?:fiscal\s+)?{_YEAR})?", _I)),
    ("quarter_q", re.compile(rf"\b(?:(?P<pre>the|fiscal)\s+)?Q(?P<q>[1-4])(?:\s+{_YEAR})?\b")),
    ("half", re.compile(
        rf"\b(?:the\s+)?(?P<h>first|second)[\s-]+half(?:\s+of\s+(?:the\s+year|{_YEAR}|"
        r"(?P<rel>this|last|next)\s+year))?\b", _I)),
    ("quarter_rel", re.compile(
        r"\bthe\s+(?P<rel>latest|last|past|previous|current|recent|most\s+recent|same|"
        r"year-earlier|year-ago|prior-year|comparable|year-before|first|)\s*"
        r"(?:fiscal\s+)?(?:quarter|period)\b(?![\s-]+century)", _I)),
    ("rel_unit", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?\b(?:(?P<rel>{REL})\s+)?(?P<unit>year|month|week|weekend|"
        r"quarter|decade|fiscal\s+year|season)\b(?!-)", _I)),
    ("weekend", re.compile(r"\b(?P<pos>(?:early|late|over)\s+)?the\s+weekend\b", _I)),
    ("season", re.compile(
        rf"(?:\b(?P<pos>{POSITION}))?(?:\b(?P<rel>this|last|next|past|coming|that|the)\s+)?"
        rf"\b(?P<season>{SEASON})(?:\s+(?:of\s+)?{_YEAR})?\b(?![\w-])", _I)),
    ("deictic", re.compile(
        rf"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?"
        r"\b(?P<word>today|tomorrow|yesterday|tonight)(?!'s)"
        rf"(?:\s+(?P<pod>{POD}))?\b", _I)),
    ("this_pod", re.compile(
        rf"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?"
        rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{POD})\b|\b(?P<over>overnight)\b", _I)),
    ("weekday", re.compile(
        rf"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?"
        r"(?:\b(?P<rel>last|next|this|coming|past|on)\s+)?"
        rf"\b(?P<wd>{WEEKDAY})(?P<plural>s)?(?:\s+(?P<pod>{POD}))?\b", _I)),
    ("clock", re.compile(
        r"(?:\b(?P<pre>midnight|noon|midday)\b|\b(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?"
        r"\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[ap]\.m\b)|\b(?P<hour24>[0-2]\d):(?P<minute24>[0-5]\d)"
        r"(?!\d))(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)))?"
        rf"(?:,?\s+(?:on\s+)?(?P<word>today|tomorrow|yesterday|{WEEKDAY}))?", _I)),
    ("ago", re.compile(
        rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?"
        r"(?:\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        _I)),
    ("vague_ago", re.compile(
        rf"\b(?P<num>(?:{_alt(sorted(VAGUE_COUNTS))})\s+)?(?P<unit>{UNIT})s\s+"
        r"(?P<dir>ago|earlier|later|from\s+now)\b", _I)),
    ("duration", re.compile(
        rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<rel>the\s+(?:past|last|next|first|previous|"
        r"coming|following|final|remaining|initial|latest|same)|(?:the\s+)?(?:past|last|next|"
        r"first|previous|coming|following|recent)|the|another|an\s+additional|an\s+extra)\s+)?"
        rf"(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})(?P<plural>s)?(?P<half>\s+and\s+a\s+half)?"
        r"(?:-long)?\b(?![\s-]+old\b|-)", _I)),
    ("vague_duration", re.compile(
        r"\b(?:(?P<rel>the\s+(?:past|last|next|coming|following)|recent|coming|past|the)\s+)?"
        r"(?P<unit>second|minute|hour|day|week|month|year|decade|centurie)s\b"
        r"(?:-long)?(?!-|\s+(?:old|of\s+age)\b)", _I)),
    ("set", re.compile(
        r"\b(?:(?P<quant>every|each|per)\s+(?:(?P<num>other|two|three|four|five|six|\d+)\s+)?"
        rf"(?P<unit>{UNIT}|{WEEKDAY}|{POD}|summer|winter|spring|autumn|{MONTH_FULL})s?|"
        r"(?P<adv>hourly|daily|nightly|weekly|monthly|annually|yearly|biannually|"
        r"biennially|semiannually|fortnightly))\b", _I)),
    ("holiday", re.compile(
        r"\b(?P<name>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?|"
        r"Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween|Valentine's\s+Day|"
        r"Labou?r\s+Day|Memorial\s+Day|Boxing\s+Day|May\s+Day|Victory\s+Day)"
        rf"(?:\s+{_YEAR})?")),
    ("the_year", re.compile(r"\bthe\s+(?:(?:full|fiscal|calendar|entire|whole)\s+)?year\b"
                            r"(?![\s-]+(?:\d|two|old|before|after|earlier|ago|in\s+review))", _I)),
    ("year_earlier", re.compile(r"\b(?:year-earlier|year-ago|prior-year|year-before)\b", _I)),
    ("ref", re.compile(
        r"\b(?P<word>now|right\s+now|currently|nowadays|these\s+days|at\s+present|presently|"
        r"at\s+the\s+moment|the\s+present|recently|lately|the\s+past|in\s+recent\s+times|"
        r"the\s+(?:near\s+|distant\s+)?future|current)\b", _I)),
]

# Speed: a rule's full regex starts with optional words ("the end of", "more than"), which
# makes the regex engine try it at every position. Each rule therefore has a "core": a
# regex over the lowercased text that starts with literal words or a character set (the
# engine scans for those in C), and the full rule runs only in small windows around core
# hits. A core must occur in every match of its rule.
_MONTH_CORE = "|".join(f"{w}(?<![a-z]{w})" for w in (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
_UNIT_CORE = "second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur"
def _word_start(alternation: str) -> str:
    """Each alternative must start a word: the check comes after the literal (a lookbehind
    over it), so the regex still starts with literals and keeps the engine's fast scan."""
    parts = [w for w in alternation.split("|") if w]
    if any(not re.fullmatch(r"[a-z' -]+", w) for w in parts):
        return alternation  # regex syntax inside: keep as is
    return "|".join(f"{w}(?<![a-z]{w})" for w in parts)


CORES: dict[str, re.Pattern[str]] = {name: re.compile(_word_start(core)) for name, core in {
    "iso": r"[12][0-9]{3}-[01]", "slash": r"[0-9]/[0-9]", "month_day": _MONTH_CORE,
    "day_month": _MONTH_CORE, "ordinal_day": _MONTH_CORE, "month_year": _MONTH_CORE, "month": _MONTH_CORE,
    "month_rel_year": _MONTH_CORE, "year": r"[12][0-9]{3}",
    "year_words": r"nineteen|eighteen|twenty|two thousand", "year_quarter": "quarter",
    "decade": r"[0-9]0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|"
              r"nineties",
    "century": "centur", "quarter": "quarter", "quarter_q": r"q[1-4]", "half": "half",
    "quarter_rel": "quarter|period",
    "rel_unit": r"(?:this|that|last|next|past|coming|previous|following|current|latest|"
                r"recent|upcoming|same|the)\s+(?:fiscal\s+)?(?:year|month|week|quarter|decade|"
                r"season)",
    "weekend": "weekend", "season": "spring|summer|fall|autumn|winter",
    "deictic": "today|tomorrow|yesterday|tonight",
    "this_pod": "morning|afternoon|evening|night",
    "weekday": "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "clock": r"[0-9][ .:]*[ap]\.?\s?m|[0-9]:[0-5][0-9]|noon|midnight|midday",
    "ago": "ago|earlier|later|from now|hence", "vague_ago": "ago|earlier|later|from now",
    "duration": rf"(?:[0-9]|an?|{WORD_NUMBER}|several|few|many|some|couple of|number of|"
                rf"numerous)[\s-]+(?:and\s+a\s+half\s+)?(?:{_UNIT_CORE})",
    "vague_duration": _UNIT_CORE,
    "set": "every|each|per|hourly|daily|nightly|weekly|monthly|annually|yearly|biannually|"
           "biennially|semiannually|fortnightly",
    "holiday": "christmas|new year|thanksgiving|independence|halloween|valentine|labo|"
               "memorial|boxing|may day|victory",
    "the_year": "year", "year_earlier": "year-|prior-year",
    "ref": "now|current|present|recent|lately|past|future|these days|at the moment",
}.items()}
# Characters a window reaches before and after a core hit (longer than any prefix/suffix).
WINDOW_BEFORE, WINDOW_AFTER = 50, 40

WORD_NUMBERS = {**_UNITS_WORDS, **_TENS_WORDS}


def parse_number(text: str) -> int | float | None:
    """'two' -> 2, 'twenty-five' -> 25, '3' -> 3, 'a' -> 1; vague counts -> None."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.endswith(" 1/2"):
        whole = parse_number(t[:-4])
        return None if whole is None else whole + 0.5
    if t in ("a", "an", "one"):
        return 1
    if t in VAGUE_COUNTS or t.replace(" ", "") in ("acoupleof", "coupleof"):
        return 2 if "couple" in t else None
    if t in ("a hundred", "hundred"):
        return 100
    try:
        value = float(t)
        return int(value) if value.is_integer() else value
    except ValueError:
        pass
    total = 0
    for part in t.split():
        if part not in WORD_NUMBERS:
            return None
        total += WORD_NUMBERS[part]
    return total or None
