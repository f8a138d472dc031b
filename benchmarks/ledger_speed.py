"""Time of the story layer (ledger, timeline, reports) on a large synthetic story.

    .venv/bin/python benchmarks/ledger_speed.py examples/corpus [--copies 200]

The corpus articles are analyzed once (all analysis stages), then copied under distinct
outlets (so every copy is an independent source) to make one story of N articles; the
script times ``build_ledger``, ``build_timeline`` for the two main actors and the three
report formats. It measures the story layer only, not the NLP.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

from storyline.config import load_options
from storyline.ingest import ingest_paths
from storyline.pipeline import Pipeline
from storyline.store import Store, StoryRow
from storyline.stories.ledger import build_ledger
from storyline.stories.report import render_report
from storyline.stories.timeline import build_timeline
from storyline.stories.types import StoryView
from storyline.stories.view import top_actors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    options = load_options(overrides={"store.url": "sqlite://", "ingest.progress": "false"})
    store = Store(options.store.url)
    ingest_paths([args.corpus], store, options, progress=False)
    base = list(Pipeline(options.analysis.stages, options).pipe(store.iter_articles()))
    if not base:
        sys.exit(f"no articles read from {args.corpus}")
    story = []
    for i in range(args.copies):
        for a in base:
            c = copy.copy(a)
            c.doc = None
            c.id, c.outlet = f"{a.id}-{i}", f"{a.outlet or 'outlet'} {i}"
            story.append(c)
    started = time.perf_counter()
    ledger = build_ledger(story, "big")
    t_ledger = time.perf_counter() - started
    actors = top_actors(story)
    started = time.perf_counter()
    timeline = build_timeline(story, actors)
    t_timeline = time.perf_counter() - started
    view = StoryView(StoryRow("big", "synthetic", len(story), None, None, {}), story, ledger,
                     timeline)
    started = time.perf_counter()
    sizes = {fmt: len(render_report(view, fmt)) for fmt in ("md", "html", "json")}
    t_reports = time.perf_counter() - started
    print(f"articles in story: {len(story)} ({len(base)} analyzed x {args.copies} copies)")
    print(f"facts: {len(ledger.facts)}; timeline entries: {len(timeline.entries)} {actors}")
    print(f"build_ledger: {t_ledger:.2f} s; build_timeline: {t_timeline:.2f} s; "
          f"3 reports: {t_reports:.2f} s ({sizes})")


if __name__ == "__main__":
    main()
