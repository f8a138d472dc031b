"""How often a real story's timeline dates its main event (basil-style data).

Usage:
    .venv/bin/python benchmarks/timeline_stories.py DATA_DIR [--db PATH] [--show N]

DATA_DIR holds ``corpus/*.txt`` with sidecars and ``gold.json`` (STEM -> ``event``). The
articles are ingested with their sidecars and analyzed; then, per gold event (the gold
story, so clustering errors do not count here), the story timeline is built exactly as
``storyline story`` draws it (the two main actors, else the lead actor) and we print:

* the share of stories whose timeline has at least one dated entry;
* the share with a dated entry for the main event: an entry whose interval overlaps the
  week before the first publication up to the last one (news reports its event within
  days; older entries are background);
* entries per story, and how many entries merge mentions from several articles.

The data is only read, never copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from storyline import Storyline
from storyline.config import load_options
from storyline.model import Article
from storyline.stories.timeline import story_timeline
from storyline.stories.view import top_actors

WINDOW_DAYS = 7  # the main event happened at most this long before the first article


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--db", type=Path, default=None, help="reuse an analyzed store")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="print N stories without a main-event entry")
    args = ap.parse_args(argv)
    gold = json.loads((args.data / "gold.json").read_text())
    db = args.db or Path(tempfile.mkdtemp()) / "timeline.db"
    sl = Storyline(load_options(overrides={"store.url": f"sqlite:///{db}",
                                           "ingest.progress": "false"}))
    t0 = time.perf_counter()
    sl.ingest([args.data / "corpus"])
    sl.analyze()
    by_event: dict[str, list[Article]] = defaultdict(list)
    for a in sl.store.iter_articles():
        stem = Path(a.source_path or "").stem
        if stem in gold:
            by_event[gold[stem]["event"]].append(a)
    dated = main_dated = entries = merged = 0
    shown = 0
    for event, arts in sorted(by_event.items()):
        tl = story_timeline(arts, top_actors(arts))
        days = sorted(a.published for a in arts if a.published)
        first = dt.date.fromisoformat(days[0]) - dt.timedelta(days=WINDOW_DAYS) if days else None
        lo, hi = (first.isoformat(), days[-1]) if first else ("", "")
        entries += len(tl.entries)
        merged += sum(1 for e in tl.entries if len({ev.article_id for ev in e.evidence}) > 1)
        dated += bool(tl.entries)
        hit = any(e.begin and e.finish and e.begin <= hi and lo <= e.finish for e in tl.entries)
        main_dated += hit
        if not hit and shown < args.show:
            shown += 1
            print(f"  {event[:8]} {lo}..{hi} actors={tl.actors}: "
                  f"{[(e.shown_date(), e.title) for e in tl.entries][:4]}")
    n = len(by_event)
    sl.close()
    print(f"{args.data.name}: {n} gold stories, {sum(map(len, by_event.values()))} articles")
    print(f"timeline with >= 1 dated entry:           {dated}/{n} = {100 * dated / n:.1f}%")
    print(f"dated entry for the main event (window):  {main_dated}/{n} = "
          f"{100 * main_dated / n:.1f}%")
    print(f"entries per story {entries / n:.2f}; entries merging several articles: {merged}")
    print(f"{time.perf_counter() - t0:.0f} s (ingest + analysis included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
