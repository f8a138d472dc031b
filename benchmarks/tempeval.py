"""TempEval-3 style benchmark for storyline's temporal normalizer.

Usage:
    .venv/bin/python benchmarks/tempeval.py DATA_DIR [--subset TimeBank|AQUAINT|all] [--errors N]

DATA_DIR holds TimeML ``.tml`` files (directly, or in sub-folders named after the subset,
e.g. ``TimeBank/`` and ``AQUAINT/``). For each file the TIMEX3 tags inside ``<TEXT>`` are the
gold; the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME") is the
anchor given to ``find_timexes``. Scores follow the TempEval-3 definitions:

* strict span P/R/F1: exact character offsets; relaxed span P/R/F1: any overlap;
* type / value accuracy: over relaxed matches;
* type / value F1: relaxed F1 x attribute accuracy (the TE3 "attribute F1").

The data is only read, never copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.analyze.temporal import find_timexes
from storyline.config import AnalysisOptions, TemporalOptions


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    subset: str
    text: str
    dct: dt.date | None
    gold: list[GoldTimex] = field(default_factory=list)


def _walk(elem: ET.Element, parts: list[str], pos: list[int], gold: list[GoldTimex]) -> None:
    """Append ``elem``'s text (tags stripped) to ``parts``, recording TIMEX3 offsets."""
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, pos, gold)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(parts)[start:pos[0]]
        gold.append(GoldTimex(start, pos[0], text, elem.get("type", ""),
                              elem.get("value", "")))


