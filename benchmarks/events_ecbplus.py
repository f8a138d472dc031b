"""Event triggers of the "events" stage against ECB+ action mentions.

    .venv/bin/python benchmarks/events_ecbplus.py ../shared/data/ecbplus-dev [--limit N]

ECB+ annotates event mentions (ACTION_*) only in some sentences, and every kind of action,
while the stage looks for a narrow lexicon (visits, meetings, summits, ceremonies,
agreements, announcements). So we report:

* precision: of the stage's triggers in annotated sentences, the share on a gold action;
* in-scope recall: of gold actions whose head is a lexicon verb/noun (frame-restricted
  lemmas like reporting verbs excluded), the share found: this measures the argument
  rules (an event needs a named actor or place), not the lexicon's breadth;
* overall recall against all gold actions, for scale (expected to be low);
* the events stage's own time per document (parse and other stages excluded).

Documents are detokenized one sentence per line; ECB+ has no publication dates, so time
normalization is anchor-less (this benchmark does not score times).
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from storyline.analyze.events import extract_events
from storyline.analyze.events.lexicon import NOUN_TRIGGERS, REPORTING, VERB_TRIGGERS
from storyline.config import load_options
from storyline.model import Article
from storyline.pipeline import Pipeline


def load_doc(path: Path) -> tuple[Article, list[tuple[int, int]], set[int]]:
    """Article, gold action char spans, and the sentence numbers that carry annotations."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int, int]] = {}
    lines: dict[int, list[str]] = {}  # insertion-ordered: one line per sentence
    pos = 0
    parts: list[str] = []
    current = None
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if current is not None and sent != current:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        current = sent
        word = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), sent)
        lines.setdefault(sent, []).append(word)
        parts.append(word)
        pos += len(word)
    text = "".join(parts)
    line_of = {sent: i for i, sent in enumerate(lines)}  # sentence number -> line index
    gold: list[tuple[int, int]] = []
    annotated: set[int] = set()
    markables = root.find("Markables")
    for mark in markables if markables is not None else []:
        anchors = [offsets[a.get("t_id", "")] for a in mark.iter("token_anchor")
                   if a.get("t_id", "") in offsets]
        annotated.update(line_of[s] for _, _, s in anchors)
        if mark.tag.startswith("ACTION") and anchors:
            gold.append((anchors[0][0], anchors[0][1]))  # head token of the mention
    return Article(id=path.stem, text=text), gold, annotated


def _in_scope(tok: object, lexicon: set[str]) -> bool:
    """A gold head the stage could fire on: a lexicon lemma with the matching part of speech."""
    lemma, pos = getattr(tok, "lemma_", "").lower(), getattr(tok, "pos_", "")
    if lemma not in lexicon:
        return False
    return (pos == "VERB" and lemma in VERB_TRIGGERS) or (pos in ("NOUN", "PROPN")
                                                          and lemma in NOUN_TRIGGERS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N documents.")
    args = parser.parse_args()
    files = sorted(args.data.rglob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no ECB+ .xml files under {args.data}")
    options = load_options(overrides={"ingest.progress": "false"})
    pipe = Pipeline(["parse", "entities", "temporal"], options)
    # Lemmas that are triggers only in some frames (reporting verbs, "go to", "mark an
    # anniversary") are left out of the in-scope set: their recall is by design partial.
    lexicon = (set(VERB_TRIGGERS) | set(NOUN_TRIGGERS)) - REPORTING - {"go", "mark"}
    missed: Counter[str] = Counter()
    found = hits = in_scope = in_scope_found = gold_total = gold_found = 0
    types: Counter[str] = Counter()
    spent = 0.0
    loaded = [load_doc(f) for f in files]
    for (_, gold, annotated), done in zip(loaded, pipe.pipe(a for a, _, _ in loaded),
                                                strict=True):
        started = time.perf_counter()
        events = extract_events(done)
        spent += time.perf_counter() - started
        triggers = set()
        for ev in events:
            at = done.text.find(ev.trigger, ev.start, ev.end)
            if at >= 0:
                triggers.add((at, at + len(ev.trigger), ev.type))
        for start, end, kind in triggers:
            line = done.text.count("\n", 0, start)
            if line not in annotated:
                continue
            found += 1
            types[kind] += 1
            hits += any(g[0] < end and start < g[1] for g in gold)
        for g in gold:
            gold_total += 1
            got = any(t[0] < g[1] and g[0] < t[1] for t in triggers)
            gold_found += got
            span = done.doc.char_span(g[0], g[1], alignment_mode="expand") if done.doc else None
            head = span[0] if span is not None and len(span) else None
            if head is not None and _in_scope(head, lexicon):
                in_scope += 1
                in_scope_found += got
                if not got:
                    missed[head.lemma_.lower()] += 1
    n = len(files)
    print(f"documents: {n}")
    print(f"triggers in annotated sentences: {found} ({dict(types)})")
    print(f"precision (trigger on a gold action): {hits / max(found, 1):.3f}")
    print(f"in-scope recall (gold head lemma in lexicon): {in_scope_found}/{in_scope} = "
          f"{in_scope_found / max(in_scope, 1):.3f}")
    print(f"in-scope misses by lemma: {dict(missed.most_common(8))}")
    print(f"overall recall (all gold actions): {gold_found}/{gold_total} = "
          f"{gold_found / max(gold_total, 1):.3f}")
    print(f"events stage time: {1000 * spent / n:.2f} ms/document (parse etc. excluded)")


if __name__ == "__main__":
    main()
