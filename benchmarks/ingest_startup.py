"""Cost of ingesting ONE article into a store that already holds N: wall time of the ingest
call (imports excluded) and the process's peak memory, measured in a fresh process.

    nice .venv/bin/python benchmarks/ingest_startup.py --n 15000 --workdir /tmp/startup

The store is filled with N synthetic articles (ingest_throughput.py's generator, fixed seed)
through the Store and the Deduper directly (cleaning skipped: it does not matter here), with
their MinHash signatures, as `storyline ingest` leaves them. Then one new text file is
ingested by `Storyline.ingest` in a child process. Before issue 14.7 that start-up loaded
every stored signature; now it asks the store's LSH band index for candidates.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest_throughput import article, as_text

from storyline import load_options
from storyline.ingest.dedup import Deduper
from storyline.model import Article
from storyline.store import Store

CHILD = """
import resource, sys, time
from storyline import Storyline
app = Storyline.open(sys.argv[1], **{"ingest.progress": "false"})
t0 = time.perf_counter()
report = app.ingest([sys.argv[2]], progress=False)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.3f} {peak:.0f} {report.ingested}")
"""


def build(db: Path, n: int) -> None:
    store = Store(f"sqlite:///{db}")
    deduper = Deduper(load_options(env={}))  # the store is passed where it is used
    rng = random.Random(7)
    for start in range(0, n, 500):
        batch = []
        for i in range(start, min(n, start + 500)):
            title, paragraphs, outlet, day = article(i, rng)
            batch.append(Article(text="\n\n".join(paragraphs), title=title, outlet=outlet,
                                 published=day, source_path=f"synthetic/{i}.txt"))
        store.add_articles(batch)
        for a in batch:
            stored = deduper.sign(a.text).values
            if hasattr(deduper, "save"):
                deduper.save(store, a.id, stored)
            else:  # the code before issue 14.7 kept no band keys
                store.save_fingerprint(a.id, stored)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=15000, help="articles already stored")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="startup-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"store-{args.n}.db"
    for old in workdir.glob("*.db*"):
        old.unlink()
    print(f"workdir {workdir}, store of {args.n} synthetic articles")
    t0 = time.perf_counter()
    build(db, args.n)
    print(f"built in {time.perf_counter() - t0:.0f} s")
    one = workdir / "one.txt"
    one.write_text(as_text(*article(10**6, random.Random(99))), encoding="utf-8")
    runs = []
    for k in range(3):  # each run on a fresh copy, so each ingests one new article
        copy = workdir / f"run-{k}.db"
        shutil.copy(db, copy)
        out = subprocess.run([sys.executable, "-c", CHILD, str(copy), str(one)], check=True,
                             capture_output=True, text=True).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2])))
    for seconds, peak, ingested in runs:
        print(f"one article into {args.n}: ingest {seconds:.2f} s, peak RSS {peak:.0f} MB "
              f"(ingested {ingested})")


if __name__ == "__main__":
    main()
