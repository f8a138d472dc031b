"""Indirect and mixed quotes from the dependency parse.

Patterns: a cue verb with a clausal complement (``ccomp``: "Ushakov told reporters that the
visit…", "the visit is planned, he said"), a speech-act verb with its object or infinitive,
and "according to X". Cue nouns ("Shoigu's statement that…") are in ``nominal``. The content is the
complement's subtree without the complementizer; quoted fragments of >= ``MIXED_WORDS``
words inside it make the quote ``mixed`` (shorter ones are scare quotes within paraphrase).
"""

from __future__ import annotations

from typing import Any

from ...model import Article, Quote
from .cues import (
    BELIEF_VERBS,
    CUE_LEMMAS,
    INFINITIVE_CUES,
    NON_SOURCES,
    OBJECT_CUES,
    SPEECH_VERBS,
    cue_type,
)
from .direct import cue_span, is_cue
from .marks import Segment
from .scan import Cue, Scan
from .speaker import Source, is_relative, noun_phrase, resolve, subject_of

MIXED_WORDS = 4
_LEAD_SKIP = {"that", ",", ":", "—", "–", "-"}


def content_tokens(comp: Any) -> tuple[int, int]:
    """Token range [lo, hi) of a complement's subtree, without edge punctuation/'that'."""
    return trim(comp.doc, comp.left_edge.i, comp.right_edge.i + 1)


def prep_object(prep: Any) -> Any | None:
    """The object of a preposition: "for a ban", "of lying" (a noun or a clause)."""
    return next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None)


def _according(tok: Any) -> tuple[Any, tuple[int, int], tuple[int, int]] | None:
    """(source token, phrase token range, content token range) for "according to X"."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    p_lo, p_hi = tok.i, max(to.right_edge.i, pobj.right_edge.i) + 1
    sent = tok.sent
    left = (sent.start, p_lo)
    right = (p_hi, sent.end)
    lo, hi = right if right[1] - right[0] >= left[1] - left[0] else left
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi - 1].is_punct and not doc[hi - 1].is_quote:
        hi -= 1
    return pobj, (p_lo, p_hi), (lo, hi)


def kind_of(segments: list[Segment], inside: list[int], text: str) -> str:
    words = sum(segments[s].words(text) for s in inside)
    return "mixed" if words >= MIXED_WORDS else "indirect"


def make_quote(article: Article, lo: int, hi: int, kind: str, src: Source, cue: str,
               c_span: tuple[int, int], type_: str | None = None) -> Quote:
    """A Quote over tokens [lo, hi); its type is ``type_``, else the cue word's."""
    doc = article.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    return Quote(start=start, end=end, text=article.text[start:end], kind=kind,
                 speaker=src.canonical, speaker_start=src.start, speaker_end=src.end,
                 speaker_text=src.text, cue=cue, cue_start=c_span[0], cue_end=c_span[1],
                 type=type_ or cue_type(cue))


def typed_attribution(scan: Scan, cue: Cue, content: tuple[int, int],
                      subj: Any) -> Quote | None:
    """The Quote of a non-speech cue (verb, adjective or noun) with its content token range
    and source head; None when nothing is left of the content once clipped to the cue's
    paragraph. ``cue.token``: keep the source phrase out of its clause."""
    article, doc, seg_of = scan.article, scan.doc, scan.seg_of
    lo, hi = paragraph_clip(doc, cue.i, *content)
    if hi <= lo:
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    src = resolve(article, scan.mentions, subj, noun_phrase(subj, (start, end), cue.token))
    inside = sorted({seg_of[k] for k in range(lo, hi) if seg_of[k] >= 0})
    return make_quote(article, lo, hi, kind_of(scan.segments, inside, article.text), src,
                      cue.word, cue.span, cue.type)


def trim(doc: Any, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].lower_ in _LEAD_SKIP or (doc[lo].is_punct
                                                         and not doc[lo].is_quote)):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct and not doc[hi - 1].is_quote:
        hi -= 1
    return lo, hi


_CLAUSE_CHILD = {"xcomp", "dobj", "advcl", "parataxis", "oprd", "attr"}


_MODIFIER_DEPS = {"prep", "pcomp", "relcl", "acl", "advcl"}


