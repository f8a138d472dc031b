"""Analysis speed: articles per second through every stage in analysis.stages.

    .venv/bin/python benchmarks/analysis_speed.py [DATA_DIR] [--n 200] [--n-process 1 2]
        [--batch-size 32] [--matmul numpy thinc] [--store] [--breakdown]

Articles are ~500-word news-like texts generated from self-written paragraph templates
(names, places, figures and dates vary; no download), or, with DATA_DIR, the .txt files
found there (cut or joined to ~500 words). The model is loaded before timing starts; with
n_process > 1 the time to start the worker processes is included, as in a real run.
``--store`` also times ``analyze_store`` on a fresh SQLite file (parse + stages + saving).
CPU seconds are printed too: on a shared machine wall time depends on the other jobs,
while articles per CPU-second estimates what one free core does. ``--matmul`` compares
``analysis.matmul`` settings (numpy: OpenBLAS matrix products, the default; thinc: blis).

``--vs-spacy ROUNDS`` compares, in ROUNDS interleaved pairs on the same texts, a whole
``analyze_store`` (every stage, worker processes, saving into a fresh SQLite store) with a
plain spaCy ``nlp.pipe(texts, n_process=N)`` of the same model (parse only, Docs consumed),
and prints articles/s, CPU-s/article (parent + workers) and the median time ratio. With
``--whole`` the .txt files of DATA_DIR are used as they are (one article each):

    .venv/bin/python benchmarks/analysis_speed.py ../shared/data/basil-dev/corpus --whole \
        --n 300 --vs-spacy 3 --n-process 2
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from paired import cpu_seconds  # this process + finished children (spaCy's workers)

from storyline.config import load_options
from storyline.model import Article
from storyline.pipeline import Pipeline

PEOPLE = ["Maria Santos", "John Whitaker", "Li Wei", "Amara Okafor", "Pierre Laurent",
          "Yuki Tanaka", "Olga Petrova", "Ahmed Hassan", "Sarah Collins", "Rahul Mehta"]
ROLES = ["Foreign Minister", "Prime Minister", "President", "Defence Secretary",
         "central bank governor", "opposition leader", "Trade Minister", "chief executive"]
PLACES = ["Berlin", "Nairobi", "Jakarta", "Brasilia", "Ottawa", "Seoul", "Madrid", "Cairo",
          "Warsaw", "Canberra", "Lima", "Hanoi"]
COUNTRIES = ["Germany", "Kenya", "Indonesia", "Brazil", "Canada", "South Korea", "Spain",
             "Egypt", "Poland", "Australia", "Peru", "Vietnam"]
ORGS = ["the European Union", "the World Bank", "the United Nations", "NATO",
        "the International Monetary Fund", "the African Union", "Reuters", "the Red Cross"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TEMPLATES = [
    "{role} {p1} will travel to {place} at the end of {month}, officials said on {weekday}, "
    "in a visit meant to repair ties with {country} after months of tension over trade.",
    "\u201cWe expect concrete results from these talks,\u201d {last1} told reporters in "
    "{place}, adding that both sides had agreed to meet again before the end of the year.",
    "According to figures published by {org}, bilateral trade reached ${n1} billion in "
    "{year}, up {pct}% from the year before, while investment flows fell by nearly a third.",
    "More than {n2} people gathered in the centre of {place} on {weekday} to protest "
    "against the plan, and police said {n3} demonstrators had been detained.",
    "{p2}, a spokesperson for {org}, said the agency had delivered {n4} tonnes of food and "
    "{n5} pieces of medical equipment to the region since {month} {year}.",
    "The two leaders last met in {place} in {month} {year}, when they signed an agreement "
    "worth about ${n1} million to build {n6} new schools and a hospital.",
    "Critics argue that the deal, announced three weeks ago, does little for the {n7} "
    "families who lost their homes in the floods, and they accuse {last2} of ignoring them.",
    "{country} has deployed {n3} troops and {n6} military aircraft to the border, its "
    "defence ministry said, describing the move as a precaution rather than a threat.",
    "In a statement on {weekday}, {org} warned that inflation could climb to {pct} percent "
    "by {month}, the highest level in {n6} years, unless interest rates are raised again.",
    "{last1} said the government would announce its decision next month, after "
    "consultations with {country} and {org}, and promised that the 10th round of talks "
    "would be the last.",
    "Officials in {place} confirmed that {p2} had resigned, the third senior official to "
    "leave the ministry this year, citing disagreements over the budget.",
    "Analysts said the summit, scheduled for {month} {day}, would test whether {country} "
    "can keep its commitments while its economy grows by only {small}% a year.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def fill(template: str, rng: random.Random) -> str:
    p1, p2 = rng.sample(PEOPLE, 2)
    return template.format(
        role=rng.choice(ROLES), p1=p1, p2=p2, last1=p1.split()[-1], last2=p2.split()[-1],
        place=rng.choice(PLACES), country=rng.choice(COUNTRIES), org=rng.choice(ORGS),
        month=rng.choice(MONTHS), weekday=rng.choice(WEEKDAYS), year=rng.randint(2015, 2025),
        day=rng.randint(1, 28), n1=rng.randint(20, 400), n2=f"{rng.randint(2, 90) * 1000:,}",
        n3=rng.randint(12, 5000), n4=rng.randint(100, 9000), n5=rng.randint(50, 900),
        n6=rng.randint(2, 40), n7=f"{rng.randint(1, 60) * 100:,}", pct=rng.randint(2, 15),
        small=round(rng.uniform(0.5, 4.5), 1),
    )


def generated_articles(n: int, words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        paras: list[str] = []
        while sum(len(p.split()) for p in paras) < words:
            paras.append(fill(rng.choice(TEMPLATES), rng))
        texts.append("\n\n".join(paras))
    return texts


def folder_articles(folder: Path, n: int, words: int) -> list[str]:
    pool = " ".join(p.read_text("utf-8", errors="replace") for p in sorted(folder.rglob("*.txt")))
    tokens = pool.split()
    if not tokens:
        sys.exit(f"no .txt files with text under {folder}")
    out = []
    for i in range(n):
        start = (i * words) % max(1, len(tokens) - words)
        out.append(" ".join(tokens[start:start + words]))
    return out


def time_pipeline(texts: list[str], n_process: int, batch_size: int,
                  matmul: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to run every configured stage over ``texts``."""
    options = load_options(overrides={"analysis.n_process": n_process,
                                      "analysis.batch_size": batch_size,
                                      "analysis.matmul": matmul})
    pipeline = Pipeline(options.analysis.stages, options)
    pipeline(Article(id="warmup", text=texts[0]))  # load the model and warm caches
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    start, cpu = time.perf_counter(), cpu_seconds()
    done = sum(1 for _ in pipeline.pipe(articles, []))
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    assert done == len(texts), f"only {done} of {len(texts)} articles came out"
    return elapsed, cpu


