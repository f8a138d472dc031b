"""Stage "entities": named-entity mentions with canonical names and roles.

spaCy's entities (from the shared ``article.doc``) are cleaned and linked:

1. Each mention is trimmed: no leading "the", no possessive ("Putin's" -> "Putin"), nothing
   after a possessive ("Xi's May" -> "Xi"), no line breaks, no leading verb ("Welcoming Xi").
2. Titles are moved into ``role``: inside the mention ("President Biden") or just before it
   ("Russian President Vladimir Putin", "Mr Putin's foreign policy adviser Yuri Ushakov"),
   or in an apposition after it ("Yuri Ushakov, the Kremlin's foreign policy adviser").
3. Light fixes for the small model's label errors: a name after an honorific is a PERSON;
   a mention equal to a person's name found elsewhere in the article is that person; known
   person names the model missed are added.
4. Canonical names: people by ``canonical.resolve_people`` within the article, then by
   ``CorpusAliases`` (set by the runner) for surnames never given in full; places and
   organisations by ``canonical.normalize_place_or_org``; demonyms (NORP) kept apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ..config import Options
from ..model import Article, Entity
from ..pipeline import registry
from .canonical import (
    ORG_WORDS,
    PLACE_ORG_ALIASES,
    CorpusAliases,
    is_honorific,
    is_title_word,
    known_places,
    name_tokens,
    norm_word,
    normalize_norp,
    normalize_place_or_org,
    resolve_people,
    squash,
    strip_possessive,
)

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                          "WORK_OF_ART", "LAW", "LANGUAGE"})
# Labels the small model gives to people's names by mistake (never NORP: "Chinese" is no one).
PERSONABLE = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# Photo credits and bylines that NER reads as names.
CREDIT_WORDS = frozenset({"photo", "photos", "pool", "getty", "images", "file", "reuters",
                          "afp", "ap", "epa", "credit", "via", "reporter", "contributor"})
# Lower-case words that belong inside names: "Lula da Silva", "Ursula von der Leyen".
NAME_PARTICLES = frozenset({"da", "de", "di", "do", "dos", "das", "du", "del", "della", "der",
                            "den", "van", "von", "la", "le", "al", "el", "bin", "ibn", "binti",
                            "y", "e", "ter", "ten", "zu", "st"})
COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "sa", "ag", "nv",
                              "gmbh", "spa", "bv", "lp", "llp", "limited", "corporation",
                              "incorporated"})
LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT")
MAX_ROLE_TOKENS = 8


@dataclass
class Mention:
    """A cleaned mention before canonicalization (token indexes into the Doc)."""

    first: int
    last: int  # inclusive
    label: str
    name: str
    role: str | None = None


def _trim(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    """Token range without possessives, punctuation, spaces and leading articles."""
    for i in range(first, last + 1):
        # Possessive: "Xi's May" -> "Xi". Bracket: "Federal Bureau of Investigation (FBI".
        if doc[i].tag_ == "POS" or doc[i].lower_ in {"'s", "’s"} or \
                (doc[i].text in {"(", "["} and i > first):
            last = i - 1
            break
    # A line break inside a mention ("Russia Putin\n") joins two lines: keep the last one.
    for i in range(last, first - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text and i < last:
            first = i + 1
            break
    while first <= last and (doc[first].is_space or doc[first].is_punct
                             or doc[first].lower_ == "the"):
        first += 1
    while last >= first and (doc[last].is_space or (doc[last].is_punct
                                                    and doc[last].text not in {".", ")"})):
        last -= 1
    return (first, last) if first <= last else None


def _person_core(doc: Any, first: int, last: int, places: set[str]) -> tuple[int, int, int]:
    """Split leading titles off a person mention: (title_first, name_first, last)."""
    title_first = first
    while first < last:
        tok = doc[first]
        if is_title_word(tok.text):
            first += 1
        elif tok.tag_ not in {"NNP", "NNPS"} or norm_word(tok.text) in places or \
                (tok.is_sent_start and tok.lower_.endswith("ing")):
            # A verb ("Welcoming Xi") or a caption keyword ("Russia Putin"): not a role.
            first += 1
            title_first = first
        else:
            break
    return title_first, first, last


def _role_before(doc: Any, first: int) -> tuple[int, int] | None:
    """Title tokens just before a name: "Russian President", "General Secretary of the CCP"."""
    i = first - 1
    start = first
    while i >= 0 and first - i <= MAX_ROLE_TOKENS:
        tok = doc[i]
        if tok.text in {"-", "–"} and i > 0 and not doc[i - 1].whitespace_ and start < first:
            i -= 1  # "Secretary-General": the hyphen is a token of its own
            continue
        if tok.is_space or tok.is_punct or tok.tag_ == "POS" or tok.ent_type_ == "PERSON":
            break
        # "President of Russia", "Secretary of the Chinese Communist Party".
        if tok.lower_ in {"of", "the"} and i > 0:
            j = i - 1 if tok.lower_ == "of" else i - 2
            if j >= 0 and (doc[j].lower_ == "of" or is_title_word(doc[j].text)) and \
                    start < first:
                i -= 1
                continue
            break
        if tok.pos_ not in {"PROPN", "NOUN", "ADJ"} and not is_title_word(tok.text):
            break
        if start < first and tok.is_lower and not is_title_word(tok.text) and \
                doc[start].text[:1].isupper():
            break  # "at her church Alaska Gov. Sarah Palin": "church" is not in the title
        start = i
        i -= 1
    if start == first:
        return None
    # Only a title word, or a common noun right before the name ("billionaire"), makes a role:
    # "Kazan Xi Jinping" or "Moscow Putin" are captions, not roles.
    if not (doc[first - 1].tag_ in {"NN", "NNS"} or
            any(is_title_word(doc[k].text) for k in range(start, first))):
        return None
    while start < first and doc[start].lower_ in {"of", "the"}:
        start += 1
    return start, first - 1


def _role_after(doc: Any, last: int, first: int) -> str | None:
    """An apposition after the name: "Yuri Ushakov, Mr Putin's foreign policy adviser,"."""
    root = doc[first:last + 1].root
    for child in root.children:
        if child.dep_ == "appos" and child.i > last and child.ent_type_ != "PERSON":
            sub = list(child.subtree)
            if any(t.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY"} for t in sub):
                continue  # "Playoff Berth, 3:35 pm, December 23": a dateline, not a role
            if len(sub) <= 10 and any(is_title_word(t.text) or t.tag_ == "NN" for t in sub):
                return squash(doc[sub[0].i:sub[-1].i + 1].text)
    return None


def _looks_like_name(doc: Any, first: int, last: int) -> bool:
    """Two or three capitalized proper nouns, none of them an organisation word."""
    toks = doc[first:last + 1]
    return 2 <= len(toks) <= 3 and all(
        t.tag_ == "NNP" and t.text[:1].isupper() and t.lower_ not in ORG_WORDS for t in toks)


def _title_then_name(doc: Any, first: int, last: int) -> int | None:
    """Index of a capitalized title word followed by a person-like name inside a span."""
    for k in range(last - 2, first - 1, -1):
        word = doc[k].text
        if word[:1].isupper() and is_title_word(word) and _looks_like_name(doc, k + 1, last):
            return k
    return None


def _span_text(doc: Any, first: int, last: int) -> str:
    # Span.text, not doc.text: Doc.text re-joins the whole document on every access.
    return squash(doc[first:last + 1].text)


def _mention(doc: Any, ent: Any, places: set[str]) -> Mention | None:
    trimmed = _trim(doc, ent.start, ent.end - 1)
    if trimmed is None:
        return None
    first, last = trimmed
    label = ent.label_
    words = {norm_word(doc[i].text) for i in range(first, last + 1)}
    if words <= CREDIT_WORDS | {"and", "of"} or words & {"photo", "photos", "pool"}:
        return None
    if first == last and is_title_word(doc[first].text):
        return None  # "State" in "Secretary of State", "General": a title, not a name
    before = doc[first - 1] if first > 0 else None
    if label in PERSONABLE and (is_honorific(doc[first].text) or
                                (before is not None and is_honorific(before.text))):
        label = "PERSON"  # "Mr Xi" tagged ORG
    elif label in PERSONABLE and before is not None and _looks_like_name(doc, first, last) \
            and before.text[:1].isupper() and is_title_word(before.text):
        label = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG
    if label in PERSONABLE and (split := _title_then_name(doc, first, last)) is not None:
        # "Carolina Panthers QB Cam Newton" as one ORG: the name after the title is a person.
        name = _span_text(doc, split + 1, last)
        return Mention(split + 1, last, "PERSON", name, _span_text(doc, first, split))
    if label != "PERSON":
        return Mention(first, last, label, _span_text(doc, first, last))
    if not any(doc[i].text[:1].isupper() for i in range(first, last + 1)) or any(
            doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in NAME_PARTICLES
            for i in range(first, last + 1)):
        return None  # "rookie", "Gold Glove - caliber": names are capitalized
    title_first, first, last = _person_core(doc, first, last, places)
    inner = _span_text(doc, title_first, first - 1) if title_first < first else None
    outer = _role_before(doc, title_first)
    parts = [_span_text(doc, *outer)] if outer else []
    parts += [inner] if inner else []
    role = " ".join(parts) or _role_after(doc, last, first)
    return Mention(first, last, "PERSON", strip_possessive(_span_text(doc, first, last)), role)


def _missed_people(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Occurrences of this article's multi-word person names that NER did not tag."""
    names = {tuple(m.name.split()) for m in mentions if m.label == "PERSON" and " " in m.name}
    if not names:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in names:
        by_first[words[0]].append(words)
    found = []
    for tok in doc:
        if tok.ent_type_ or tok.text not in by_first:
            continue
        for words in by_first[tok.text]:
            end = tok.i + len(words)
            if end <= len(doc) and tuple(t.text for t in doc[tok.i:end]) == words and \
                    not any(t.ent_type_ for t in doc[tok.i:end]):
                span = _role_before(doc, tok.i)
                role = _span_text(doc, *span) if span else None
                found.append(Mention(tok.i, end - 1, "PERSON", " ".join(words), role))
    return found


