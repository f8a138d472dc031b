"""Stage "numbers": counts, money, percents, ordinals and measures, with what they count.

Numbers are found on tokens rather than on spaCy's CARDINAL/MONEY entities, whose spans the
small model often gets wrong ("52.3 per cent" as MONEY, "1.2m" split). A number is a run
of number tokens (digits, number words, scale words such as "billion" or "bn") with an
optional currency sign before it and an optional unit after it; the words just before it
give ``approx`` ("more than", "nearly"), and the dependency parse gives what it counts:

* the noun it modifies and that noun's modifiers: "200 military aircraft";
* through a partitive: "500 pieces of military equipment", "45 percent of voters";
* for money, the thing it is "in"/"of": "$245 billion in bilateral trade";
* for an elliptical number, the noun it is "among": "the highest-ranking foreign leader
  among nearly 30 present" -> "foreign leaders".

Years, dates and times belong to the temporal stage: tokens inside spaCy DATE/TIME entities
and bare years (1800-2100) are skipped.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Options
from ..lexicon import (
    ADDITIVE_WORDS,
    APPROXIMATORS,
    ORDINAL_WORDS,
    SCALES,
    WINDOW_WORDS,
    WORD_NUMBERS,
)
from ..model import Article, Number
from ..pipeline import registry

CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
                  "₹": "INR", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "₩": "KRW", "₺": "TRY"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                  "pound": "GBP", "pounds": "GBP", "yuan": "CNY", "renminbi": "CNY",
                  "yen": "JPY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB",
                  "roubles": "RUB", "rupee": "INR", "rupees": "INR", "won": "KRW",
                  "francs": "CHF", "hryvnia": "UAH", "hryvnias": "UAH", "cents": "USD",
                  "cent": "USD"}
DOLLAR_COUNTRIES = {"canadian": "CAD", "australian": "AUD", "us": "USD", "u.s.": "USD",
                    "american": "USD", "singapore": "SGD", "taiwan": "TWD", "zealand": "NZD",
                    "kong": "HKD", "jamaican": "JMD", "namibian": "NAD"}
MEASURE_UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "tonne": "t", "tonnes": "t", "ton": "t",
    "tons": "t", "barrel": "barrels", "barrels": "barrels", "litre": "l", "litres": "l",
    "liter": "l", "liters": "l", "inch": "in", "inches": "in", "foot": "ft", "feet": "ft",
    "acre": "acres", "acres": "acres", "hectare": "ha", "hectares": "ha", "degree": "deg",
    "degrees": "deg", "mph": "mph", "mw": "MW", "megawatts": "MW", "gw": "GW",
    "gigawatts": "GW", "cm": "cm", "mm": "mm", "lb": "lb", "lbs": "lb", "pounds-weight": "lb",
    "gallons": "gal", "gallon": "gal", "bpd": "bpd",
}
PERCENT_WORDS = {"%", "percent", "pct"}
PARTITIVES = {"pieces", "piece", "units", "unit", "items", "rounds", "sets", "pairs", "head",
              "kinds", "types", "cases", "batches", "tranches", "percent", "%", "cent",
              "per", "dozens", "hundreds", "thousands", "millions", "bags", "boxes"}
# Nouns that count without a plural form: "200 military aircraft", "12,000 personnel".
INVARIANT = {"aircraft", "personnel", "people", "police", "staff", "cattle", "sheep", "fish",
             "deer", "equipment", "livestock", "offspring", "troops", "crew", "series",
             "spacecraft", "hovercraft", "artillery", "ammunition", "infantry", "data",
             "percent", "head"}
APPROX = tuple(APPROXIMATORS)  # the ledger reads the same table for the bounds
_APPROX_SORTED = sorted(APPROX, key=len, reverse=True)
_DIGITS = re.compile(r"^(?P<sign>[$€£¥₽₹₩₺]|[A-Za-z]{1,2}\$)?(?P<num>\d[\d,]*(?:\.\d+)?)"
                     r"(?P<suffix>k|m|mn|bn|b|tn|trn|%|st|nd|rd|th)?$", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
SKIP_ENTS = {"DATE", "TIME"}
TIME_WORDS = {"am", "pm", "gmt", "utc", "est", "edt", "pst", "pdt", "bst", "cet", "cest",
              "et", "pt", "hrs", "oclock", "o'clock"}


def word_value(word: str) -> float | None:
    """Value of a number word, including hyphenated ones ("twenty-five")."""
    w = word.lower()
    if w in WORD_NUMBERS:
        return float(WORD_NUMBERS[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in WORD_NUMBERS and parts[1] in WORD_NUMBERS:
            if parts[1] == "dozen":  # "two-dozen" is 24, "twenty-five" is 25
                return float(WORD_NUMBERS[parts[0]] * 12)
            return float(WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]])
    return None


TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour",
              "hours", "minute", "minutes", "second", "seconds", "decade", "decades",
              "century", "centuries", "night", "nights", "weekend", "weekends", "quarter",
              "quarters", "term", "terms", "season", "seasons"}


def _is_number_token(tok: Any) -> bool:
    if tok.ent_type_ in SKIP_ENTS and not _count_in_date(tok):
        return False
    text = tok.text
    if _DIGITS.match(text):
        return True
    return tok.pos_ == "NUM" and word_value(text) is not None


def _count_in_date(tok: Any) -> bool:
    """The model tags "between 40 and 50 people" DATE; a count of non-time things is not."""
    head = tok.head
    return (tok.dep_ == "nummod" and head.tag_ == "NNS" and head.lower_ not in TIME_UNITS
            and head.ent_type_ not in SKIP_ENTS and not _YEAR.match(tok.text))


def _is_scale(tok: Any) -> bool:
    return tok.lower_ in SCALES and (tok.lower_ not in {"m", "b", "k"} or
                                     tok.idx == tok.nbor(-1).idx + len(tok.nbor(-1).text))


def _parse_value(tokens: list[Any]) -> tuple[float, str | None, str | None] | None:
    """(value, currency code, suffix) of a run of number tokens."""
    total, current, currency, suffix = 0.0, 0.0, None, None
    seen = False
    for tok in tokens:
        low = tok.lower_
        m = _DIGITS.match(tok.text)
        if m:
            current += float(m.group("num").replace(",", ""))
            if m.group("sign"):
                currency = CURRENCY_SIGNS.get(m.group("sign").lower())
            sfx = (m.group("suffix") or "").lower()
            if sfx in SCALES:
                current *= SCALES[sfx]
            elif sfx:
                suffix = sfx
            seen = True
        elif low in SCALES:
            if low == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * SCALES[low]
                current = 0.0
            seen = True
        elif low in ("dozen", "dozens") and seen:
            current *= 12  # "two dozen", "two-dozen"
        elif (v := word_value(low)) is not None:
            current += v
            seen = True
        elif low in CURRENCY_SIGNS:
            currency = CURRENCY_SIGNS[low]
    return (total + current, currency, suffix) if seen else None


def _approx(doc: Any, first: int) -> tuple[str | None, int]:
    """The hedge before a number ("more than") and the index where it starts."""
    before = doc[max(0, first - 4):first].text.lower()
    for phrase in _APPROX_SORTED:
        if before.endswith(phrase) and (len(before) == len(phrase)
                                        or not before[-len(phrase) - 1].isalnum()):
            return phrase, first - len(phrase.split())
    return None, first


def _noun_phrase(doc: Any, noun: Any, after: int) -> str:
    """The noun with its modifiers that come after index ``after`` ("military aircraft")."""
    start = noun.i
    while start - 1 > after and doc[start - 1].dep_ in {"amod", "compound", "nmod"} and \
            doc[start - 1].head.i >= start - 1 and doc[start - 1].pos_ in {"ADJ", "NOUN",
                                                                           "PROPN"}:
        start -= 1
    return doc[start:noun.i + 1].text


def _of_object(tok: Any) -> Any | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                    return obj
    return None


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es" if not word.endswith("s") else word
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def _elliptical(doc: Any, head: Any) -> str | None:
    """"foreign leader among nearly 30 present" -> "foreign leaders"."""
    node = head
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in {"among", "of", "from"} and \
                node.head.head.pos_ == "NOUN":
            noun = node.head.head
            phrase = _noun_phrase(doc, noun, -1).split()
            phrase = [w for w in phrase if w.isalpha() and w.islower()] or [noun.text]
            if node.head.lower_ != "of":
                phrase[-1] = _plural(phrase[-1])  # members of a group: "among 30" leaders
            # "a magnitude of 5.9", "a population of 120,000": the value of that noun.
            return " ".join(phrase)
        if node.head is node:
            break
        node = node.head
    return None


def _counts(doc: Any, last: int, value: float, kind: str) -> str | None:
    """What a number counts, from the parse around its last token."""
    tok = doc[last]
    # The noun right after (possibly behind adjectives) that the number modifies.
    head = tok.head if tok.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} else tok
    if kind in {"money", "percent", "measure"} or head.lower_ in PARTITIVES:
        anchor = head if head.i > last or head is tok else tok
        obj = _of_object(anchor) or _of_object(tok)
        if obj is not None:
            return _noun_phrase(doc, obj, obj.i - 4)
        if kind == "money" and head.i > last and head.pos_ == "NOUN":
            return _noun_phrase(doc, head, last)  # "a $6 billion bridge loan"
        return None
    if head.i > last and head.pos_ in {"NOUN", "PROPN"}:
        # Only a singular common noun is suspicious ("30 present"); names are often
        # mis-tagged singular ("2 million Rwanda Hutus").
        singular = head.tag_ == "NN" and head.lower_ not in INVARIANT
        if kind == "count" and value != 1 and singular:
            return _elliptical(doc, head) or _noun_phrase(doc, head, last)
        return _noun_phrase(doc, head, last)
    obj = _of_object(tok)
    if obj is not None:
        return _noun_phrase(doc, obj, obj.i - 4)
    # A mis-parse ("1.2m children", "of about 2 million Rwanda Hutus"): a plural noun
    # within three tokens after the number, behind adjectives or names only.
    for j in range(last + 1, min(last + 4, len(doc))):
        if doc[j].tag_ in {"NNS", "NNPS"}:
            return doc[last + 1:j + 1].text
        if doc[j].pos_ not in {"ADJ", "PROPN", "NOUN"}:
            break
    return _elliptical(doc, tok)


_NOUN_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod"}
_CLIMB_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "prep", "agent", "npadvmod",
               "appos", "conj", "oprd", "dative"}


def _counted_token(doc: Any, last: int) -> Any:
    """The noun a number counts ("four people"), or the number itself when it stands alone."""
    tok = doc[last]
    if tok.dep_ in _NOUN_DEPS and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i > last:
        return tok.head
    return tok


_PERSONAL = {"he", "she", "his", "her", "him"}


def _name_of(tok: Any) -> str | None:
    """A proper-name subject or possessor as written ("Wladimir Klitschko"), a personal
    pronoun as written ("he"), else None."""
    if tok.lower_ in _PERSONAL:
        return tok.lower_  # resolved to the person it refers to by the ledger
    if tok.pos_ != "PROPN":
        return None
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
    return " ".join(t.text for t in words) or None


def _frame(doc: Any, first: int, last: int) -> tuple[str | None, str | None, bool]:
    # ``first`` is where the mention starts, after any approximator ("more than 12,000").
    """(predicate lemma, holder, additive) of a number: what the counted thing does or
    undergoes ("killed four people" -> kill, "12 people were injured" -> injure), whose
    figure it is (subject or possessor), and whether it is an increment ("two more")."""
    noun = _counted_token(doc, last)
    window = {t.lower_ for t in doc[max(0, first - 2):first]}
    after = doc[last + 1].lower_ if last + 1 < len(doc) else ""
    additive = bool(window & (ADDITIVE_WORDS | WINDOW_WORDS)) or after in ADDITIVE_WORDS or \
        any(c.lower_ in ADDITIVE_WORDS for c in noun.children
            if c.dep_ in {"amod", "det", "advmod"})
    holder = next((_name_of(c) for c in noun.children if c.dep_ == "poss"), None)
    predicate = next((c.lemma_.lower() for c in noun.children  # "people killed"
                      if c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "ADJ"}), None)
    node = noun
    for _ in range(6):  # the governing verb: predicate (unless an acl gave one) and subject
        head = node.head
        if head is node or node.dep_ not in _CLIMB_DEPS:
            break
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}
                         and c is not node), None)
            if holder is None and subj is not None:
                holder = _name_of(subj)
            return predicate or head.lemma_.lower(), holder, additive
        node = head
    return predicate, holder, additive


def _span_end(doc: Any, i: int) -> int:
    """Extend a number run: more number tokens, scale words, "and" inside word numbers."""
    j = i
    while j + 1 < len(doc):
        nxt = doc[j + 1]
        if _is_number_token(nxt) and not nxt.text[0].isdigit() or _is_scale(nxt):
            j += 1
        elif nxt.text == "-" and j + 2 < len(doc) and word_value(doc[j].text) and \
                word_value(doc[j + 2].text):
            j += 2  # "twenty-five" is three tokens
        elif nxt.lower_ == "and" and j + 2 < len(doc) and word_value(doc[j + 2].text) and \
                doc[j].lower_ in SCALES:
            j += 2
        else:
            break
    return j


def _kind_and_unit(doc: Any, first: int, last: int, currency: str | None,
                   suffix: str | None) -> tuple[str, str | None, int]:
    """Kind, unit and the (possibly extended) last token of the mention."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    low = nxt.lower_ if nxt is not None else ""
    if suffix == "%":
        return "percent", "%", last
    if suffix in {"st", "nd", "rd", "th"}:
        return "ordinal", None, last
    if currency:
        return "money", currency, last
    if low in CURRENCY_WORDS and not (low == "cent" and doc[last].lower_ == "per"):
        return "money", CURRENCY_WORDS[low], last + 1
    after = doc[last + 2].lower_ if last + 2 < len(doc) else ""
    if after in CURRENCY_WORDS and nxt is not None and nxt.pos_ in {"ADJ", "PROPN"}:
        # "137.8 million Canadian dollars", "18 Canadian cents"
        code = DOLLAR_COUNTRIES.get(low) if after.startswith(("dollar", "cent")) else None
        return "money", code or CURRENCY_WORDS[after], last + 2
    if low in PERCENT_WORDS:
        return "percent", "%", last + 1
    if low == "per" and last + 2 < len(doc) and doc[last + 2].lower_ == "cent":
        return "percent", "%", last + 2
    if low in {"square", "cubic"} and last + 2 < len(doc) and \
            doc[last + 2].lower_ in MEASURE_UNITS:
        power = "2" if low == "square" else "3"
        return "measure", MEASURE_UNITS[doc[last + 2].lower_] + power, last + 2
    if low in MEASURE_UNITS and nxt is not None and nxt.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return "measure", MEASURE_UNITS[low], last + 1
    return "count", None, last


