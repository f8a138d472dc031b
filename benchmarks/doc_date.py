"""Document date inference on dated documents whose date is hidden.

Usage:
    .venv/bin/python benchmarks/doc_date.py DATA_DIR [DATA_DIR ...] [--no-parse] [--show N]

Each DATA_DIR is either a TempEval-3 style folder of TimeML ``.tml`` files (the hidden date
is the DCT; the text is ``<TEXT>`` only) or a basil-style folder with ``corpus/*.txt`` and
sidecars ``*.txt.meta.json`` (the hidden date is ``published``; the text is cleaned as
``storyline ingest`` would, without the sidecar). For each document the date is inferred
from the text alone (``storyline.analyze.temporal.docdate``) and compared with the truth:

* found: share of documents that get any date (strict dateline, dateparser dateline, or an
  inferred interval);
* right year / right month: the anchor used for resolution has the true year / month;
* in interval: the true date lies inside the inferred interval;
* for TimeML data, TempEval-3 value F1 with the true DCT and with the inferred date
  (relative expressions resolved against it as the pipeline does).

The data is only read, never copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tempeval import Counts, load, report, score_doc

from storyline.analyze.temporal import find_timexes
from storyline.analyze.temporal.docdate import infer_document_date
from storyline.analyze.temporal.stage import resolve_inferred
from storyline.clean import to_article
from storyline.clean.metadata import find_dateline
from storyline.config import AnalysisOptions, Options
from storyline.ingest.records import RawRecord
from storyline.model import InferredDate, Timex


def infer(text: str, doc: Any, url: str | None = None) -> tuple[InferredDate | None,
                                                                list[Timex]]:
    """What the "temporal" stage does for an undated article: (inferred date, timexes)."""
    unanchored = find_timexes(text, None, doc=doc)
    inferred = infer_document_date(text, unanchored, doc, dateline=find_dateline(text, url))
    if inferred is None:
        return None, unanchored
    return inferred, resolve_inferred(text, inferred, unanchored, doc)


class Tally:
    def __init__(self) -> None:
        self.n = 0
        self.counts: Counter[str] = Counter()
        self.how: Counter[str] = Counter()

    def add(self, truth: dt.date, anchor: str | None, interval: tuple[str, str] | None,
            how: str) -> None:
        self.n += 1
        self.how[how] += 1
        if anchor is None:
            return
        self.counts["found"] += 1
        self.counts["year"] += anchor[:4] == f"{truth.year:04d}"
        self.counts["month"] += anchor[:7] == truth.isoformat()[:7]
        if interval:
            self.counts["inside"] += interval[0] <= truth.isoformat() <= interval[1]

    def lines(self, name: str) -> list[str]:
        def pct(k: str) -> str:
            return f"{100 * self.counts[k] / self.n:5.1f}%" if self.n else "  -  "
        hows = ", ".join(f"{k} {v}" for k, v in self.how.most_common())
        return [f"{name:<16} {self.n:4d} docs | found {pct('found')} | right year {pct('year')}"
                f" | right month {pct('month')} | true date in interval {pct('inside')}",
                f"{'':<16} by: {hows}"]


def _how(inferred: InferredDate | None) -> str:
    if inferred is None:
        return "nothing"
    first = inferred.cues[0] if inferred.cues else ""
    for key, name in (("dateline", "dateline"), ("URL", "URL"), ("year from", "arithmetic"),
                      ("latest dated", "tense bounds"), ("planned", "planned date")):
        if key in first:
            return name
    return "other"


def run_timeml(path: Path, nlp: Any, show: int) -> list[str]:
    tally, with_dct, with_inferred = Tally(), Counts(), Counts()
    shown = 0
    for doc in load(path, "all"):
        if doc.dct is None:
            continue
        parsed = nlp(doc.text) if nlp is not None else None
        inferred, system = infer(doc.text, parsed)
        tally.add(doc.dct, inferred.anchor if inferred else None,
                  (inferred.begin, inferred.finish) if inferred else None, _how(inferred))
        with_dct.add(score_doc(doc, nlp=None, system=find_timexes(doc.text, doc.dct,
                                                                   doc=parsed)))
        with_inferred.add(score_doc(doc, system=system))
        if shown < show and (inferred is None or inferred.anchor[:4] != str(doc.dct.year)):
            shown += 1
            print(f"  miss {doc.name}: true {doc.dct}, got "
                  f"{inferred.display() if inferred else None} {inferred.cues if inferred else ''}")
    return [*tally.lines(path.name),
            "value F1 with the true DCT:     " + report("", with_dct).split("|")[-1].strip(),
            "value F1 with the inferred date: " + report("", with_inferred).split("|")[-1].strip()]


def run_sidecar(path: Path, nlp: Any, show: int, with_url: bool) -> list[str]:
    tally, options = Tally(), Options()
    shown = 0
    for txt in sorted((path / "corpus").glob("*.txt")):
        meta = json.loads(txt.with_name(txt.name + ".meta.json").read_text())
        truth = meta["published"]
        truth_day = dt.date.fromisoformat(truth[:10])
        # As `storyline ingest` reads a plain-text page without its sidecar.
        art = to_article(RawRecord(source=str(txt), format="text",
                                   content=txt.read_text(encoding="utf-8")), options)
        if art.published:
            tally.add(truth_day, art.published, (art.published, art.published), "strict dateline")
            continue
        inferred, _ = infer(art.text, nlp(art.text) if nlp is not None else None,
                            meta.get("url") if with_url else None)
        tally.add(truth_day, inferred.anchor if inferred else None,
                  (inferred.begin, inferred.finish) if inferred else None, _how(inferred))
        if shown < show and (inferred is None or inferred.anchor[:4] != truth[:4]):
            shown += 1
            print(f"  miss {txt.stem}: true {truth}, got "
                  f"{inferred.display() if inferred else None} {inferred.cues if inferred else ''}")
    return tally.lines(path.name + (" +url" if with_url else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dirs", type=Path, nargs="+")
    ap.add_argument("--no-parse", action="store_true", help="tense from regex cues only")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N wrong years")
    ap.add_argument("--with-url", action="store_true",
                    help="sidecar folders: give the page's URL (not its date), as a scraped "
                         "HTML/WARC page would have")
    args = ap.parse_args(argv)
    nlp = None
    if not args.no_parse:
        from storyline.analyze.parse import load_nlp

        nlp = load_nlp(AnalysisOptions().spacy_model)
    t0 = time.perf_counter()
    for path in args.data_dirs:
        if any(path.rglob("*.tml")):
            lines = run_timeml(path, nlp, args.show)
        elif (path / "corpus").is_dir():
            lines = run_sidecar(path, nlp, args.show, args.with_url)
        else:
            print(f"{path}: neither .tml files nor corpus/*.txt", file=sys.stderr)
            return 2
        print("\n".join(lines))
    print(f"\n{time.perf_counter() - t0:.1f} s, "
          f"{'regex tense only' if nlp is None else 'tense from the spaCy parse'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
