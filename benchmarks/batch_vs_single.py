"""Batch (Ray) vs single process on the same synthetic WARC corpus; prints articles/s.

    .venv/bin/python benchmarks/batch_vs_single.py WORKDIR [--pages 5000] [--files 10]
        [--num-cpus N] [--stages parse,entities,...] [--embedder NAME]

Writes ``--files`` WARC.gz files holding ``--pages`` synthetic news pages in total (varied
people, places, dates, figures and quotes, wrapped in navigation/footer boilerplate) under
WORKDIR/corpus, then times:

* single: ``Storyline.ingest`` + ``Storyline.analyze`` into a fresh SQLite store, plus
  embedding every article with the story embedder (the batch job embeds too);
* batch: ``run_batch`` (local Ray, ``--num-cpus`` workers) into WORKDIR/batch-out, Ray
  start-up included.

Both use the same reader, cleaner, stages and embedder. The synthetic corpus is generated,
not downloaded; numbers are noisy on a shared machine, run it more than once.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import time
from pathlib import Path

PEOPLE = [("Anna Keller", "Foreign Minister"), ("Rafael Ortega", "Trade Secretary"),
          ("Li Wei", "spokesman"), ("Fatima Noor", "Defence Minister"),
          ("John Mercer", "senator"), ("Olga Petrova", "central bank governor"),
          ("Kenji Sato", "Prime Minister"), ("Amara Diallo", "President"),
          ("Marta Silva", "union leader"), ("David Brandt", "chief executive")]
PLACES = ["Geneva", "Nairobi", "Jakarta", "Warsaw", "Lima", "Toronto", "Hanoi", "Rabat",
          "Oslo", "Santiago", "Manila", "Cairo"]
ORGS = ["the United Nations", "the World Bank", "NATO", "the European Union",
        "the African Union", "OPEC", "the IMF", "Reuters"]
TOPICS = [("trade deal", "tariffs"), ("ceasefire", "troops"), ("climate summit", "emissions"),
          ("energy pact", "gas exports"), ("election", "votes"), ("strike", "workers"),
          ("merger", "shares"), ("flood relief", "families")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WHEN = ["next week", "on Tuesday", "at the end of {m}", "in early {m}", "this {m}",
        "last year", "by 2027", "within three months"]


def _article(rng: random.Random, i: int) -> tuple[str, str, str]:
    (p1, r1), (p2, r2) = rng.sample(PEOPLE, 2)
    place, other = rng.sample(PLACES, 2)
    org = rng.choice(ORGS)
    topic, counted = rng.choice(TOPICS)
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    date = f"2025-{month:02d}-{day:02d}"

    def when() -> str:
        return rng.choice(WHEN).format(m=rng.choice(MONTHS))

    title = f"{p1} to visit {place} for {topic} talks"
    sents = [
        f"{r1} {p1} will travel to {place} {when()} for talks on the {topic}, officials said.",
        f"The visit follows a meeting with {r2} {p2} in {other} {when()}.",
        f'"We expect real progress," {p1} told reporters on {MONTHS[month - 1]} {day}.',
        f"{org} said about {rng.randint(2, 900):,} {counted} were affected, "
        f"up {rng.randint(1, 40)}% from {rng.randint(2015, 2024)}.",
        f"Trade between the two sides reached ${rng.randint(5, 400)} billion last year.",
        f"{p2} said the talks could end {when()}, according to a statement.",
        f"Critics in {other} argued that the {topic} had stalled since {rng.randint(2010, 2023)}.",
        f"{p1} has met {p2} {rng.randint(2, 40)} times since {rng.randint(2000, 2020)}.",
    ]
    paragraphs = []
    for k in range(0, len(sents), 2):
        paragraphs.append(" ".join(sents[k:k + 2]))
    filler = (f"Analysts said the outcome in {place} would shape the {topic} for years, "
              f"while markets watched closely. ")
    paragraphs.append(filler * rng.randint(2, 5))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<html><head><title>{title} | Example News</title>"
            f'<meta property="article:published_time" content="{date}T08:00:00Z">'
            f"</head><body><nav>Home | World | Business | Sport | Subscribe</nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<aside>Most read: weather, sport scores</aside>"
            f"<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>")
    return f"https://news.example.org/{date}/story-{i}", html, date


def write_corpus(folder: Path, pages: int, files: int, seed: int = 7) -> list[Path]:
    """``files`` WARC.gz files holding ``pages`` HTML responses in total."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    per_file = -(-pages // files)
    for f in range(files):
        path = folder / f"news-{f:03d}.warc.gz"
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for i in range(f * per_file, min(pages, (f + 1) * per_file)):
                url, html, _ = _article(rng, i)
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")],
                    protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode("utf-8")),
                    http_headers=headers))
        paths.append(path)
    return paths


