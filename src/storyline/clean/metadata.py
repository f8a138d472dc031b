"""Metadata from text: publication dates in datelines, and the language (py3langid).

Dates are only taken from lines that *are* datelines (a date with optional weekday, time,
zone and "Published/Updated" words) or from metadata fields; a date mentioned inside a
sentence is an event date, not the publication date, so it is never used. When nothing is
found the date stays None: it is never invented.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

from ..lexicon import MONTHS

_MONTHS = {w: n for w, n in MONTHS.items() if len(w) <= 4}  # jan..dec, sept
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# German, French, Spanish, Italian, Dutch and Portuguese month names (day-first datelines).
_FOREIGN_MONTHS = {
    name: i + 1
    for names in (
        "januar februar märz april mai juni juli august september oktober november dezember",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    )
    for i, name in enumerate(names.split())
}
_FMON = "(?P<fmon>" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ][\d:.+Z-]*)?"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<day>[0-3]?\d)\.?\s+(?:de\s+)?{_FMON}\s+(?:de\s+)?{_YEAR}\b", re.I),
    # Day-first numeric dates only when unambiguous (day > 12), else we would guess.
    re.compile(r"\b(?P<day>1[3-9]|2\d|3[01])[./](?P<month>0?[1-9]|1[0-2])[./](?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(?:19|20)\d\d)\b"),
]
# What may surround a date on a dateline without making it a sentence.
_DATELINE_REST = re.compile(
    r"^(?:\W|\d{1,2}[:.]\d\d(?::\d\d)?|[ap]\.?m\.?|utc|gmt|bst|cest?|cet|[ecmp][sd]t|msk|ist|"
    r"jst|aest|hkt|z|published|updated|posted|last|first|modified|on|at|date|mon|tue|wed|thu|"
    r"fri|sat|sun|\w+day|hrs?|uhr|um|am|le|el|il|op|em|de|du|h|"
    r"veröffentlicht|aktualisiert|publié|mis\s+à\s+jour|publicado|actualizado|pubblicato|"
    r"aggiornato|gepubliceerd|bijgewerkt|\s)*$",
    re.I,
)


def _month(groups: dict[str, str | None]) -> int:
    if groups.get("month"):
        return int(groups["month"] or 0)
    if groups.get("fmon"):
        return _FOREIGN_MONTHS[(groups["fmon"] or "").lower()]
    name = (groups.get("mon") or "").lower().rstrip(".")
    return _MONTHS[name[:4] if name.startswith("sept") else name[:3]]


def _match_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        return date(int(groups["year"]), _month(groups), int(groups["day"])).isoformat()
    except (ValueError, KeyError):
        return None


def find_date_text(line: str, *, whole: bool = False) -> str | None:
    """The date string in ``line``; with ``whole``, only if the line is just a dateline."""
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if not match or _match_iso(match) is None:
            continue
        if whole and not _DATELINE_REST.match(line[: match.start()] + " " + line[match.end():]):
            continue
        return match.group(0)
    return None


def parse_date(value: str | None) -> str | None:
    """Normalize a date string from metadata or a dateline to ISO ``YYYY-MM-DD`` (or None)."""
    if not value:
        return None
    value = value.strip()
    for pattern in _PATTERNS:
        match = pattern.search(value)
        if match:
            iso = _match_iso(match)
            if iso:
                return iso
    try:  # RFC 2822, as in feeds and HTTP headers
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- language ----------------------------------------------------------------------------
# py3langid (trafilatura's own choice): a naive Bayes model over byte n-grams for 97
# languages, shipped inside the package (nothing downloaded). Loaded once per process.
MIN_LETTERS = 20  # fewer letters than this say nothing reliable about the language
MIN_PROBABILITY = 0.5
SAMPLE_CHARS = 600  # the lead decides; classifying costs ~1 ms per 1,000 chars


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = MODEL_DIR / MODEL_FILE
    cached = _uncompressed_model(model)
    if cached is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = cached
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _uncompressed_model(model: Any) -> tuple[Any, ...] | None:
    """py3langid's model read from an uncompressed copy in the cache folder: unpacking
    the shipped .xz took ~0.45 CPU-s in every process that detects a language. None when
    the cache is off or unusable (the caller reads the shipped file)."""
    from importlib.metadata import version

    import numpy as np
    from py3langid.modelio import _to_array

    from ..disk_cache import cache_dir, file_key, write_atomic

    folder = cache_dir()
    try:
        if folder is None:
            return None
        path = folder / f"langid-{file_key(version('py3langid'), files=(str(model),))}.npz"
        if not path.is_file():
            import lzma
            import shutil

            def unpack(out: Any) -> None:
                with lzma.open(model) as src:
                    shutil.copyfileobj(src, out, length=1 << 20)

            if not write_atomic(path, unpack):
                return None
        with np.load(path, allow_pickle=False) as data:
            return (np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                    _to_array(data["nextmove"]), _to_array(data["nextmove_row"]),
                    data["out_feat"].tolist())
    except (OSError, ValueError, KeyError, LookupError):
        return None  # an unreadable cache entry or another model layout


# A cheap first test for the common case, English: classifying costs ~0.4 ms per article
# (a fifth of cleaning a page), counting these words a few microseconds. Only
# words no other language of py3langid's writes as often (not "a", "in", "to", "die", "was",
# "for", "by", "at", "an", "will": Romance, German, Dutch, Nordic or Slavic words).
_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "that", "with", "from", "his", "her", "she", "said", "has", "have",
    "are", "were", "this", "which", "not", "but", "its", "had", "been", "their", "they", "who",
    "would", "after", "also", "more", "about", "than", "there", "when", "you", "into", "over",
    "our", "we", "what", "could", "should", "these", "those", "because", "while", "where",
    "some", "other", "them", "only", "such", "being"})
_WORD = re.compile(r"[^\W\d_]+")
ENGLISH_MIN_WORDS = 40  # a shorter sample goes to the classifier
ENGLISH_MIN_SHARE = 0.1  # English news: 0.2 of words (0.13 at the 5th percentile); others: < 0.04
ENGLISH_MIN_THE = 0.02  # and "the" at least this often (0.06 in English news; 0.02 at p5)


def _clearly_english(sample: str) -> bool:
    """True when ``sample`` is plainly English prose: many English-only function words, "the"
    among them, and (almost) only ASCII letters. When False, the classifier decides."""
    words = _WORD.findall(sample.lower())
    if len(words) < ENGLISH_MIN_WORDS or not sample.isascii() and sum(
            not w.isascii() for w in words) > len(words) // 50:
        return False
    common = sum(w in _ENGLISH_WORDS for w in words)
    return (common >= ENGLISH_MIN_SHARE * len(words)
            and words.count("the") >= ENGLISH_MIN_THE * len(words))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure (too little text, or no
    language reaches ``MIN_PROBABILITY``)."""
    sample = text[:SAMPLE_CHARS]
    if _clearly_english(sample):
        return "en"
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= MIN_PROBABILITY else None


