"""Stories on a dated news stream, through the real CLI, fed day by day.

    .venv/bin/python benchmarks/stories_stream.py DATA_DIR [--order daily|random] [--batch N]

DATA_DIR is laid out like basil-dev: ``corpus/STEM.txt`` (+ ``STEM.txt.meta.json`` with
``published``) and ``gold.json`` (STEM -> {"event": ...}). Into a fresh store, the script
runs ``storyline ingest FILES``, ``storyline analyze`` and ``storyline cluster`` once per
publication day, in publication order (``--order random --batch 4``: random batches of 4
instead). The CLI commands run in this process (``cli.main``), so models load once; that
is the cost a long-running feeder pays. It then prints, against the gold events: pairwise
and B-cubed P/R/F1, ARI, stories vs gold events; the agreement (pairwise F1) of the
incremental result with ``storyline cluster --rebuild`` on the same store; and articles/s
of the whole incremental path (ingest + analyze + cluster), and of clustering alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ecbplus import pairwise, report  # noqa: E402

from storyline.cli import cli  # noqa: E402
from storyline.store import Store  # noqa: E402


def storyline(db: Path, *args: str) -> float:
    """Run one CLI command in-process; returns its wall time."""
    start = time.perf_counter()
    try:
        cli.main(["--db", str(db), "--set", "ingest.progress=false", *args],
                 standalone_mode=False)
    except SystemExit as exc:  # finish() exits with the command's code
        if exc.code:
            raise
    return time.perf_counter() - start


def batches(files: list[Path], order: str, size: int, seed: int) -> list[list[Path]]:
    def day(p: Path) -> str:
        meta = json.loads(p.with_name(p.name + ".meta.json").read_text("utf-8"))
        return str(meta.get("published") or "")[:10]

    if order == "random":
        files = sorted(files)
        random.Random(seed).shuffle(files)
        return [files[i:i + size] for i in range(0, len(files), size)]
    by_day: dict[str, list[Path]] = {}
    for p in sorted(files):
        by_day.setdefault(day(p), []).append(p)
    return [by_day[d] for d in sorted(by_day)]


def assignment(db: Path) -> dict[str, str]:
    store = Store(f"sqlite:///{db}")
    out = {Path(a.source_path or "").name.removesuffix(".txt"): a.story_id or ""
           for a in store.iter_articles()}
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--order", choices=("daily", "random"), default="daily")
    ap.add_argument("--batch", type=int, default=4, help="batch size for --order random")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, help="store to create (default: a temporary file)")
    args = ap.parse_args()
    gold = {k: v["event"] for k, v in json.loads((args.data / "gold.json").read_text()).items()}
    files = sorted((args.data / "corpus").glob("*.txt"))
    plan = batches(files, args.order, args.batch, args.seed)
    print(f"{args.data}: {len(files)} articles, {len(set(gold.values()))} gold events, "
          f"{len(plan)} batches ({args.order})", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "stream.db"
        if db.exists():
            sys.exit(f"{db} exists; the benchmark needs a fresh store")
        total = clustering = 0.0
        for files_of_batch in plan:
            total += storyline(db, "ingest", *map(str, files_of_batch))
            total += storyline(db, "analyze")
            spent = storyline(db, "cluster")
            total += spent
            clustering += spent
        incremental = assignment(db)
        rebuild_time = storyline(db, "cluster", "--rebuild")
        rebuilt = assignment(db)

    stems = sorted(s for s in incremental if s in gold)
    labels = [gold[s] for s in stems]
    pred = [incremental[s] for s in stems]
    print()
    report(f"incremental ({args.order})", labels, pred)
    report("cluster --rebuild", labels, [rebuilt[s] for s in stems])
    agree = pairwise([rebuilt[s] for s in stems], pred)
    print(f"incremental vs rebuild: pairwise P/R/F1 {agree[0]:.3f}/{agree[1]:.3f}/{agree[2]:.3f}"
          f"  identical: {pred == [rebuilt[s] for s in stems]}")
    print(f"stories {len(set(pred))} vs gold events {len(set(labels))}")
    print(f"throughput: {len(stems) / total:.1f} articles/s end to end (ingest+analyze+cluster, "
          f"{len(plan)} batches, {total:.1f}s); clustering alone {clustering:.1f}s "
          f"({len(stems) / clustering:.1f} articles/s); rebuild {rebuild_time:.1f}s")


if __name__ == "__main__":
    main()