def run_single(corpus: Path, db: Path, overrides: dict[str, str]) -> tuple[int, float, dict]:
    from storyline import Storyline, load_options
    from storyline.stories.embed import embed_articles, get_embedder

    db.unlink(missing_ok=True)
    options = load_options(overrides={**overrides, "store.url": f"sqlite:///{db}"})
    app = Storyline(options)
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    ingest = app.ingest([corpus], progress=False)
    t1 = time.perf_counter()
    analyze = app.analyze(progress=False)
    t2 = time.perf_counter()
    embedder = get_embedder(options.stories.embedder)
    articles = list(app.store.iter_articles())
    embed_articles(articles, embedder)
    t3 = time.perf_counter()
    cpu = time.process_time() - cpu0
    app.close()
    parts = {"ingest_s": round(t1 - t0, 1), "analyze_s": round(t2 - t1, 1),
             "embed_s": round(t3 - t2, 1), "ingested": ingest.ingested,
             "duplicates": ingest.duplicates, "failures": len(ingest.failures) + len(
                 analyze.failures), "cpu_s": round(cpu, 1)}
    return len(articles), t3 - t0, parts


def run_batch_path(corpus: Path, out: Path, overrides: dict[str, str],
                   num_cpus: int) -> tuple[int, float, dict]:
    from storyline import load_options
    from storyline.batch import run_batch

    shutil.rmtree(out, ignore_errors=True)
    options = load_options(overrides=overrides)
    t0 = time.perf_counter()
    report = run_batch([corpus], options, output=out, num_cpus=num_cpus)
    elapsed = time.perf_counter() - t0
    return report.articles, elapsed, {"failures": report.failures, "inputs": report.inputs,
                                      "cpu_s": report.worker_cpu_seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workdir", type=Path, help="scratch folder (corpus, store, batch output)")
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--num-cpus", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--stages", default="", help="comma list; default: the configured stages")
    ap.add_argument("--embedder", default="", help="default: the configured embedder")
    ap.add_argument("--only", choices=["single", "batch"], default=None)
    args = ap.parse_args()

    overrides = {"ingest.progress": "false"}
    if args.stages:
        overrides["analysis.stages"] = args.stages
    if args.embedder:
        overrides["stories.embedder"] = args.embedder
    corpus = args.workdir / f"corpus-{args.pages}"
    if not corpus.is_dir():
        t = time.perf_counter()
        write_corpus(corpus, args.pages, args.files)
        print(f"wrote {args.pages} pages in {args.files} WARC.gz files to {corpus} "
              f"({time.perf_counter() - t:.1f}s)", flush=True)
    print(f"cpus available: {os.cpu_count()}, batch workers: {args.num_cpus}, "
          f"overrides: {overrides}", flush=True)
    if args.only in (None, "single"):
        n, secs, parts = run_single(corpus, args.workdir / "single.db", overrides)
        print(f"single process: {n} articles in {secs:.1f}s = {n / secs:.2f} articles/s "
              f"wall, {n / parts['cpu_s']:.2f} articles per CPU-second {parts}", flush=True)
    if args.only in (None, "batch"):
        n, secs, parts = run_batch_path(corpus, args.workdir / "batch-out", overrides,
                                        args.num_cpus)
        print(f"batch (Ray, {args.num_cpus} workers): {n} articles in {secs:.1f}s = "
              f"{n / secs:.2f} articles/s wall (Ray start-up included), "
              f"{n / parts['cpu_s']:.2f} articles per worker CPU-second {parts}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
