"""Metadata from text: publication dates in datelines, and a light language detector.

Dates are only taken from lines that *are* datelines (a date with optional weekday, time,
zone and "Published/Updated" words) or from metadata fields; a date mentioned inside a
sentence is an event date, not the publication date, so it is never used. When nothing is
found the date stays None: it is never invented.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

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
# Stopword profiles: the most frequent function words of each language. Enough to tell
# news languages apart on a paragraph or more, with no model to download.
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in a is that for on was with he it as by at from his said be "
              "have has are this an not but which will were their they who been would its",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
              "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch",
        "fr": "de la le et les des en un une du est pour que dans qui par sur au pas plus il "
              "sont avec ce a été ne se aux elle ont cette mais ses son",
        "es": "de la que el en y los del se las por un para con una no es su al lo como más "
              "pero sus le ha fue este ya entre cuando muy sin sobre también",
        "it": "di e il la che in a per un del è non una le con i da sono alla della si gli "
              "al ha nel anche più dei come ma ci lo questo sul delle",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como "
              "mas foi ao ele das tem à seu sua ou ser quando muito",
        "nl": "de en van het een in is dat op te zijn met voor niet aan er om ook als door "
              "maar bij nog wordt heeft naar uit dan werd over hij",
        "ru": "и в не на что с по он как это из а к у за от то о же для было так его но "
              "она бы уже только или был при",
        "pl": "i w na z się nie do to że jest o jak po ale co od za przez jego tak dla są "
              "już może był czy tym jej oraz",
        "sv": "och i att det som en på är av för med till den har de inte om ett han men "
              "var jag sig från vi så kan man när",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en ama olan sonra kadar her "
              "ise değil ya ne var olan yeni şu",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke juga ada "
              "oleh karena bisa telah kami mereka",
    }.items()
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# Inverted index, so scoring is one dictionary lookup per token.
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)


def detect_language(text: str, *, min_hits: int = 3) -> str | None:
    """ISO 639-1 code of the best-matching stopword profile, or None when unsure."""
    sample = text[:2500]
    script = _script_language(sample)
    if script:
        return script
    tokens = [t.lower() for t in _TOKEN.findall(sample)]
    if not tokens:
        return None
    scores = dict.fromkeys(_STOPWORDS, 0)
    for token in tokens:
        for lang in _LANGS_OF.get(token, ()):
            scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < min_hits:
        return None
    return best


def _script_language(sample: str) -> str | None:
    """Chinese/Japanese/Korean have no spaces between words; their scripts tell them apart."""
    kana = len(re.findall(r"[\u3040-\u30ff]", sample))
    hangul = len(re.findall(r"[\uac00-\ud7af]", sample))
    han = len(re.findall(r"[\u4e00-\u9fff]", sample))
    if max(kana, hangul, han) < max(20, len(sample) // 10):
        return None
    if kana:
        return "ja"
    return "ko" if hangul > han else "zh"