def stage_breakdown(texts: list[str]) -> dict[str, float]:
    """Milliseconds per article spent in each stage (one process)."""
    options = load_options(overrides={"analysis.n_process": 1})
    pipeline = Pipeline(options.analysis.stages, options)
    pipeline(Article(id="warmup", text=texts[0]))
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    out = {}
    for name, fn in zip(pipeline.names, pipeline.stages, strict=True):
        start = time.process_time()
        pipe = getattr(fn, "pipe", None)
        articles = list(pipe(articles)) if pipe else [fn(a) for a in articles]
        out[name] = (time.process_time() - start) * 1000 / len(articles)
    return out


def component_breakdown(texts: list[str], matmul: str) -> dict[str, float]:
    """CPU milliseconds per article in each spaCy component (one process, one BLAS thread)."""
    from threadpoolctl import threadpool_limits

    from storyline.analyze.parse import load_nlp

    nlp = load_nlp(load_options().analysis.spacy_model, matmul)
    nlp("Warm up.")
    out: dict[str, float] = {}
    with threadpool_limits(1):
        start = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        out["tokenizer"] = time.process_time() - start
        for name, proc in nlp.pipeline:
            start = time.process_time()
            pipe = getattr(proc, "pipe", None)
            docs = list(pipe(docs, batch_size=32)) if pipe else [proc(d) for d in docs]
            out[name] = time.process_time() - start
    return {k: v * 1000 / len(texts) for k, v in out.items()}


def time_store(texts: list[str], n_process: int, batch_size: int, matmul: str) -> float:
    from storyline.analyze import analyze_store
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        options = load_options(overrides={"analysis.n_process": n_process,
                                          "analysis.batch_size": batch_size,
                                          "analysis.matmul": matmul,
                                          "store.url": f"sqlite:///{tmp}/bench.db"})
        store = Store(options.store.url)
        store.add_articles([Article(text=t) for t in texts])
        Pipeline(options.analysis.stages, options)(Article(id="w", text=texts[0]))
        start = time.perf_counter()
        report = analyze_store(store, options, progress=False)
        elapsed = time.perf_counter() - start
        store.close()
        assert report.analyzed == len(texts), report.to_dict()
    return elapsed


def reap_children() -> None:
    """Join finished worker processes so their CPU time shows in RUSAGE_CHILDREN."""
    import multiprocessing

    for proc in multiprocessing.active_children():
        proc.join()


