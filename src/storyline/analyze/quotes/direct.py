"""Direct quotes: quoted segments attributed through a cue verb next to the marks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ...model import Article, Quote
from .cues import CUE_LEMMAS, cue_type
from .marks import Segment
from .scan import Scan
from .speaker import Mentions, Source, nearby_source, noun_phrase, resolve, subject_of

_WINDOW = 12  # tokens searched for a cue on either side of the marks
# Tokens allowed between a closing mark and a following cue: the source phrase and adverbs.
_GAP_POS = {"PUNCT", "PROPN", "NOUN", "DET", "PRON", "ADJ", "ADV", "PART", "ADP", "NUM",
            "AUX", "CCONJ", "SPACE", "X"}
_CLAUSE_END = set(",.?!…—–-:;")
_SENT_END = {".", "!", "?"}


@dataclass
class Direct:
    quote: Quote
    cue_i: int | None
    segments: list[int] = field(default_factory=list)


def is_cue(tok: Any) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in CUE_LEMMAS


def cue_span(tok: Any) -> tuple[int, int]:
    """The cue verb with its auxiliaries ("has said") and particle ("pointed out")."""
    start, end = tok.idx, tok.idx + len(tok)
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].head.i == tok.i and doc[i].dep_ in {"aux", "neg", "auxpass"}:
        start = doc[i].idx
        i -= 1
    if tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "prt" and doc[tok.i + 1].head.i == tok.i:
        end = doc[tok.i + 1].idx + len(doc[tok.i + 1])
    return start, end


def _first_token_at(starts: list[int], offset: int, hint: int = 0) -> int:
    return bisect.bisect_left(starts, offset, hint)


def _cue_after(doc: Any, text: str, seg: Segment, seg_of: list[int], k: int) -> Any | None:
    """Cue following the closing mark: “…,” Mr Ushakov said / said Mr Ushakov."""
    if not seg.closed:
        return None
    inside = text[seg.end - 1] if seg.end > seg.start else ""
    after = text[seg.close_at:seg.close_at + 2].lstrip()[:1]
    if inside not in _CLAUSE_END and after not in {",", "—", "–"}:
        return None  # a phrase inside a running sentence, not a quoted utterance
    lead = text[:seg.open_at].rstrip()[-1:]
    if lead and lead not in _CLAUSE_END | {"(", "”", '"', "\n"} and \
            "\n" not in text[seg.open_at - 1:seg.open_at]:
        return None  # the quote continues a sentence ("…called it “a disaster.”")
    for j in range(k, min(len(doc), k + _WINDOW)):
        tok = doc[j]
        if seg_of[j] >= 0 or tok.is_quote or "\n" in tok.text:
            return None
        if is_cue(tok):
            return tok
        if tok.text in _SENT_END or tok.pos_ not in _GAP_POS:
            return None
    return None


def _cue_before(doc: Any, text: str, seg: Segment, seg_of: list[int], k: int) -> Any | None:
    """Cue before the opening mark: Putin said, “…” / He told reporters: “…”."""
    before = text[:seg.open_at].rstrip()
    last = before[-1:] if before else ""
    crossed = "\n" in text[len(before):seg.open_at]
    if last not in {",", ":"} and not (k > 0 and is_cue(doc[k - 1]) and not crossed):
        return None
    if crossed and last != ":":
        return None
    for j in range(k - 1, max(-1, k - 1 - _WINDOW), -1):
        tok = doc[j]
        if seg_of[j] >= 0 or (tok.is_quote and j < k - 1):
            return None
        if "\n" in tok.text and not (crossed and j >= k - 2):
            return None
        if tok.text in _SENT_END:
            return None
        if is_cue(tok):
            return tok
    return None


def _source(article: Article, mentions: Mentions, cue: Any, seg: Segment) -> Source | None:
    subj = subject_of(cue) or nearby_source(cue, (seg.open_at, seg.close_at))
    if subj is None:
        return None
    span = noun_phrase(subj, (seg.open_at, seg.close_at))
    return resolve(article, mentions, subj, span)


def _seg_text(text: str, seg: Segment) -> str:
    # The comma before the closing mark belongs to the attribution, not to the quote.
    return text[seg.start:seg.end].rstrip(",;: ")


def _make(article: Article, seg: Segment, cue: Any, src: Source | None, kind: str) -> Quote:
    c0, c1 = cue_span(cue)
    return Quote(
        start=seg.start, end=seg.end, text=_seg_text(article.text, seg), kind=kind,
        speaker=src.canonical if src else None,
        speaker_start=src.start if src else None, speaker_end=src.end if src else None,
        speaker_text=src.text if src else None,
        cue=cue.lemma_.lower(), cue_start=c0, cue_end=c1, type=cue_type(cue.lemma_.lower()),
    )


def _extend(found: Direct, article: Article, seg: Segment, index: int) -> None:
    q = found.quote
    q.text = f"{q.text} {_seg_text(article.text, seg)}"
    q.end = max(q.end, seg.end)
    found.segments.append(index)


def _continues(text: str, prev: Segment, seg: Segment) -> bool:
    """Same multi-paragraph quote, or a new quoted sentence after "…,” he said." ."""
    if seg.group == prev.group:
        return True
    between = text[prev.close_at:seg.open_at]
    if "\n" in between or not seg.closed:
        return False
    lead = text[:seg.open_at].rstrip()[-1:]
    return lead in _SENT_END and len(between.split()) <= 8


_DASHES = ("―", "—", "–", "--")


def _dash_source(article: Article, mentions: Mentions, seg: Segment) -> tuple[Source, int] | None:
    """“…” ― Jane Doe: a closing mark, a dash and a name (letters, reader comments)."""
    if not seg.closed:
        return None
    rest = article.text[seg.close_at:seg.close_at + 4]
    stripped = rest.lstrip(" ")
    dash = next((d for d in _DASHES if stripped.startswith(d)), None)
    if dash is None:
        return None
    at = seg.close_at + len(rest) - len(stripped)
    name_at = at + len(dash)
    while name_at < len(article.text) and article.text[name_at] == " ":
        name_at += 1
    ent = mentions.covering(name_at, name_at + 1)
    if ent is not None and ent.start == name_at and ent.label in {"PERSON", "ORG"}:
        return Source(ent.start, ent.end, ent.text, ent.canonical or ent.text), at
    # No entity: accept a short capitalized name that ends the line ("― Pamela Padilla").
    line_end = article.text.find("\n", name_at)
    name = article.text[name_at:line_end if line_end >= 0 else len(article.text)].rstrip()
    words = name.split()
    if not words or len(words) > 5 or not all(w[:1].isupper() for w in words):
        return None
    return Source(name_at, name_at + len(name), name, name), at


def _dashed(article: Article, mentions: Mentions, seg: Segment, index: int) -> Direct | None:
    found = _dash_source(article, mentions, seg)
    if found is None:
        return None
    src, at = found
    dash_len = next(len(d) for d in _DASHES if article.text.startswith(d, at))
    return Direct(_dash_quote(article, seg, src, at, dash_len), None, [index])


def _dash_quote(article: Article, seg: Segment, src: Source, at: int, dash_len: int) -> Quote:
    return Quote(start=seg.start, end=seg.end, text=_seg_text(article.text, seg), kind="direct",
                 speaker=src.canonical, speaker_start=src.start, speaker_end=src.end,
                 speaker_text=src.text, cue=article.text[at:at + dash_len], cue_start=at,
                 cue_end=at + dash_len)


def find_direct(scan: Scan) -> list[Direct]:
    """Quotes between quotation marks with their cue verb (before or after the marks), split
    and continued quotes merged, dash-introduced quotes; quotes without a cue skipped."""
    article, doc, text = scan.article, scan.doc, scan.text
    segments, seg_of, mentions = scan.segments, scan.seg_of, scan.mentions
    out: list[Direct] = []
    by_cue: dict[int, Direct] = {}
    last: tuple[Direct, Segment] | None = None
    k = 0
    starts = doc.to_array("IDX").tolist() if segments else []
    for index, seg in enumerate(segments):
        k_open = _first_token_at(starts, seg.open_at, k)
        k = _first_token_at(starts, seg.close_at, k_open)
        cue = _cue_after(doc, text, seg, seg_of, k)
        kind = "direct"
        if cue is None:
            cue = _cue_before(doc, text, seg, seg_of, k_open)
            if cue is not None and cue.i in by_cue:  # split quote: “…,” he said, “…”
                _extend(by_cue[cue.i], article, seg, index)
                last = (by_cue[cue.i], seg)
                continue
        dashed = _dashed(article, mentions, seg, index) if cue is None else None
        if dashed is not None:
            out.append(dashed)
            last = (dashed, seg)
            continue
        if cue is None:
            if last is not None and _continues(text, last[1], seg):
                _extend(last[0], article, seg, index)
                last = (last[0], seg)
            else:
                last = None
            continue
        src = _source(article, mentions, cue, seg)
        found = Direct(_make(article, seg, cue, src, kind), cue.i, [index])
        by_cue[cue.i] = found
        out.append(found)
        last = (found, seg)
    return out
