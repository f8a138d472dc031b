"""storyline watch over a local site serving ECB+ documents as news pages: a feed that grows
each round, fetched over HTTP on 127.0.0.1 and ingested, analyzed and clustered round by
round (the first round also loads the models). Prints per round the new pages, the wall time and the changes logged, then the
stories the rounds built against the ECB+ gold (topic + ecb/ecbplus), as benchmarks/ecbplus.py
does for a one-shot run.

    .venv/bin/python benchmarks/watch_rounds.py ../shared/data/ecbplus-dev --rounds 8

The pages are the ECB+ texts (no dates: ECB+ has none) wrapped in HTML; politeness delays
are 0 because the only host is loopback. A second pass over the same feed checks that
nothing is fetched or stored twice.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ecbplus import gold_label, read_document, report

from storyline import Storyline, load_options


def page_html(text: str, titles: bool) -> bytes:
    """The document as a page; with ``titles`` its first line of words becomes the <title>
    (ECB+ has no headlines; without, the article has none, as in benchmarks/ecbplus.py)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head = ""
    if titles:  # ECB+ pages often start with their URL: skip it
        words = [ln for ln in lines if not ln.startswith(("http", "www"))] or ["untitled"]
        head = f"<title>{html.escape(' '.join(words[0].split()[:12]))}</title>"
    body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body><article>"
            f"{body}</article></body></html>").encode()


class Site:
    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.visible: list[str] = []  # paths listed in the feed so far
        self.base = ""

    def feed(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link></item>"
                        for p in self.visible)
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>ECB+ wire</title>"
                f"{items}</channel></rss>").encode()


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/feed.xml":
                body, ctype, status = site.feed(), "application/rss+xml", 200
            elif self.path in site.pages:
                body, ctype, status = site.pages[self.path], "text/html; charset=utf-8", 200
            else:
                body, ctype, status = b"", "text/plain", 404
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="ECB+ folder (TOPIC/NAME.xml)")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--limit", type=int, default=0, help="use the first N documents (0: all)")
    ap.add_argument("--embedder", default=None, help="stories.embedder (default: configured)")
    ap.add_argument("--seed", type=int, default=13, help="order in which pages appear")
    ap.add_argument("--titles", action="store_true",
                    help="give each page a <title> made of its first line of words")
    args = ap.parse_args()
    paths = sorted(args.data.glob("*/*.xml"))
    if args.limit:
        paths = paths[:args.limit]
    if not paths:
        sys.exit(f"no ECB+ XML files under {args.data}")
    print(f"data: {args.data} ({len(paths)} documents), {args.rounds} rounds, "
          f"titles {'on' if args.titles else 'off'}")
    pages = {f"/doc/{p.parent.name}/{p.stem}": page_html(read_document(p).text, args.titles)
             for p in paths}
    gold_of = {f"/doc/{p.parent.name}/{p.stem}": gold_label(p) for p in paths}
    site = Site(pages)
    server = serve(site)
    workdir = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    overrides = {"store.url": f"sqlite:///{workdir / 'watch.db'}", "ingest.progress": "false",
                 "watch.host_delay": "0", "watch.max_pages": str(len(paths))}
    if args.embedder:
        overrides["stories.embedder"] = args.embedder
    sl = Storyline(load_options(overrides=overrides))
    feed = [site.base + "/feed.xml"]
    order = list(pages)
    random.Random(args.seed).shuffle(order)  # news of all topics arrives mixed
    per_round = -(-len(order) // args.rounds)
    total = 0.0
    for r in range(args.rounds):
        site.visible = order[: (r + 1) * per_round]
        t0 = time.perf_counter()
        rep = sl.watch_round(feed)
        dt = time.perf_counter() - t0
        total += dt
        kinds = {k: sum(c["kind"] == k for c in rep.changes) for k in ("new_story",)}
        print(f"round {r + 1}: {rep.announced:>4} new links  {rep.stored:>4} stored  "
              f"{rep.known:>2} already stored  "
              f"{rep.analyzed:>4} analyzed  {dt:7.1f} s  {dt / max(rep.stored, 1):6.2f} s/article"
              f"  {kinds['new_story']:>4} new stories  {len(rep.failures)} failed")
    t0 = time.perf_counter()
    again = sl.watch_round(feed)
    print(f"replay: {again.announced} new links, {again.stored} stored, "
          f"{len(again.changes)} changes ({time.perf_counter() - t0:.1f} s)")
    rows = sl.articles(limit=len(paths) + 10)
    by_url = {r["url"].removeprefix(site.base): r for r in rows if r.get("url")}
    docs = [p for p in order if p in by_url]
    print(f"stored {len(rows)} articles for {len(paths)} pages; total {total:.1f} s "
          f"({total / max(len(rows), 1):.2f} s/article)")
    report("watch rounds (incremental)", [gold_of[p] for p in docs],
           [by_url[p]["story_id"] or p for p in docs])
    server.shutdown()
    sl.close()


if __name__ == "__main__":
    main()