def _skip(doc: Any, first: int, last: int, value: float) -> bool:
    tok = doc[first]
    if first == last and _YEAR.match(tok.text):
        head = tok.head
        # "1945 soldiers" counts; "in 2024" is a year.
        return not (tok.dep_ == "nummod" and head.tag_ == "NNS")
    # Part of a name ("Boeing 737", "G7") or an identifier.
    if tok.ent_type_ in {"PRODUCT", "ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT"}:
        return True
    prev = doc[first - 1] if first > 0 else None
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.lower_.replace(".", "") in TIME_WORDS:
        return True  # "8 p.m.", "10 GMT": a time
    if _glued(doc, first - 1, first - 2, before=True) or _glued(doc, last + 1, last + 2):
        return True  # "17-14", "2/3/2009", "5:59": a score, range, date or time
    return prev is not None and prev.text in {"#", "No", "no.", "No."} and value >= 1


def _glued(doc: Any, sep: int, other: int, before: bool = False) -> bool:
    """A separator token with no spaces between two numbers ("17-14", "2/3")."""
    if not (0 <= sep < len(doc) and 0 <= other < len(doc)):
        return False
    if doc[sep].text not in {"-", "–", "/", ":"}:
        return False
    left, right = (doc[other], doc[sep]) if before else (doc[sep], doc[other])
    no_space = not left.whitespace_ and not (doc[sep - 1] if not before else doc[sep]).whitespace_
    return no_space and (doc[other].like_num or doc[other].is_digit)


