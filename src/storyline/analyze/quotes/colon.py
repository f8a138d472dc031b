"""Attributions by layout: a colon after a name ("Pat Caddell: Voters are worried",
"PENCE: Well, …"), and the two headline conventions "Poll: Sanders leads in Iowa" /
"Clinton camp: Trump's rhetoric threatens security" (the words before the colon are the
source, the rest is the content) and "Senator Blasts Court Ruling" (a present-tense cue
verb after a short subject).

In body paragraphs the label must be a person or organisation mention, or an all-caps
transcript label naming a person mentioned in the article. In the headline (the article's
first line when it is short) any short label is a source, except rubric labels ("The
Latest:", "UPDATE:", "WATCH:") that name a section, not a speaker.
"""

from __future__ import annotations

import re

from ...model import Article, Quote
from .cues import CUE_VERBS, cue_type
from .indirect import kind_of
from .scan import Scan
from .speaker import Mentions

_MARKS = "\"“”'‘’"
_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?=\s*:)")
HEADLINE_WORDS = 30  # a first line longer than this is body text, not a headline
LABEL_WORDS = 6  # longer text before a colon is a sentence, not a source label
# Section and format labels of news sites: "The Latest:", "UPDATE:", "EXCLUSIVE –".
_RUBRIC_WORDS = """
latest update updates breaking watch video videos photos photo live exclusive analysis
opinion editorial correction review listen factbox explainer timeline recap
"""
RUBRICS = frozenset(_RUBRIC_WORDS.split())
_RUBRIC_DASH = re.compile(r"^\s*[A-Z][A-Za-z ]{0,20}\s+[–—-]\s+")


def find_colon(scan: Scan) -> list[Quote]:
    """"Pat Caddell: Voters are worried" / "Shoigu: “…”": a paragraph opening with a name
    and a colon (headlines, interview style). The cue is the colon itself."""
    text = scan.text
    out: list[Quote] = []
    pos = 0
    first = True
    while pos < len(text):
        nl = text.find("\n", pos)
        p_end = len(text) if nl < 0 else nl
        if text[pos:p_end].strip():
            q = _colon_paragraph(scan, pos, p_end, first)
            if q is not None:
                out.append(q)
            first = False
        pos = p_end + 1
    return out


def _colon_paragraph(scan: Scan, p_start: int, p_end: int, headline: bool) -> Quote | None:
    article, segments, mentions, attributed = (scan.article, scan.segments, scan.mentions,
                                               scan.attributed)
    text = article.text
    while p_start < p_end and (text[p_start].isspace() or text[p_start] in "\"“"):
        p_start += 1  # transcripts quote each turn: "PENCE: Well, …
    labels = [_speaker_label(article, mentions, p_start, p_end)]
    if headline:  # "Clinton camp:": the name alone does not reach the colon
        labels.append(_headline_label(article, mentions, p_start, p_end))
    label = next((lb for lb in labels if lb is not None and _colon_after(text, lb[1], p_end)),
                 None)
    if label is None:
        return None
    ent_start, ent_end, canonical = label
    colon = text.index(":", ent_end, p_end)
    start = colon + 1
    while start < p_end and text[start].isspace():
        start += 1
    end = p_end
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    inside = [i for i, s in enumerate(segments) if s.start < end and start < s.end]
    if any(i in attributed for i in inside):
        return None
    attributed.update(inside)
    whole = len(inside) == 1 and segments[inside[0]].open_at <= start
    kind = "direct" if whole else kind_of(segments, inside, text)
    if whole:
        start, end = max(start, segments[inside[0]].start), min(end, segments[inside[0]].end)
    return Quote(start=start, end=end, text=text[start:end], kind=kind,
                 speaker=canonical, speaker_start=ent_start, speaker_end=ent_end,
                 speaker_text=text[ent_start:ent_end], cue=":", cue_start=colon,
                 cue_end=colon + 1)


def _colon_after(text: str, at: int, end: int) -> bool:
    """A colon follows ``at`` (spaces allowed) before ``end``."""
    while at < end and text[at] == " ":
        at += 1
    return at < end and text[at] == ":"


