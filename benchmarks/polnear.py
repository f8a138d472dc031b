"""Benchmark the "quotes" stage against PolNeAR attribution annotations (brat format).

Usage: .venv/bin/python benchmarks/polnear.py DATA_DIR [--split dev|train] [--limit N]
       [--errors] [--examples K] [--types speech,belief,...]

DATA_DIR holds ``<split>/text/NAME.txt`` and ``<split>/attributions/NAME_ANNOTATOR.ann``.
When several annotators annotated one document, the file whose annotator code sorts first
is used (deterministic; the others are ignored). Each text runs through the production
path ``Pipeline(["parse", "entities", "quotes"])`` with the default options, or with
``analysis.quote_types`` set by ``--types`` (e.g. ``--types speech`` for reported speech
only); the scope used is printed.

Matching. A gold attribution is (content spans, cue spans, source spans); brat spans may be
discontinuous. A predicted quote and a gold attribution *match* when their content spans
overlap by at least one character; pairs are matched one-to-one, greedily by overlap size.
- content P/R/F1: matched pairs / predictions, matched pairs / gold attributions ("overlap");
  "exact": the matched pair's content texts are equal after removing quotation marks,
  surrounding punctuation, whitespace and a leading "that".
- cue and source, *overall*: a matched pair counts as correct when the predicted cue (source)
  overlaps / exactly equals (same normalisation) the gold cue (source); P divides by the
  predictions (with a source, for source), R by the gold attributions (with a source).
- source *on matched pairs*: accuracy of the source over matched pairs whose gold has one.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyze.quotes import extract_quotes, quote_types
from storyline.config import default_options
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline

Span = tuple[int, int]


@dataclass
class Gold:
    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


def _spans(field_: str) -> list[Span]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, list[Span]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _type, _, rest = cols[1].partition(" ")
            spans[cols[0]] = _spans(rest)
        elif line.startswith("E") and len(cols) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in cols[1].split()])  # type: ignore[misc]
    gold = []
    for args in events:
        roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for role, tid in args:
            base = re.sub(r"\d+$", "", role)
            if base in roles:
                roles[base] += spans.get(tid, [])
        if roles["Content"]:
            gold.append(Gold(roles["Content"], roles["Cue"], roles["Source"]))
    return gold


def load(data: Path, split: str, limit: int | None) -> list[tuple[str, str, list[Gold], str]]:
    by_doc: dict[str, list[Path]] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        name, _, _annotator = ann.stem.rpartition("_")
        by_doc.setdefault(name, []).append(ann)
    docs = []
    for name in sorted(by_doc):
        txt = data / split / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        ann = sorted(by_doc[name], key=lambda p: p.stem.rpartition("_")[2])[0]
        docs.append((name, txt.read_text("utf-8"), read_ann(ann), ann.stem.rpartition("_")[2]))
    return docs[:limit] if limit else docs


def overlap(a: list[Span], b: list[Span]) -> int:
    return sum(max(0, min(x1, y1) - max(x0, y0)) for x0, x1 in a for y0, y1 in b)


_STRIP = "\"'“”‘’«»„ \n\t.,;:!?—–-"


def norm(text: str, spans: list[Span]) -> str:
    joined = " ".join(text[a:b] for a, b in sorted(spans))
    joined = re.sub(r"[\"“”«»„]", " ", joined)
    joined = " ".join(joined.split()).strip(_STRIP)
    return re.sub(r"^that\s+", "", joined, flags=re.I).strip(_STRIP).casefold()


def pred_spans(q: Quote) -> tuple[list[Span], list[Span], list[Span]]:
    cue = [(q.cue_start, q.cue_end)] if q.cue_start is not None and q.cue_end is not None else []
    src = ([(q.speaker_start, q.speaker_end)]
           if q.speaker_start is not None and q.speaker_end is not None else [])
    return [(q.start, q.end)], cue, src


def match(preds: list[Quote], gold: list[Gold]) -> list[tuple[int, int]]:
    pairs = []
    for i, q in enumerate(preds):
        content = pred_spans(q)[0]
        for j, g in enumerate(gold):
            ov = overlap(content, g.content)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _ov, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


_SPEECH_WORDS = """
say says said saying tell tells told telling according add adds added adding write writes
wrote writing state states stated announce announces announced warn warns warned claim
claims claimed insist insists insisted argue argues argued note notes noted explain explains
explained ask asks asked reply replied respond responded tweet tweeted : ― —
"""
SPEECH_CUES = frozenset(_SPEECH_WORDS.split())


def _is_speech(text: str, g: Gold) -> bool:
    """A gold attribution whose cue contains a reported-speech word (the stage's target)."""
    words = " ".join(text[a:b] for a, b in g.cue).casefold().replace(":", " : ").split()
    return any(w.strip(".,") in SPEECH_CUES for w in words)


def source_correct(q: Quote, g: Gold) -> bool:
    """A matched pair counts for source (overlap): the gold has a source and the
    predicted one overlaps it."""
    return bool(g.source) and overlap(pred_spans(q)[2], g.source) > 0


class SourceScore:
    """End-to-end source (overlap) P/R/F1 accumulated over documents: the headline figure,
    for scripts that compare variants of the stage (benchmarks/polnear_probe.py, ...)."""

    def __init__(self) -> None:
        self.tp = self.n_pred = self.n_gold = 0

    def add(self, quotes: list[Quote], gold: list[Gold]) -> None:
        self.tp += sum(source_correct(quotes[i], gold[j]) for i, j in match(quotes, gold))
        self.n_pred += sum(1 for q in quotes if q.speaker_start is not None)
        self.n_gold += sum(1 for g in gold if g.source)

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.n_pred, self.n_gold)

    def __str__(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    def __init__(self) -> None:
        self.c: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def note(self, category: str, example: str) -> None:
        self.errors[category] += 1
        self.examples.setdefault(category, []).append(example)

    def add(self, text: str, preds: list[Quote], gold: list[Gold]) -> None:
        c = self.c
        c["pred"] += len(preds)
        c["gold"] += len(gold)
        c["pred_src"] += sum(1 for q in preds if q.speaker_start is not None)
        c["gold_src"] += sum(1 for g in gold if g.source)
        pairs = match(preds, gold)
        c["match"] += len(pairs)
        for i, j in pairs:
            p_content, p_cue, p_src = pred_spans(preds[i])
            g = gold[j]
            c["content_exact"] += norm(text, p_content) == norm(text, g.content)
            c["cue_overlap"] += overlap(p_cue, g.cue) > 0
            c["cue_exact"] += bool(g.cue) and norm(text, p_cue) == norm(text, g.cue)
            if g.source:
                c["match_gold_src"] += 1
                ok = overlap(p_src, g.source) > 0
                c["src_overlap"] += ok
                c["src_exact"] += bool(p_src) and norm(text, p_src) == norm(text, g.source)
                if not ok:
                    got = norm(text, p_src) if p_src else "(none)"
                    self.note("source wrong on a matched pair",
                              f"gold {norm(text, g.source)!r} got {got!r}")
        matched_g = {j for _, j in pairs}
        matched_p = {i for i, _ in pairs}
        for j, g in enumerate(gold):
            speech = _is_speech(text, g)
            c["gold_speech"] += speech
            c["gold_speech_src"] += speech and bool(g.source)
            if j not in matched_g:
                cue = " ".join(norm(text, g.cue).split()[:3]) if g.cue else "(no cue)"
                self.note(f"missed gold, cue {cue!r}", norm(text, g.content)[:100])
        for i, j in pairs:
            if _is_speech(text, gold[j]):
                c["match_speech"] += 1
                c["src_speech"] += bool(gold[j].source) and overlap(
                    pred_spans(preds[i])[2], gold[j].source) > 0
        for i, q in enumerate(preds):
            c[f"type:{q.type}"] += 1
            c[f"type_ok:{q.type}"] += i in matched_p
            if i not in matched_p:
                self.note(f"spurious {q.kind} quote, cue {q.cue!r}",
                          f"{q.speaker_text!r}: {q.text[:100]!r}")

    def report(self) -> None:
        c = self.c
        print(f"attributions: gold {c['gold']} (with source {c['gold_src']}), "
              f"predicted {c['pred']} (with source {c['pred_src']}), matched {c['match']}")
        rows = [
            ("content (overlap)", c["match"], c["pred"], c["gold"]),
            ("content (exact)", c["content_exact"], c["pred"], c["gold"]),
            ("cue (overlap)", c["cue_overlap"], c["pred"], c["gold"]),
            ("cue (exact)", c["cue_exact"], c["pred"], c["gold"]),
            ("source (overlap)", c["src_overlap"], c["pred_src"], c["gold_src"]),
            ("source (exact)", c["src_exact"], c["pred_src"], c["gold_src"]),
        ]
        print(f"{'':20s} {'P':>6s} {'R':>6s} {'F1':>6s}")
        for name, tp, n_pred, n_gold in rows:
            p, r, f = prf(tp, n_pred, n_gold)
            print(f"{name:20s} {p:6.3f} {r:6.3f} {f:6.3f}")
        print(f"recall on the {c['gold_speech']} gold attributions with a reported-speech cue "
              f"(say/tell/according to/add/write/...): content "
              f"{c['match_speech'] / max(c['gold_speech'], 1):.3f}, source (overlap) "
              f"{c['src_speech'] / max(c['gold_speech_src'], 1):.3f}")
        by_type = [(k[5:], c[k], c[f"type_ok:{k[5:]}"]) for k in sorted(c) if k.startswith("type:")]
        print("predictions by type (matched a gold attribution): " + ", ".join(
            f"{t} {n} ({ok / max(n, 1):.2f})" for t, n, ok in by_type))
        n = c["match_gold_src"] or 1
        print(f"source accuracy on matched pairs ({c['match_gold_src']}): overlap "
              f"{c['src_overlap'] / n:.3f}, exact {c['src_exact'] / n:.3f}")

    def report_errors(self, top: int, k: int) -> None:
        print("\nlargest error categories:")
        for cat, n in self.errors.most_common(top):
            print(f"{n:6d}  {cat}")
            for ex in self.examples[cat][:k]:
                print(f"          {ex}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true", help="print the largest error categories")
    ap.add_argument("--examples", type=int, default=3, help="examples per error category")
    ap.add_argument("--top", type=int, default=25, help="error categories to print")
    ap.add_argument("--types", default=None,
                    help="comma-separated attribution types to report (analysis.quote_types); "
                         "default: the configured default")
    args = ap.parse_args(argv)
    docs = load(args.data, args.split, args.limit)
    if not docs:
        print(f"no documents under {args.data / args.split}", file=sys.stderr)
        return 2
    options = default_options()
    if args.types:
        options = options.replace(**{"analysis.quote_types": args.types.split(",")})
    types = quote_types(options)
    pipeline = Pipeline(["parse", "entities", "quotes"], options)
    pipeline(Article(text="Warm-up."))  # load the model outside the timed loop
    tally = Tally()
    annotators: Counter[str] = Counter()
    t0 = time.perf_counter()
    words = 0
    stage_time = 0.0
    for _name, text, gold, annotator in docs:
        annotators[annotator] += 1
        article = pipeline(Article(text=text))
        words += len(text.split())
        tally.add(text, article.quotes, gold)
        # The quotes stage alone: re-run it on the parsed article (same Doc, same entities).
        s0 = time.perf_counter()
        extract_quotes(article, types)
        stage_time += time.perf_counter() - s0
    elapsed = time.perf_counter() - t0 - stage_time
    print(f"PolNeAR {args.split}: {len(docs)} documents, {words} words, annotation file per "
          f"document = first annotator code in sort order ({dict(sorted(annotators.items()))})")
    print(f"scope: analysis.quote_types = {sorted(types)}")
    print(f"time: {elapsed:.1f}s ({len(docs) / elapsed:.1f} docs/s, parse+entities+quotes, "
          f"shared machine)")
    print(f"quotes stage alone: {1000 * stage_time / len(docs):.1f} ms/document, "
          f"{1000 * stage_time / max(words / 500, 1):.1f} ms per 500 words")
    tally.report()
    if args.errors:
        tally.report_errors(args.top, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