# --- datelines inside the text (document date inference) ----------------------------------
# "Updated 4/11/2007 1:26 PM", "Story Created: Aug 7, 2012 at 9:56 AM AKDT", "07 June 2013":
# lines near the top that carry a full date, parsed by dateparser (no new date regexes).
# The strict dateline reader above sets ``published``; these looser lines only feed the
# inferred document date, which never replaces a real publication date.
_DATELINE_CUES = frozenset({"updated", "posted", "published", "created", "date", "modified",
                            "dated", "filed", "last"})
HEAD_LINES = 8  # non-empty lines at the top that may hold a dateline
_MAX_OTHER_WORDS = 4  # a line with more words around its date is a sentence, not a dateline


def url_date(url: str | None) -> str | None:
    """The date a news URL carries ("/2013/05/03/", "/2013/may/03/"): htmldate's URL rule,
    then dateparser on the path words (year, month and day all required)."""
    if not url or "/" not in url:
        return None
    from datetime import datetime

    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    latest = datetime(date.today().year + 1, 1, 1)
    found = extract_url_date(url, Extractor(False, latest, datetime(1995, 1, 1), True,
                                            "%Y-%m-%d"))
    if found:
        return found
    words = " ".join(re.split(r"[/_?=&.#-]+", url.split("://", 1)[-1])[1:])
    hit = _search(words, {"DATE_ORDER": "YMD"})
    return hit[0] if hit and re.search(r"\b(?:19|20)\d\d\b", hit[1]) else None