def _acronyms(names: set[str]) -> dict[str, str]:
    """"CCP" -> "Chinese Communist Party" when that full name is in the same article."""
    out = {}
    for name in names:
        words = [w for w in name.split() if w.lower() not in {"of", "the", "and", "for", "&"}]
        if words and norm_word(words[0]) in PLACE_ORG_ALIASES and len(words) > 2:
            words = words[1:]  # "U.S. Federal Bureau of Investigation" -> "FBI"
        if len(words) >= 2:
            out["".join(w[0] for w in words).upper()] = name
    return out


def _strip_company(name: str) -> str:
    """"Toshiba Corp." -> "Toshiba": legal suffixes vary between mentions of one company."""
    words = name.split()
    if len(words) > 1 and norm_word(words[-1]).rstrip(",") in COMPANY_SUFFIXES:
        return " ".join(words[:-1]).rstrip(",")
    return name


def _short_forms(companies: set[str]) -> dict[str, str]:
    """"Sansui" -> "Sansui Electric" when one company of the article starts with it."""
    firsts: dict[str, list[str]] = defaultdict(list)
    for name in companies:
        if " " in name:
            firsts[name.split()[0]].append(name)
    return {first: names[0] for first, names in firsts.items() if len(names) == 1}


def canonicalize(mentions: list[Mention], aliases: CorpusAliases | None = None) -> list[Entity]:
    """Turn cleaned mentions into Entities with canonical names (one article)."""
    _fix_labels(mentions)
    people = Counter(m.name for m in mentions if m.label == "PERSON")
    person_map = resolve_people(people)
    if aliases is not None:
        for name, canon in person_map.items():
            if canon == name and " " not in name:
                person_map[name] = aliases.resolve(name) or name
    out: list[tuple[Mention, str]] = []
    for m in mentions:
        if m.label == "PERSON":
            canon = person_map.get(m.name, m.name)
        elif m.label == "NORP":
            canon = normalize_norp(m.name)
        else:
            canon = normalize_place_or_org(m.name)
        out.append((m, canon or m.name))
    orgs = {c for m, c in out if m.label == "ORG"}
    expand = _acronyms(orgs)
    companies = {_strip_company(c): c for c in orgs if _strip_company(c) != c}
    for short, full in _short_forms(set(companies)).items():
        expand.setdefault(short, full)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    fixed = []
    for m, canon in out:
        if m.label == "ORG":
            canon = _strip_company(canon)
            canon = expand.get(canon, canon) if canon.isupper() or canon in expand else canon
        labels[canon][m.label] += 1
        fixed.append((m, canon))
    # One label per canonical name in an article: the majority (ties by priority).
    best = {c: max(cnt, key=lambda lab: (cnt[lab], -_priority(lab))) for c, cnt in labels.items()}
    return [Entity(0, 0, m.name, best[c], c, m.role) for m, c in fixed]