def _under_modifier(token: Any, top: Any) -> bool:
    """True when a modifier phrase lies between ``token`` and its ancestor ``top``."""
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        if token.i != top.i and token.dep_ in _MODIFIER_DEPS:
            return True
    return False


def _misparsed_clause(cue: Any) -> Any | None:
    """A reported clause the small parser attached as an object or xcomp ("said legalizing
    it could put…"): a right-hand child whose subtree holds a subject of its own. A subject
    inside a prepositional or relative phrase ("continue to tighten ties, with the Kremlin
    confirming …") belongs to another clause; taking it made "continue" a speech cue."""
    for child in cue.rights:
        if child.dep_ in _CLAUSE_CHILD and any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.head.pos_ in {"VERB", "AUX", "NOUN"}
            and not _under_modifier(t, child)
            for t in child.subtree
        ):
            return child
    return None


def _verb_content(cue: Any) -> tuple[int, int] | None:
    """Token range of what a cue verb reports: clause, object (+predicate) or infinitive."""
    lemma = cue.lemma_.lower()
    kids: dict[str, Any] = {}
    for child in cue.children:
        kids.setdefault(child.dep_, child)  # the first of each relation
    if "ccomp" in kids:
        return content_tokens(kids["ccomp"])
    clause = _misparsed_clause(cue) if lemma in SPEECH_VERBS else None
    if clause is not None:
        return trim(cue.doc, cue.i + 1, clause.right_edge.i + 1)
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        # "Local officials, he said, should be vigilant": the clause the cue interrupts.
        return trim(cue.doc, cue.head.left_edge.i, cue.head.right_edge.i + 1)
    if _as_clause(cue):
        return _host_clause(cue)
    parts = []
    if lemma in OBJECT_CUES and "dobj" in kids:
        parts.append(kids["dobj"])
    if lemma in INFINITIVE_CUES and "xcomp" in kids and kids["xcomp"].i > cue.i:
        parts += [kids[d] for d in ("dobj", "xcomp") if d in kids]
    if lemma == "call" and "prep" in kids and kids["prep"].lower_ in {"for", "on"}:
        pobj = next((g for g in kids["prep"].children if g.dep_ == "pobj"), None)
        if pobj is not None:
            parts += [pobj] + [kids[d] for d in ("xcomp",) if d in kids]
    if not parts and lemma in OBJECT_CUES:
        parts = passive_theme(cue)  # "the move was first reported by MSNBC"
    if not parts and lemma in SPEECH_VERBS and (pro := _pro_form(cue)) is not None:
        return pro.i, pro.i + 1
    if not parts:
        return None
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    return trim(cue.doc, lo, hi)


_PRO_FORMS = frozenset({"so", "yes", "no"})


def _pro_form(cue: Any) -> Any | None:
    """"55 percent said so", "most said yes": a pro-form right after the verb stands for
    what was said (poll reports use it for the previous sentence's question)."""
    doc = cue.doc
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if nxt is not None and nxt.head.i == cue.i and nxt.lower_ in _PRO_FORMS:
        return nxt
    return None


def passive_theme(cue: Any) -> list[Any]:
    """"X was endorsed by Y": with a by-agent (the source), the passive subject is the
    content. Without an agent the source is unknown and nothing is reported."""
    kids = {c.dep_: c for c in cue.children}
    if "nsubjpass" in kids and "agent" in kids:
        return [kids["nsubjpass"]]
    return []


def _as_clause(cue: Any) -> bool:
    """"As the minister noted, …" / "…, as the Post reported": a comparative clause whose
    host clause is what was said."""
    return cue.dep_ == "advcl" and cue.head.i != cue.i and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def _host_clause(cue: Any) -> tuple[int, int]:
    """The clause ``cue``'s as-clause hangs on, without the as-clause when it opens or closes
    it (an as-clause in the middle is cut from the text like a parenthetical cue)."""
    head = cue.head
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    if cue.left_edge.i <= lo:
        lo = cue.right_edge.i + 1
    elif cue.right_edge.i >= hi - 1:
        hi = cue.left_edge.i
    return trim(cue.doc, lo, hi)