def _search(line: str, extra: dict[str, str] | None = None) -> tuple[str, str] | None:
    """First full date (day, month and year) dateparser finds in ``line``."""
    from dateparser.search import search_dates

    try:
        found = search_dates(line, languages=["en"], settings={
            "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            # "10 years ago, in 2015" is relative to today, not a date the page states.
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"], **(extra or {})})
    except (ValueError, OverflowError, TypeError):
        return None
    for matched, when in found or []:
        if 1900 <= when.year <= date.today().year + 1:
            return when.date().isoformat(), matched
    return None


@functools.lru_cache(maxsize=1)
def _date_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every word in dateparser's English data and token lists and time-zone table
    (lowercased): a superset of the words a date it finds can contain; and the time-zone
    names written in lowercase (matched as a word's prefix). Read from its files without
    importing it. Empty when the files are not where expected (then nothing is skipped)."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("dateparser")
    if spec is None or spec.origin is None:
        return frozenset(), ()
    root = Path(spec.origin).parent
    words: set[str] = set()
    try:
        for rel in ("data/date_translation_data/en.py", "languages/dictionary.py"):
            words |= set(re.findall(r"[a-z]+", (root / rel).read_text("utf-8").lower()))
        zones = (root / "timezones.py").read_text("utf-8")
    except OSError:
        return frozenset(), ()
    words |= set(re.findall(r"[a-z]+", zones.lower()))
    lowercase_zones = tuple(re.findall(r"\(\s*[\"']([a-z][^\"']*)[\"']\s*,", zones))
    return frozenset(words), lowercase_zones


def _never_a_dateline(line: str, tidy: str) -> bool:
    """True when the dateline test in ``find_dateline`` rejects ``line`` whatever date
    dateparser finds in it, so it need not be asked (its first use costs ~0.2 CPU-s).

    dateparser's match is a run of words of its English dictionary, tokens with digits and
    (capitalized) time-zone names, with the year's digits in it. So a *foreign* token (no
    digit, lowercase, with a word in none of dateparser's files) is never part of a match,
    nor is a token whose stretch between foreign tokens has no digit: both stay in the line
    after the date is cut out. A full date needs a stretch with digits; a cue word counts
    only among the first three words left; and 5 words left (2 in a sentence) reject it.
    """
    vocab, zones = _date_words()
    if not vocab:
        return False
    tokens = tidy.replace(":", " ").split()
    foreign = [t[:1].islower() and t.isascii() and not any(c.isdigit() for c in t)
               and not t.startswith(zones) and any(w not in vocab for w in re.findall("[a-z]+", t))
               for t in tokens]
    stays = list(foreign)  # tokens surely left after the date is cut out
    has_digits = False
    i = 0
    while i < len(tokens):
        if foreign[i]:
            i += 1
            continue
        j = i
        while j < len(tokens) and not foreign[j]:
            j += 1
        if any(c.isdigit() for t in tokens[i:j] for c in t):
            has_digits = True
        else:
            stays[i:j] = [True] * (j - i)
        i = j
    if not has_digits:
        return True  # no year: dateparser finds no full date
    left = 0  # sure words before the current token
    for t, sure in zip(tokens, stays, strict=True):
        if left < 3 and any(cue in t.lower() for cue in _DATELINE_CUES):
            return False  # a cue may be among the first three words left
        left += sure and any(c.isalpha() for c in t)
    return left >= 5 or (line.rstrip().endswith(".") and left >= 2)


def find_dateline(text: str, url: str | None = None) -> tuple[str, str] | None:
    """(ISO date, matched text) from the article's URL or the first dateline-like line near
    the top (a URL line included), or None."""
    if found := url_date(url):
        return found, url or ""
    lines = [ln.strip() for ln in text[:1500].splitlines() if ln.strip()][:HEAD_LINES]
    for line in lines:
        if line.lower().startswith(("http://", "https://", "www.")):
            if found := url_date(line.split()[0]):
                return found, line.split()[0]
            continue
        if len(line) > 160 or not any(c.isdigit() for c in line):
            continue
        # "Fri., May. 3, 2013 11: 45 AM" (tokenized text): dots after words and spaced
        # colons confuse the parser.
        tidy = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", re.sub(r"(?<=[A-Za-z])\.", "", line))
        if _never_a_dateline(line, tidy):
            continue  # whatever date dateparser found, the test below would reject the line
        hit = _search(tidy)
        if hit is None:
            continue
        rest = tidy.replace(hit[1], " ").lower().replace(":", " ").split()
        words = [w.strip(",;") for w in rest if any(c.isalpha() for c in w)]
        cued = bool(_DATELINE_CUES & set(words[:3]))
        sentence = line.rstrip().endswith(".") and len(words) > 1
        if cued or (len(words) <= _MAX_OTHER_WORDS and not sentence):
            return hit
    return None