def _fix_labels(mentions: list[Mention]) -> None:
    """Make labels agree with the article's people: "Shoigu" tagged ORG, "Kyiv" as PERSON."""
    words: set[str] = set()
    parts: set[tuple[str, ...]] = set()  # "Del Giudice" of "Vincent Del Giudice"
    for m in mentions:
        if m.label == "PERSON" and " " in m.name:
            toks = name_tokens(m.name)
            words.update(toks)
            parts.update(tuple(toks[i:]) for i in range(1, len(toks)))
    places = known_places()
    org_firsts = {norm_word(m.name.split()[0]) for m in mentions
                  if m.label == "ORG" and " " in m.name}
    for m in mentions:
        key = norm_word(m.name)
        if m.label in PERSONABLE and key not in PLACE_ORG_ALIASES and (
                (" " not in m.name and key in words) or tuple(name_tokens(m.name)) in parts):
            m.label = "PERSON"  # a surname of someone named in full elsewhere
        elif m.label == "PERSON" and key in places and key not in words and m.role is None:
            m.label = "GPE"  # a bare place name read as a person ("Kyiv needs...")
        elif m.label == "PERSON" and " " not in m.name and key not in words and \
                m.role is None and key in org_firsts:
            m.label = "ORG"  # "Sansui" next to "Sansui Electric Co."