def _ordinal_word(doc: Any, tok: Any) -> Number | None:
    value = ORDINAL_WORDS.get(tok.lower_)
    if value is None or tok.ent_type_ in SKIP_ENTS or tok.pos_ not in {"ADJ", "NUM", "ADV"}:
        return None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # "Second World War" is a name; "a third of" is a fraction; "at first" is an adverb.
    if tok.text[0].isupper() and not tok.is_sent_start and nxt is not None and \
            nxt.pos_ == "PROPN":
        return None
    if prev is not None and prev.lower_ in {"a", "one", "two", "at"} or tok.pos_ == "ADV":
        return None
    if nxt is None or nxt.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return None
    counts = _noun_phrase(doc, tok.head, tok.i) if tok.head.i > tok.i else None
    return Number(tok.idx, tok.idx + len(tok.text), tok.text, float(value), None, counts,
                  "ordinal", None)


def extract_numbers(doc: Any) -> list[Number]:
    """Numbers of one parsed Doc, in text order."""
    out: list[Number] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not _is_number_token(tok):
            if (num := _ordinal_word(doc, tok)) is not None:
                out.append(num)
            i += 1
            continue
        first = i
        if first > 0 and doc[first - 1].lower_ in CURRENCY_SIGNS:
            first -= 1
        last = _span_end(doc, i)
        i = last + 1
        parsed = _parse_value(list(doc[first:last + 1]))
        if parsed is None:
            continue
        value, currency, suffix = parsed
        if _skip(doc, first, last, value):
            continue
        kind, unit, last = _kind_and_unit(doc, first, last, currency, suffix)
        if kind == "money" and doc[last].lower_ in {"cent", "cents"}:
            value /= 100  # "65 cents": 0.65 of the currency
        i = max(i, last + 1)
        if kind == "count" and value == 1 and tok.lower_ == "one" and tok.dep_ != "nummod":
            continue  # "one of them": a pronoun, not a count
        approx, start_tok = _approx(doc, first)
        counts = _counts(doc, last, value, kind)
        if kind == "count" and counts:
            unit = counts.split()[-1]  # "12,000 troops": the unit is what is counted
        start, end = doc[start_tok].idx, doc[last].idx + len(doc[last].text)
        text = doc[start_tok:last + 1].text  # Span.text: Doc.text would re-join the document
        predicate, holder, additive = _frame(doc, start_tok, last)
        out.append(Number(start, end, text, value, unit, counts, kind, approx, predicate,
                          holder, additive))
    return out


class NumberStage:
    """Callable stage: ``article.numbers`` from the shared spaCy Doc."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def __call__(self, article: Article) -> Article:
        if article.doc is not None:
            article.numbers = extract_numbers(article.doc)
        return article


@registry.stage("numbers", requires=("doc",), assigns=("numbers",))
def make_numbers(options: Options) -> NumberStage:
    """Counts, money, percents, ordinals and measures with what they count."""
    return NumberStage(options)