def time_plain_spacy(texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """(wall, CPU) of plain spaCy: ``spacy.load`` (before timing) and ``nlp.pipe``."""
    import spacy

    nlp = spacy.load(load_options().analysis.spacy_model)
    nlp("Warm up.")
    start, cpu = time.perf_counter(), cpu_seconds()
    done = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    reap_children()
    assert done == len(texts)
    return time.perf_counter() - start, cpu_seconds() - cpu


def time_analyze(texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """(wall, CPU) of ``analyze_store`` over a fresh SQLite store (model loaded before)."""
    from storyline.analyze import analyze_store
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        options = load_options(overrides={"analysis.n_process": n_process,
                                          "analysis.batch_size": batch_size,
                                          "store.url": f"sqlite:///{tmp}/bench.db"})
        store = Store(options.store.url)
        store.add_articles([Article(text=t) for t in texts])
        Pipeline(options.analysis.stages, options)(Article(id="w", text=texts[0]))
        start, cpu = time.perf_counter(), cpu_seconds()
        report = analyze_store(store, options, progress=False)
        reap_children()
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        store.close()
        assert report.analyzed == len(texts), report.to_dict()
    return elapsed, cpu


def versus_spacy(texts: list[str], rounds: int, n_process: int, batch_size: int) -> None:
    """Interleaved pairs (alternating which goes first); medians and the ratio."""
    from paired import interleaved, summary

    ours, plain = interleaved(rounds, lambda: time_analyze(texts, n_process, batch_size),
                              lambda: time_plain_spacy(texts, n_process, batch_size))
    summary(len(texts), "articles", ("storyline analyze (all stages + store)", ours),
            (f"plain spaCy nlp.pipe(n_process={n_process})", plain))


def whole_files(folder: Path, n: int) -> list[str]:
    files = sorted(folder.rglob("*.txt"))[:n]
    if not files:
        sys.exit(f"no .txt files under {folder}")
    return [f.read_text("utf-8", errors="replace") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, help="folder of .txt files (default: generated)")
    ap.add_argument("--n", type=int, default=200, help="number of articles")
    ap.add_argument("--words", type=int, default=500, help="words per article")
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, nargs="+", default=[32])
    ap.add_argument("--matmul", nargs="+", default=["numpy"], choices=["numpy", "thinc"])
    ap.add_argument("--store", action="store_true", help="also time analyze_store (SQLite)")
    ap.add_argument("--breakdown", action="store_true", help="CPU time per stage first")
    ap.add_argument("--vs-spacy", type=int, default=0, metavar="ROUNDS",
                    help="paired runs of analyze_store vs plain spaCy nlp.pipe (see above)")
    ap.add_argument("--whole", action="store_true", help="DATA_DIR files as they are")
    args = ap.parse_args()
    if args.whole and args.data:
        texts = whole_files(args.data, args.n)
    else:
        texts = (folder_articles(args.data, args.n, args.words) if args.data
                 else generated_articles(args.n, args.words))
    n_words = sum(len(t.split()) for t in texts)
    options = load_options()
    print(f"articles: {len(texts)}, mean words: {n_words / len(texts):.0f}, "
          f"stages: {','.join(options.analysis.stages)}, model: {options.analysis.spacy_model}"
          + (f", data: {args.data}" if args.data else ", data: generated"))
    if args.vs_spacy:
        versus_spacy(texts, args.vs_spacy, max(args.n_process), args.batch_size[0])
        return
    if args.breakdown:
        parts = stage_breakdown(texts[: min(len(texts), 60)])
        print("CPU ms/article by stage: " + ", ".join(f"{k} {v:.0f}" for k, v in parts.items()))
        for matmul in args.matmul:
            spacy_parts = component_breakdown(texts[: min(len(texts), 60)], matmul)
            print(f"CPU ms/article by spaCy component (matmul={matmul}): "
                  + ", ".join(f"{k} {v:.1f}" for k, v in spacy_parts.items()))
    for matmul in args.matmul:
        for bs in args.batch_size:
            for n_proc in args.n_process:
                label = f"n_process={n_proc} batch_size={bs} matmul={matmul}"
                secs, cpu = time_pipeline(texts, n_proc, bs, matmul)
                print(f"pipeline  {label}: {len(texts) / secs:6.1f} articles/s  "
                      f"{n_words / secs:8.0f} words/s  ({secs:.1f} s wall, {cpu:.1f} s CPU = "
                      f"{len(texts) / cpu:.1f} articles per CPU-second)")
                if args.store:
                    secs = time_store(texts, n_proc, bs, matmul)
                    print(f"store     {label}: {len(texts) / secs:6.1f} articles/s  "
                          f"{n_words / secs:8.0f} words/s  ({secs:.1f} s wall)")


if __name__ == "__main__":
    main()
