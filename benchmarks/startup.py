"""Start-up cost of small runs, as a user sees it: whole CLI processes, timed from outside.

    .venv/bin/python benchmarks/startup.py ../shared/data/basil-dev/corpus \\
        --workdir /tmp/startup-bench --n 300 --rounds 5 --baseline /path/to/other/src

Builds (once, in WORKDIR) a store of N articles with ``storyline run``: the .txt files of
DATA_DIR, topped up with generated news-like texts (benchmarks/analysis_speed.py) if DATA_DIR
has fewer, plus one held-out article. Then times, in ROUNDS rounds:

* ``storyline --help``;
* the read commands ``stories``, ``story ID`` and ``search WORDS`` on that store (each side
  on its own copy, see ``read_copy``);
* adding the held-out article end to end: ``storyline run FILE`` into a fresh copy of the
  store (the copy is made before the clock starts): ingest, analyze, stories.

With ``--baseline SRC`` (another checkout's ``src`` folder, e.g. the main branch) every
command is also run with that code, interleaved with this one in the same round (which goes
first alternates), so both see the same machine load; medians and the median of the
per-round ratios are printed. Each command runs once before timing so that caches made at
first use (the sentence encoder's tokenizer and weights) exist, as they do for a user after
the first run.

Bytecode: an installed package has its ``.pyc`` files (pip compiles them at install), but a
source checkout run with ``PYTHONDONTWRITEBYTECODE`` set compiles every module it imports in
every process. So the commands run without that variable and with
``PYTHONPYCACHEPREFIX=WORKDIR/pycache`` (the warm-up run writes the bytecode there, not in
the source trees), for both sides alike; ``--source-only`` keeps the environment as it is.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def child_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


LAST_CPU = [0.0]  # CPU seconds (user + system) of the last command and its children


BYTECODE: dict[str, str | None] = {}  # environment changes for the children (see the top)


def storyline(src: Path, args: list[str], cwd: Path) -> tuple[float, str]:
    """Run the CLI with the code in ``src``; (wall seconds, stdout)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    for key, value in BYTECODE.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    start, cpu = time.perf_counter(), child_cpu()
    proc = subprocess.run([sys.executable, "-m", "storyline", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = child_cpu() - cpu
    if proc.returncode not in (0, 1):
        sys.exit(f"storyline {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def texts_for(data: Path, n: int) -> list[tuple[str, str]]:
    """(file name, text) of N+1 articles: DATA_DIR's .txt files, then generated ones."""
    files = sorted(data.rglob("*.txt"))[: n + 1]
    out = [(f.name, f.read_text("utf-8", errors="replace")) for f in files]
    if len(out) < n + 1:
        sys.path.insert(0, str(HERE))
        from analysis_speed import generated_articles

        extra = generated_articles(n + 1 - len(out), 450, seed=11)
        out += [(f"generated_{i:04d}.txt", t) for i, t in enumerate(extra)]
    return out


def build_store(data: Path, n: int, work: Path) -> tuple[Path, Path]:
    """WORKDIR/base.db with N articles (built once) and the held-out article's file."""
    corpus, extra = work / "corpus", work / "new"
    base = work / "base.db"
    if base.exists() and (extra / "new_article.txt").exists():
        return base, extra / "new_article.txt"
    shutil.rmtree(work, ignore_errors=True)
    corpus.mkdir(parents=True)
    extra.mkdir()
    items = texts_for(data, n)
    for name, text in items[:-1]:
        (corpus / name).write_text(text, encoding="utf-8")
        meta = data / (name + ".meta.json")
        if meta.is_file():
            shutil.copy(meta, corpus / meta.name)
    (extra / "new_article.txt").write_text(items[-1][1], encoding="utf-8")
    print(f"building the {len(items) - 1}-article store in {base} (once) ...", flush=True)
    start = time.perf_counter()
    storyline(SRC, ["--db", str(base), "--no-progress", "run", str(corpus)], work)
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)
    return base, extra / "new_article.txt"


def commands(base: Path, new: Path, story_id: str, query: str) -> dict[str, list[str]]:
    db = ["--db", "{read}"]
    return {
        "--help": ["--help"],
        "stories": [*db, "stories"],
        "story ID": [*db, "story", story_id],
        "search": [*db, "search", query],
        "add 1 article (run FILE)": ["--db", "{copy}", "--no-progress", "run", str(new)],
    }


def read_copy(work: Path, src: Path) -> Path:
    """Each side's own copy of the store for the read commands: a saved story view is keyed
    by the code that built it, so two versions reading one store would rebuild and save the
    view in turn (each undoing the other's), and ``story ID`` would time a rebuild."""
    return work / f"read-{abs(hash(str(src)))}.db"


def timed(src: Path, args: list[str], base: Path, work: Path) -> float:
    args = [str(read_copy(work, src)) if a == "{read}" else a for a in args]
    if "{copy}" in args:
        copy = work / f"copy-{os.getpid()}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.copy(base, copy)
        args = [str(copy) if a == "{copy}" else a for a in args]
    return storyline(src, args, work)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", type=Path, help="folder of .txt articles (e.g. basil-dev/corpus)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/storyline-startup-bench"))
    ap.add_argument("--n", type=int, default=300, help="articles in the store")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another checkout's src folder, run interleaved with this one")
    ap.add_argument("--query", default="police officers", help="words for `search`")
    ap.add_argument("--source-only", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE if set (every process compiles sources)")
    args = ap.parse_args()
    work = args.workdir.resolve()
    if not args.source_only:
        BYTECODE.update(PYTHONDONTWRITEBYTECODE=None, PYTHONPYCACHEPREFIX=str(work / "pycache"))
    base, new = build_store(args.data.resolve(), args.n, work)
    _, out = storyline(SRC, ["--db", str(base), "--json", "stories", "--limit", "1"], work)
    import json

    story_id = json.loads(out)[0]["id"]
    trees = {"this": SRC} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    print(f"data: {args.data}, store: {args.n} articles ({base}), rounds: {args.rounds}, "
          f"code: " + ", ".join(f"{k}={v}" for k, v in trees.items()))
    print("bytecode: " + ("as the environment says (PYTHONDONTWRITEBYTECODE="
                          f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})" if args.source_only
                          else f"cached in {work / 'pycache'}, as an installed package has it"))
    cmds = commands(base, new, story_id, args.query)
    for src in trees.values():
        shutil.copy(base, read_copy(work, src))
    for src in trees.values():  # warm-up: caches made at first use, OS file cache
        for cmd in cmds.values():
            timed(src, cmd, base, work)
    times: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    for r in range(args.rounds):
        order = list(trees.items()) if r % 2 == 0 else list(trees.items())[::-1]
        for label, cmd in cmds.items():
            for name, src in order:
                times.setdefault((label, name), []).append(timed(src, cmd, base, work))
                cpus.setdefault((label, name), []).append(LAST_CPU[0])
    print(f"\n{'command':28s} " + " ".join(f"{k + ' median s':>18s}" for k in trees)
          + ("   ratio this/baseline (median of rounds)" if len(trees) > 1 else ""))
    for label in cmds:
        row = f"{label:28s} " + " ".join(
            f"{statistics.median(times[(label, k)]):18.2f}" for k in trees)
        if len(trees) > 1:
            ratios = [a / b for a, b in zip(times[(label, 'this')], times[(label, 'baseline')],
                                            strict=True)]
            row += f"   {statistics.median(ratios):.2f}x"
        print(row + "   (this: " + ", ".join(f"{t:.2f}" for t in times[(label, "this")]) + ")")
    print("\nCPU seconds (user + system) of the same runs, medians: on a busy machine wall time "
          "is mostly waiting for a core, CPU time is what the command costs")
    for label in cmds:
        print(f"{label:28s} " + " ".join(
            f"{k} {statistics.median(cpus[(label, k)]):.2f} s" for k in trees))
    for db in [work / f"copy-{os.getpid()}.db", *(read_copy(work, s) for s in trees.values())]:
        for suffix in ("", "-wal", "-shm", "-lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
