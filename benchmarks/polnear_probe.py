"""How far would small learned models take the "quotes" stage on PolNeAR? (a probe, not a
stage: nothing here is used by storyline).

Usage: .venv/bin/python benchmarks/polnear_probe.py DATA_DIR [--train-limit N]

The rule-based stage reaches source (overlap) F1 0.733 on the dev split against a target
of 0.80 (docs/benchmarks.md). Before shipping a trained model we measure what the two
cheap ones would add, trained on the *train* split and scored on *dev* with the metric of
``benchmarks/polnear.py`` (content overlap one-to-one, then source overlap):

A. cue fallback: a logistic-regression classifier over every verb (and possessed noun)
   the rules left uncovered, on lemma, dependency, children, subject type and neighbour
   features; each verb it accepts becomes an attribution with its subject as the source
   and its right-hand subtree as the content;
B. keep/drop filter: a logistic-regression classifier over the rules' own attributions
   (cue, type, kind, content length, source part of speech and entity type, ...) that
   drops those unlikely to match a gold attribution with the right source.

Thresholds are swept on dev, so the best row is optimistic. Both models are linear over
sparse string features, trained by plain SGD (no extra dependency).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from polnear import Gold, SourceScore, load, match, source_correct

from storyline.config import default_options
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline

Row = tuple[str, list[Gold], Article]
Weights = dict[str, float]
_QUOTE_MARKS = set('"“”«»')


def analysed(data: Path, split: str, limit: int | None, pipeline: Pipeline) -> list[Row]:
    rows = []
    for _name, text, gold, _annotator in load(data, split, limit):
        rows.append((text, gold, pipeline(Article(text=text))))
    return rows


def verb_features(t: Any) -> list[str]:
    lemma, dep = t.lemma_.lower(), t.dep_
    f = ["bias", f"l={lemma}", f"ld={lemma}|{dep}", f"pd={t.pos_}|{dep}", f"tag={t.tag_}",
         f"hd={t.head.lemma_.lower()}|{dep}"]
    deps = set()
    for c in t.children:
        deps.add(c.dep_)
        if c.dep_ in {"nsubj", "nsubjpass", "agent"}:
            kind = c.ent_type_ or c.pos_
            f += [f"subj={kind}", f"lsubj={lemma}|{kind}"]
        elif c.dep_ == "prep":
            f += [f"prep={c.lower_}", f"lprep={lemma}|{c.lower_}"]
        elif c.dep_ in {"dobj", "ccomp", "xcomp"}:
            f += [f"obj={c.dep_}|{c.pos_}", f"lobj={lemma}|{c.dep_}"]
        elif c.dep_ == "aux":
            f.append(f"aux={c.lower_}")
    f += [f"ch={d}" for d in deps]
    sent = t.sent
    f.append(f"quoted_sentence={any(ch in sent.text for ch in _QUOTE_MARKS)}")
    f.append(f"position={min(t.i - sent.start, 10)}")
    doc = t.doc
    f += [f"w{k}={doc[t.i + k].lower_ if 0 <= t.i + k < len(doc) else '#'}" for k in (-1, 1)]
    return f


def quote_features(q: Quote, doc: Any) -> list[str]:
    words = len(q.text.split())
    f = ["bias", f"cue={q.cue}", f"type={q.type}", f"kind={q.kind}", f"ck={q.cue}|{q.kind}",
         f"len={min(words // 5, 6)}", f"cl={q.cue}|{min(words // 5, 4)}"]
    if q.speaker_start is not None and q.speaker_end is not None:
        span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
        if span is not None and len(span):
            h = span.root
            kind = h.ent_type_ or h.pos_
            f += [f"spos={h.pos_}", f"sent={kind}", f"sdep={h.dep_}", f"cs={q.cue}|{kind}"]
        side = "before" if q.speaker_start < q.start else "after" if q.speaker_start >= q.end \
            else "inside"
        f.append(f"side={side}")
    if q.cue_start is not None and q.cue_end is not None:
        cue = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
        if cue is not None and len(cue):
            r = cue.root
            f += [f"cpos={r.pos_}", f"cdep={r.dep_}", f"cdl={q.cue}|{r.dep_}"]
    return f


def train(examples: list[tuple[list[str], int]], epochs: int = 8, rate: float = 0.1) -> Weights:
    w: defaultdict[str, float] = defaultdict(float)
    rnd = random.Random(0)
    for epoch in range(epochs):
        rnd.shuffle(examples)
        for feats, y in examples:
            step = (y - prob(w, feats)) * rate / (1 + epoch)
            for x in feats:
                w[x] += step
    return dict(w)


def prob(w: Weights, feats: list[str]) -> float:
    z = sum(w.get(x, 0.0) for x in feats)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def covered(quotes: list[Quote]) -> set[int]:
    out: set[int] = set()
    for q in quotes:
        for a, b in ((q.start, q.end), (q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end)):
            if a is not None and b is not None:
                out.update(range(a, b))
    return out


def uncovered_verbs(article: Article) -> Iterator[Any]:
    used = covered(article.quotes)
    for t in article.doc:
        if t.idx in used:
            continue
        if t.pos_ == "VERB" or (t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children)):
            yield t


def cue_heads(doc: Any, spans: list[tuple[int, int]]) -> set[int]:
    toks = [t for a, b in spans for t in (doc.char_span(a, b, alignment_mode="expand") or [])]
    ids = {t.i for t in toks}
    return {t.i for t in toks if t.head.i not in ids or t.head.i == t.i}


def missed_cue_heads(article: Article, gold: list[Gold]) -> set[int]:
    """Cue head tokens of the gold attributions (with a source) the rules did not match."""
    matched = {j for _, j in match(article.quotes, gold)}
    return set().union(*[cue_heads(article.doc, g.cue) for j, g in enumerate(gold)
                         if j not in matched and g.source] or [set()])


def cue_examples(rows: list[Row]) -> list[tuple[list[str], int]]:
    out = []
    for _text, gold, a in rows:
        heads = missed_cue_heads(a, gold)
        out += [(verb_features(t), int(t.i in heads)) for t in uncovered_verbs(a)]
    return out


def filter_examples(rows: list[Row]) -> list[tuple[list[str], int]]:
    out = []
    for _text, gold, a in rows:
        pairs = dict(match(a.quotes, gold))
        for i, q in enumerate(a.quotes):
            if q.speaker_start is not None:
                j = pairs.get(i)
                out.append((quote_features(q, a.doc), int(j is not None and source_correct(q, gold[j]))))
    return out


def fallback_quote(t: Any) -> Quote | None:
    """An attribution from a verb the classifier accepted: subject -> source, right-hand
    subtree -> content."""
    subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and t.dep_ in {"xcomp", "conj", "advcl"}:
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    if subj is None and t.dep_ in {"relcl", "acl"}:
        subj = t.head
    if subj is None:
        return None
    lo, hi = subj.left_edge.i, subj.i + 1
    right = [x for x in t.subtree if x.i > t.i and not lo <= x.i < hi and not x.is_punct]
    if not right:
        return None
    doc = t.doc
    first, last = right[0], right[-1]
    return Quote(start=first.idx, end=last.idx + len(last), text=doc[first.i:last.i + 1].text,
                 kind="indirect", speaker_start=doc[lo].idx,
                 speaker_end=doc[hi - 1].idx + len(doc[hi - 1]), speaker_text=doc[lo:hi].text,
                 cue=t.lemma_.lower(), cue_start=t.idx, cue_end=t.idx + len(t))


def score(rows: list[Row], cue_w: Weights | None, cue_thr: float, keep_w: Weights | None,
          keep_thr: float) -> tuple[float, float, float, int]:
    total, added = SourceScore(), 0
    for _text, gold, a in rows:
        quotes = [q for q in a.quotes if keep_w is None or q.speaker_start is None
                  or prob(keep_w, quote_features(q, a.doc)) >= keep_thr]
        if cue_w is not None:
            for t in uncovered_verbs(a):
                if prob(cue_w, verb_features(t)) >= cue_thr and (q := fallback_quote(t)):
                    quotes.append(q)
                    added += 1
        total.add(quotes, gold)
    return (*total.prf(), added)


def cue_recall(rows: list[Row], cue_w: Weights, thr: float) -> tuple[int, int, int]:
    """(verbs accepted at ``thr``, of which heads of an unmatched gold cue, such heads among
    the uncovered verbs): how well classifier A finds the cues the rules missed."""
    accepted = hits = heads_total = 0
    for _text, gold, a in rows:
        heads = missed_cue_heads(a, gold)
        for t in uncovered_verbs(a):
            heads_total += t.i in heads
            if prob(cue_w, verb_features(t)) >= thr:
                accepted += 1
                hits += t.i in heads
    return accepted, hits, heads_total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--train-limit", type=int, default=None, help="train documents to use")
    args = ap.parse_args(argv)
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())
    t0 = time.perf_counter()
    train_rows = analysed(args.data, "train", args.train_limit, pipeline)
    dev_rows = analysed(args.data, "dev", None, pipeline)
    if not train_rows or not dev_rows:
        print(f"need train/ and dev/ under {args.data}", file=sys.stderr)
        return 2
    cue_w = train(cue_examples(train_rows))
    keep_w = train(filter_examples(train_rows), epochs=10)
    print(f"PolNeAR: trained on {len(train_rows)} train documents, scored on {len(dev_rows)} "
          f"dev documents ({time.perf_counter() - t0:.0f}s); source (overlap) on dev")
    print(f"{'setting':34s} {'added':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    settings: list[tuple[str, Weights | None, float, Weights | None, float]] = [
        ("rules (the stage)", None, 1.0, None, 0.0)]
    settings += [(f"A cue fallback, p >= {t}", cue_w, t, None, 0.0) for t in (0.7, 0.5, 0.3)]
    settings += [(f"B keep/drop filter, p >= {t}", None, 1.0, keep_w, t) for t in (0.2, 0.3, 0.4)]
    settings += [("A p >= 0.5 + B p >= 0.3", cue_w, 0.5, keep_w, 0.3)]
    for name, cw, ct, kw, kt in settings:
        p, r, f, added = score(dev_rows, cw, ct, kw, kt)
        print(f"{name:34s} {added:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
    accepted, hits, heads = cue_recall(dev_rows, cue_w, 0.4)
    print(f"A at p >= 0.4: {accepted} uncovered verbs accepted, {hits} of them heads of a "
          f"missed gold cue (precision {hits / max(accepted, 1):.2f}); {heads} such heads among "
          f"the uncovered verbs (recall {hits / max(heads, 1):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