def parse_tml(path: Path, subset: str) -> Doc:
    """Plain text of <TEXT> with gold TIMEX3 offsets, and the DCT."""
    root = ET.parse(path).getroot()
    dct: dt.date | None = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = dt.date.fromisoformat(tx.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    if text_el is not None:
        _walk(text_el, parts, [0], gold)
    gold = [g for g in gold if g.end > g.start]
    return Doc(path.stem, subset, "".join(parts), dct, gold)


def load(data_dir: Path, subset: str) -> list[Doc]:
    docs = []
    for path in sorted(data_dir.rglob("*.tml")):
        name = path.parent.name if path.parent != data_dir else "all"
        if subset != "all" and name.lower() != subset.lower():
            continue
        try:
            docs.append(parse_tml(path, name))
        except ET.ParseError as exc:  # one broken file should not stop the benchmark
            print(f"skipping {path}: not well-formed XML ({exc})", file=sys.stderr)
    return docs


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0  # system spans exactly matching a gold span
    relaxed_sys: int = 0  # system spans overlapping some gold span
    relaxed_gold: int = 0  # gold spans overlapped by some system span
    pairs: int = 0  # relaxed matched pairs (one per gold)
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _prf(hit_sys: int, n_sys: int, hit_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = hit_sys / n_sys if n_sys else 0.0
    r = hit_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_doc(doc: Doc, errors: Counter[str] | None = None, *, nlp: Any = None,
              fine_single_ago: bool = True, past_slack_days: int = 62,
              year_by_tense: bool = True,
              anchor: dt.date | None = None, system: list[Any] | None = None) -> Counts:
    """Score one document; ``anchor`` replaces the DCT, ``system`` replaces the output."""
    if system is None:
        parsed = nlp(doc.text) if nlp is not None else None
        system = find_timexes(doc.text, anchor or doc.dct, doc=parsed,
                              fine_single_ago=fine_single_ago, past_slack_days=past_slack_days,
                              year_by_tense=year_by_tense)
    c = Counts(gold=len(doc.gold), system=len(system))
    gold_spans = {(g.start, g.end) for g in doc.gold}
    c.strict = sum(1 for s in system if (s.start, s.end) in gold_spans)
    c.relaxed_sys = sum(1 for s in system if any(s.start < g.end and g.start < s.end
                                                 for g in doc.gold))
    for g in doc.gold:
        overlaps = [s for s in system if s.start < g.end and g.start < s.end]
        if not overlaps:
            if errors is not None:
                errors[f"MISS   {g.text!r} ({g.type} {g.value})"] += 1
            continue
        c.relaxed_gold += 1
        c.pairs += 1
        s = max(overlaps, key=lambda t: min(t.end, g.end) - max(t.start, g.start))
        c.type_ok += s.type == g.type
        c.value_ok += s.value == g.value
        if errors is not None and s.value != g.value:
            errors[f"VALUE  {g.text!r}: gold {g.type} {g.value}, got {s.type} {s.value} "
                   f"[{s.text!r}] dct={doc.dct}"] += 1
    if errors is not None:
        for s in system:
            if not any(s.start < g.end and g.start < s.end for g in doc.gold):
                errors[f"FALSE  {s.text!r} ({s.type} {s.value})"] += 1
    return c


def report(name: str, c: Counts) -> str:
    sp, sr, sf = _prf(c.strict, c.system, c.strict, c.gold)
    rp, rr, rf = _prf(c.relaxed_sys, c.system, c.relaxed_gold, c.gold)
    type_acc = c.type_ok / c.pairs if c.pairs else 0.0
    value_acc = c.value_ok / c.pairs if c.pairs else 0.0
    return (f"{name:<10} {c.gold:>5} {c.system:>5} | {sp*100:5.2f} {sr*100:5.2f} {sf*100:5.2f} | "
            f"{rp*100:5.2f} {rr*100:5.2f} {rf*100:5.2f} | {type_acc*100:5.2f} {rf*type_acc*100:5.2f}"
            f" | {value_acc*100:5.2f} {rf*value_acc*100:5.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--subset", default="all", help="TimeBank, AQUAINT or all (default)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N most frequent misses, false alarms and wrong values")
    ap.add_argument("--no-parse", action="store_true",
                    help="no spaCy parse: verb tense from the regex fallback only")
    ap.add_argument("--model", default=AnalysisOptions().spacy_model,
                    help="spaCy model for the parse (default: the pipeline's)")
    ap.add_argument("--year-ago", action="store_true",
                    help='resolve "a year ago" to the year (default: the month a year back)')
    ap.add_argument("--past-slack", type=int, default=TemporalOptions().past_year_slack_days,
                    help="temporal.past_year_slack_days (default 62)")
    ap.add_argument("--no-year-by-tense", action="store_true",
                    help="temporal.year_by_tense = false: the fixed year switch only")
    args = ap.parse_args(argv)
    nlp = None
    if not args.no_parse:
        from storyline.analyze.parse import load_nlp

        nlp = load_nlp(args.model)
    docs = load(args.data_dir, args.subset)
    if not docs:
        print(f"no .tml files for subset {args.subset!r} under {args.data_dir}", file=sys.stderr)
        return 2
    errors: Counter[str] | None = Counter() if args.errors else None
    per_subset: dict[str, Counts] = {}
    total = Counts()
    chars = 0
    t0 = time.perf_counter()
    for doc in docs:
        c = score_doc(doc, errors, nlp=nlp, fine_single_ago=not args.year_ago,
                      past_slack_days=args.past_slack,
                      year_by_tense=not args.no_year_by_tense)
        per_subset.setdefault(doc.subset, Counts()).add(c)
        total.add(c)
        chars += len(doc.text)
    elapsed = time.perf_counter() - t0
    print(f"{'subset':<10} {'gold':>5} {'sys':>5} | {'strict P R F1':^17} | "
          f"{'relaxed P R F1':^17} | {'type acc F1':^11} | {'value acc F1':^11}")
    for name in sorted(per_subset):
        print(report(name, per_subset[name]))
    if len(per_subset) > 1:
        print(report("overall", total))
    mode = "regex tense only" if nlp is None else f"tense from {args.model} parse"
    mode += (f", past_year_slack_days={args.past_slack}, "
             f"year_by_tense={not args.no_year_by_tense}")
    print(f"\n{len(docs)} documents, {chars} chars, {elapsed:.2f} s, {mode} "
          f"({len(docs) / elapsed:.1f} docs/s, parse and scoring included)")
    if errors:
        print(f"\nMost frequent errors (top {args.errors}):")
        for line, n in errors.most_common(args.errors):
            print(f"{n:4d}  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
