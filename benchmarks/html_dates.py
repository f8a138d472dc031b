"""Dates of HTML pages: the page's own metadata first (trafilatura's htmldate), then the text.

Usage:
    .venv/bin/python benchmarks/html_dates.py DATA_DIR [--limit N]

DATA_DIR is a basil-style folder (``corpus/*.txt`` + ``*.txt.meta.json`` with
``published`` and ``url``). Each article is wrapped, in memory, in HTML pages that state
its date the ways news sites do, and run through ``storyline``'s cleaning and "temporal"
stage (no sidecar, regex tense):

* ``meta``: ``<meta property="article:published_time">``;
* ``jsonld``: a JSON-LD ``NewsArticle`` with ``datePublished``;
* ``time``: a ``<time datetime=...>`` element in the byline, no metadata;
* ``url``: no date anywhere in the markup, but the page's canonical URL (the real one);
* ``none``: no date in the markup and no URL: only the text can tell.

For each layout it prints where the date came from (html metadata / text dateline /
inferred / nothing) and the share with the right day and the right year. The pages are
built at run time; nothing is written to disk.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.analyze.temporal.stage import Temporal
from storyline.clean import to_article
from storyline.config import Options
from storyline.errors import InputError
from storyline.ingest.records import RawRecord

LAYOUTS = ("meta", "jsonld", "time", "url", "none")


def page(title: str, body: str, published: str, url: str | None, layout: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    head = f"<title>{html.escape(title)}</title>"
    if url and layout in ("meta", "jsonld", "time", "url"):
        head += f'<link rel="canonical" href="{html.escape(url)}">'
    if layout == "meta":
        head += f'<meta property="article:published_time" content="{published}T08:00:00Z">'
    if layout == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
              "datePublished": f"{published}T08:00:00Z"}
        head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    byline = "<p class=\"byline\">By Staff</p>"
    if layout == "time":
        byline = f'<p class="byline">By Staff, <time datetime="{published}">{published}</time></p>'
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>"
            f"<article><h1>{html.escape(title)}</h1>{byline}{paras}</article></body></html>")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    options = Options()
    temporal = Temporal(options)
    files = sorted((args.data / "corpus").glob("*.txt"))
    if args.limit:
        files = files[:args.limit]
    t0 = time.perf_counter()
    for layout in LAYOUTS:
        how: Counter[str] = Counter()
        day = year = 0
        for txt in files:
            meta = json.loads(txt.with_name(txt.name + ".meta.json").read_text())
            title, _, body = txt.read_text(encoding="utf-8").partition("\n\n")
            truth = meta["published"][:10]
            url = meta.get("url") if layout != "none" else None
            content = page(title.strip(), body, truth, url, layout)
            try:
                art = to_article(RawRecord(source=txt.name, format="html", content=content,
                                           is_html=True, url=url), options)
            except InputError:
                how["unreadable"] += 1
                continue
            if art.published:
                got, src = art.published, art.published_source or "?"
            else:
                art = temporal(art)
                got = art.inferred_date.anchor if art.inferred_date else None
                src = "inferred" if got else "nothing"
            how[src] += 1
            day += got == truth
            year += bool(got) and got[:4] == truth[:4]
        n = len(files)
        print(f"{layout:<7} right day {100 * day / n:5.1f}%  right year {100 * year / n:5.1f}%"
              f"  from: {', '.join(f'{k} {v}' for k, v in how.most_common())}")
    print(f"\n{len(files)} articles x {len(LAYOUTS)} layouts, {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