def _priority(label: str) -> int:
    return LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)


def extract_entities(doc: Any, aliases: CorpusAliases | None = None) -> list[Entity]:
    """Entities of one parsed Doc, sorted by position."""
    places = {norm_word(e.text) for e in doc.ents if e.label_ in {"GPE", "NORP"}}
    mentions = [m for e in doc.ents if e.label_ in NAMED_LABELS
                if (m := _mention(doc, e, places)) is not None and m.name]
    mentions += _missed_people(doc, mentions)
    mentions.sort(key=lambda m: m.first)
    entities = canonicalize(mentions, aliases)
    for ent, m in zip(entities, mentions, strict=True):
        ent.start = doc[m.first].idx
        ent.end = doc[m.last].idx + len(doc[m.last].text)
        ent.text = doc[m.first:m.last + 1].text
    return entities


class EntityStage:
    """Callable stage; the runner sets ``aliases`` to resolve surnames across the corpus."""

    def __init__(self, options: Options, aliases: CorpusAliases | None = None) -> None:
        self.options = options
        self.aliases = aliases

    def __call__(self, article: Article) -> Article:
        if article.doc is not None:
            article.entities = extract_entities(article.doc, self.aliases)
        return article


@registry.stage("entities", requires=("doc",), assigns=("entities",))
def make_entities(options: Options) -> EntityStage:
    """Named entities with canonical names and roles (PERSON, ORG, GPE, LOC, NORP...)."""
    return EntityStage(options)
