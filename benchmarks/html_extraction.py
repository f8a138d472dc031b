"""HTML main-text extraction quality: trafilatura with and without its fallback comparison.

Usage:
    .venv/bin/python benchmarks/html_extraction.py DATA_DIR [--limit N]

DATA_DIR is a basil-style folder (``corpus/*.txt``: title, blank line, paragraphs; and
``*.txt.meta.json`` with ``published``, ``outlet`` and ``url``). Each real article is
wrapped, in memory, in HTML pages laid out the ways news sites do, each with boilerplate
that looks like prose (teasers and comments are sentences of *other* articles):

* ``semantic``: ``<article>`` with ``<p>``, navigation, a related-links list, a footer;
* ``divs``: paragraphs as ``<div>``s (no ``<p>``), a sidebar of teaser texts, comments;
* ``br``: an old table layout, paragraphs separated by ``<br><br>`` in one cell;
* ``teasers``: ``<article>`` followed by a "More stories" section of teaser paragraphs;
* ``comments``: ``<article>`` followed by readers' comments in ``<p>``s.

Every page goes through ``storyline.clean.to_article`` (trafilatura with the project's
options, the line rules, metadata) once per ``clean.html_fallback`` mode (``always``:
trafilatura's comparison with readability/justext; ``auto``: only for weak extractions;
``never``: trafilatura's fast mode). It
prints, per layout and mode: word recall (the article's words found, as a multiset), word
precision (extracted words that are the article's), F1, the share of pages with the right
title, date and author, and the CPU seconds of cleaning. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from collections import Counter
from pathlib import Path

from storyline import load_options
from storyline.clean import to_article
from storyline.errors import InputError
from storyline.ingest.records import RawRecord

LAYOUTS = ("semantic", "divs", "br", "teasers", "comments")
MODES = ("always", "auto", "never")  # clean.html_fallback
AUTHOR = "Jordan Avery"
_WORDS = re.compile(r"\w+")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _head(title: str, outlet: str, published: str, url: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{_esc(title)} | {_esc(outlet)}</title>"
            f"<link rel='canonical' href='{_esc(url)}'>"
            f"<meta property='og:site_name' content='{_esc(outlet)}'>"
            f"<meta name='author' content='{AUTHOR}'>"
            f"<meta property='article:published_time' content='{published}T08:00:00Z'>"
            "</head>")


_NAV = ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/politics'>Politics</a></li>"
        "<li><a href='/world'>World</a></li><li><a href='/opinion'>Opinion</a></li></ul></nav>")
_FOOT = ("<footer><p>© 2014 All rights reserved.</p><p><a href='/terms'>Terms of use</a> | "
         "<a href='/privacy'>Privacy policy</a></p></footer>")


def page(layout: str, title: str, paras: list[str], meta: dict[str, str],
         others: list[str]) -> str:
    """One HTML page of the article in ``layout``; ``others`` are sentences of other articles
    used as teasers and comments."""
    head = _head(title, meta.get("outlet") or "The Daily", meta.get("published") or "",
                 meta.get("url") or "https://example.com/story")
    byline = f"<p class='byline'>By {AUTHOR}</p>"
    ps = "".join(f"<p>{_esc(p)}</p>" for p in paras)
    teasers = "".join(f"<p><a href='/s{i}'>{_esc(t)}</a></p>" for i, t in enumerate(others[:4]))
    comments = "".join(f"<li class='comment'><p class='who'>reader{i}</p><p>{_esc(t)}</p></li>"
                       for i, t in enumerate(others[4:8]))
    if layout == "semantic":
        body = (f"{_NAV}<main><article><h1>{_esc(title)}</h1>{byline}{ps}</article></main>"
                "<aside><h3>Most read</h3><ul><li><a href='/a'>Markets rally on rate hopes</a>"
                "</li><li><a href='/b'>New bridge opens</a></li></ul></aside>")
    elif layout == "divs":
        divs = "".join(f"<div class='txt'>{_esc(p)}</div>" for p in paras)
        side = "".join(f"<div class='teaser'>{_esc(t)}</div>" for t in others[:4])
        body = (f"{_NAV}<div id='wrap'><div id='content'><div class='headline'>{_esc(title)}"
                f"</div><div class='byline'>By {AUTHOR}</div>{divs}</div>"
                f"<div class='sidebar'><div class='hd'>Related</div>{side}</div>"
                f"<div id='comments'><div class='hd'>Comments</div><ul>{comments}</ul></div></div>")
    elif layout == "br":
        cell = "<br><br>".join(_esc(p) for p in paras)
        body = ("<table><tr><td class='left'><a href='/'>Home</a><br><a href='/news'>News</a>"
                f"</td><td class='main'><h2>{_esc(title)}</h2><b>By {AUTHOR}</b><br><br>{cell}"
                "</td></tr></table>")
    elif layout == "teasers":
        body = (f"{_NAV}<article><h1>{_esc(title)}</h1>{byline}{ps}</article>"
                f"<section class='related'><h2>More stories</h2>{teasers}</section>")
    else:  # comments
        body = (f"{_NAV}<article><h1>{_esc(title)}</h1>{byline}{ps}</article>"
                f"<section id='comments'><h2>4 Comments</h2><ol>{comments}</ol></section>")
    return f"{head}<body>{body}{_FOOT}</body></html>"


def _bag(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORDS.findall(text))


def load(data: Path, limit: int | None) -> list[tuple[str, list[str], dict[str, str]]]:
    items = []
    for path in sorted((data / "corpus").glob("*.txt"))[:limit]:
        title, _, body = path.read_text("utf-8").partition("\n")
        paras = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
        sidecar = Path(str(path) + ".meta.json")
        meta = json.loads(sidecar.read_text("utf-8")) if sidecar.is_file() else {}
        items.append((title.strip(), paras, meta))
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    items = load(args.data, args.limit)
    sentences = [s for _, paras, _ in items for p in paras for s in re.split(r"(?<=\.) ", p)
                 if len(s.split()) >= 8]
    print(f"data {args.data}: {len(items)} articles x {len(LAYOUTS)} layouts")
    print(f"{'layout':9} {'fallback':8} {'recall':>7} {'precision':>9} {'F1':>6} {'title':>6} "
          f"{'date':>6} {'author':>6} {'failed':>6} {'CPU s':>6}")
    totals: dict[str, list[float]] = {mode: [0, 0, 0, 0.0] for mode in MODES}
    for layout in LAYOUTS:
        for fallback in MODES:
            options = load_options(overrides={"clean.html_fallback": fallback})
            hit = found = gold = 0
            title_ok = date_ok = author_ok = failed = 0
            cpu = 0.0
            for i, (title, paras, meta) in enumerate(items):
                others = sentences[(i * 37) % max(1, len(sentences) - 8):][:8]
                raw = page(layout, title, paras, meta, others)
                start = time.process_time()
                try:
                    article = to_article(RawRecord(source=f"{i}.html", content=raw,
                                                   format="html", is_html=True), options)
                except InputError:
                    failed += 1
                    gold += sum(_bag(" ".join(paras)).values())
                    continue
                finally:
                    cpu += time.process_time() - start
                want, got = _bag(" ".join(paras)), _bag(article.text)
                hit += sum((want & got).values())
                found += sum(got.values())
                gold += sum(want.values())
                title_ok += (article.title or "").strip().casefold() == title.casefold()
                date_ok += article.published == (meta.get("published") or None)
                author_ok += article.author == AUTHOR
            recall, precision = hit / max(1, gold), hit / max(1, found)
            f1 = 2 * recall * precision / max(1e-9, recall + precision)
            n = len(items)
            print(f"{layout:9} {fallback:8} {recall:7.3f} {precision:9.3f} "
                  f"{f1:6.3f} {title_ok / n:6.2f} {date_ok / n:6.2f} {author_ok / n:6.2f} "
                  f"{failed:6d} {cpu:6.2f}")
            t = totals[fallback]
            t[0], t[1], t[2], t[3] = t[0] + hit, t[1] + found, t[2] + gold, t[3] + cpu
    for fallback, (hit, found, gold, cpu) in totals.items():
        recall, precision = hit / max(1, gold), hit / max(1, found)
        print(f"all layouts, fallback {fallback}: recall {recall:.3f}, "
              f"precision {precision:.3f}, F1 {2 * recall * precision / (recall + precision):.3f}"
              f", cleaning {cpu:.2f} CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