def _candidate(tok: Any) -> tuple[tuple[int, int], Any, str, tuple[int, int]] | None:
    """(content token range, source token, cue lemma, cue span) for a cue verb (nouns are
    handled by ``nominal``)."""
    verb_cues = OBJECT_CUES | INFINITIVE_CUES
    if is_cue(tok) or (tok.pos_ == "VERB" and tok.lemma_.lower() in verb_cues):
        rng = _verb_content(tok)
        if rng is None:
            return None
        subj = subject_of(tok)
        if subj is None or (subj.lower_ in NON_SOURCES - {"it"} and not is_relative(subj)):
            return None
        if subj.lower_ == "it" and tok.lemma_.lower() in BELIEF_VERBS:
            return None
        return rng, subj, tok.lemma_.lower(), cue_span(tok)
    return None


def paragraph_clip(doc: Any, cue_i: int, lo: int, hi: int) -> tuple[int, int]:
    """Keep the content inside the cue's paragraph (bad parses run across headlines)."""
    for i in range(cue_i, lo - 1, -1):
        if i < cue_i and "\n" in doc[i].text_with_ws:
            lo = i + 1
            break
    for i in range(max(cue_i, lo), hi):
        if "\n" in doc[i].text_with_ws:
            hi = min(hi, i if doc[i].is_space else i + 1)
            break
    return lo, hi


def _without(text: str, start: int, end: int, cut0: int, cut1: int) -> str:
    """The content text with the interrupting "…, he said, …" removed."""
    left = text[start:cut0].rstrip(" ,—–")
    right = text[cut1:end].lstrip(" ,—–")
    return f"{left} {right}".strip()


SPEECH_CUE_WORDS = CUE_LEMMAS | OBJECT_CUES | INFINITIVE_CUES | {"according"}


def cue_positions(doc: Any, words: frozenset[str]) -> list[int]:
    """Indices of tokens whose lemma or form is one of ``words`` (compared as string
    hashes, so no Token objects are built for the other tokens)."""
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in words}
    rows = doc.to_array(["LEMMA", "LOWER"]).tolist()
    return [i for i, (lemma, lower) in enumerate(rows) if lemma in wanted or lower in wanted]


def find_indirect(scan: Scan) -> list[Quote]:
    """Indirect and mixed quotes of the speech cue words at ``scan.positions``; the cue
    tokens used are added to ``scan.used_cues``."""
    article, doc, text = scan.article, scan.doc, scan.text
    segments, seg_of, mentions = scan.segments, scan.seg_of, scan.mentions
    used_cues, attributed, positions = scan.used_cues, scan.attributed, scan.positions
    out: list[Quote] = []
    for i in positions:
        tok = doc[i]
        if seg_of[tok.i] >= 0 or tok.i in used_cues:
            continue  # speech reported inside a quote belongs to the quoted speaker
        acc = _according(tok)
        if acc is not None:
            subj, (p_lo, p_hi), (lo, hi) = acc
            c_span = (doc[p_lo].idx, doc[tok.i + 1].idx + 2)
            cue = "according to"
        else:
            cand = _candidate(tok)
            if cand is None:
                continue
            (lo, hi), subj, cue, c_span = cand
            lo, hi = paragraph_clip(doc, tok.i, lo, hi)
        if (hi - lo < 2 and doc[lo].lower_ not in _PRO_FORMS) or seg_of[subj.i] >= 0:
            continue  # too short, or a "subject" found inside a quote: a parse error
        inside = sorted({seg_of[i] for i in range(lo, hi) if seg_of[i] >= 0})
        if any(s in attributed for s in inside):
            continue  # already reported as a direct quote
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        interrupted = start <= tok.idx < end  # "The rules, the minister said, will…"
        phrase = noun_phrase(subj, None if interrupted else (start, end), tok)
        src = resolve(article, mentions, subj, phrase)
        quote = make_quote(article, lo, hi, kind_of(segments, inside, text), src, cue, c_span)
        if interrupted:
            quote.text = _without(text, start, end, tok.left_edge.idx,
                                  tok.right_edge.idx + len(tok.right_edge))
        out.append(quote)
        used_cues.add(tok.i)
        attributed.update(inside)
    return out