def _speaker_label(article: Article, mentions: Mentions, p_start: int,
                   p_end: int) -> tuple[int, int, str] | None:
    """(start, end, canonical) of a name opening a paragraph before a colon: an entity
    ("Pat Caddell:") or an all-caps transcript label ("PENCE:"), matched to the person
    mention with that surname (labels naming no one mentioned are not speakers)."""
    ent = mentions.covering(p_start, p_start + 1)
    if ent is not None and ent.start == p_start and ent.label in {"PERSON", "ORG"}:
        return ent.start, ent.end, ent.canonical or ent.text
    m = _TRANSCRIPT_LABEL.match(article.text, p_start, p_end)
    if m is None:
        return None
    label = m.group()
    surname = label.split()[-1].casefold()
    for e in mentions.items:
        if e.label == "PERSON" and (e.canonical or e.text).split()[-1].casefold() == surname:
            return m.start(), m.end(), e.canonical or e.text
    return None  # "UPDATE:", "WATCH:": a label that names no one in the article


def _headline_label(article: Article, mentions: Mentions, p_start: int,
                    p_end: int) -> tuple[int, int, str] | None:
    """The short label before the colon of a headline ("Poll:", "Clinton camp:"), with the
    canonical name of an entity it contains, else its text."""
    text = article.text
    line = text[p_start:p_end]
    colon = line.find(":")
    if colon <= 0 or len(line.split()) > HEADLINE_WORDS:
        return None
    if line[colon - 1].isdigit() and line[colon + 1:colon + 2].isdigit():
        return None  # "At 12:15 the minister…", "won 3:1": a time or a score, not a label
    rubric = _RUBRIC_DASH.match(line, 0, colon)  # "EXCLUSIVE – Roger Stone: …"
    lo = rubric.end() if rubric else 0
    label = line[lo:colon].strip()
    words = label.split()
    if not words or len(words) > LABEL_WORDS or not label[0].isupper():
        return None
    if any(w.strip(".,’'").casefold() in RUBRICS for w in words):
        return None
    start = p_start + line.index(label, lo)
    end = start + len(label)
    return start, end, _label_name(mentions, start, end, label)


def _label_name(mentions: Mentions, start: int, end: int, label: str) -> str:
    """The canonical name of the entity that ends a label ("McCain challenger Kelli Ward"),
    else the label as written ("Clinton camp" is not Clinton)."""
    ent = mentions.covering(start, end)
    if ent is not None and start <= ent.start and ent.end == end:
        return ent.canonical or ent.text
    return label


def _third_person_forms() -> dict[str, str]:
    """"says" -> "say", "praises" -> "praise", "denies" -> "deny" for every cue verb."""
    forms: dict[str, str] = {}
    for lemma in CUE_VERBS:
        if lemma.endswith(("s", "sh", "ch", "x", "z")):
            forms[lemma + "es"] = lemma
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms[lemma[:-1] + "ies"] = lemma
        else:
            forms[lemma + "s"] = lemma
    return forms


HEADLINE_FORMS = _third_person_forms()
_WORD = re.compile(r"\S+")


def headline_verb(article: Article, mentions: Mentions, found: list[Quote]) -> Quote | None:
    """"Clinton Says Trump's Plan Won't Work", "Senator Blasts Ruling": a headline (the
    first line) whose first present-tense cue verb follows a short subject, when no other
    rule found an attribution there. Title case defeats the tagger, so the verb is found by
    its form; the words before it are the source, the rest the content."""
    text = article.text
    p_start = len(text) - len(text.lstrip())
    p_end = text.find("\n", p_start)
    p_end = len(text) if p_end < 0 else p_end
    if any(q.cue_start is not None and p_start <= q.cue_start < p_end for q in found):
        return None
    colon = text.find(":", p_start, p_end)
    if colon >= 0:
        p_start = colon + 1  # "The Latest: Trump urges…": the rubric is not the source
    words = list(_WORD.finditer(text, p_start, p_end))
    if len(words) > HEADLINE_WORDS:
        return None
    for k, m in enumerate(words[1:LABEL_WORDS + 1], start=1):
        lemma = HEADLINE_FORMS.get(m.group().casefold())
        if lemma is None or len(words) - k - 1 < 2:
            continue
        src0, src1 = words[0].start(), words[k - 1].end()
        label = text[src0:src1].rstrip(",")
        if not label[:1].isupper():
            return None
        start, end = m.end() + 1, p_end
        while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS + "."):
            end -= 1
        canonical = _label_name(mentions, src0, src0 + len(label), label)
        return Quote(start=start, end=end, text=text[start:end], kind="indirect",
                     speaker=canonical, speaker_start=src0, speaker_end=src0 + len(label),
                     speaker_text=label, cue=lemma, cue_start=m.start(), cue_end=m.end(),
                     type=cue_type(lemma))
    return None
