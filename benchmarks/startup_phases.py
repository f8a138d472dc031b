"""Where the CPU time of adding one article goes: ``storyline run FILE`` in this process,
on a copy of a store, with CPU timers (user + system) around its phases.

    .venv/bin/python benchmarks/startup_phases.py /tmp/s5-startup/base.db \\
        /tmp/s5-startup/new/new_article.txt --rounds 3

STORE is a store built by ``benchmarks/startup.py`` (WORKDIR/base.db) and FILE its held-out
article (WORKDIR/new/new_article.txt). Each round copies the store, imports nothing before
the clock starts (so imports count) and prints the phases' CPU seconds; phases nest (the
analysis includes loading spaCy). Medians over the rounds are printed last.

As in ``startup.py``, the child runs with cached bytecode (``PYTHONDONTWRITEBYTECODE`` unset,
``PYTHONPYCACHEPREFIX`` in the temporary folder, written by an untimed first run) unless
``--source-only`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (module, attribute) timed; "Class.method" for methods.
PHASES = [
    ("storyline.api", "Storyline.ingest"), ("storyline.api", "Storyline.analyze"),
    ("storyline.analyze.parse.nlp", "load_nlp"), ("storyline.clean.metadata", "find_dateline"),
    ("storyline.api", "Storyline.build_stories"), ("storyline.stories.embed", "get_embedder"),
    ("storyline.stories.assign", "assign_stories"),
    ("storyline.api", "Storyline._save_counts"), ("storyline.stories.view_cache", "build_view"),
    ("storyline.stories.ledger", "build_ledger"), ("storyline.stories.summary", "summarize"),
]

CHILD = r'''
import functools, importlib, json, resource, sys
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
T0 = cpu()
spent = {}
def wrap(modname, attr):
    try:
        mod = importlib.import_module(modname)
    except ImportError:
        return
    owner, name = (getattr(mod, attr.split(".")[0]), attr.split(".")[1]) if "." in attr \
        else (mod, attr)
    if not hasattr(owner, name):
        return
    f = getattr(owner, name)
    @functools.wraps(f)
    def timed(*a, **k):
        t = cpu()
        try:
            return f(*a, **k)
        finally:
            spent[attr] = spent.get(attr, 0.0) + cpu() - t
    setattr(owner, name, timed)
    # Modules that imported the function by name see the timed one too.
    for m in list(sys.modules.values()):
        if m is not None and getattr(m, name, None) is f and "." not in attr:
            setattr(m, name, timed)
import storyline.api
spent["import storyline.api"] = cpu() - T0
for modname, attr in json.loads(sys.argv[1]):
    wrap(modname, attr)
from storyline.cli import main
sys.argv = ["storyline", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
spent["whole process"] = cpu()
print(json.dumps(spent), file=sys.stderr)
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("store", type=Path, help="a store built by benchmarks/startup.py")
    ap.add_argument("file", type=Path, help="the article to add")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--source-only", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE if set (every process compiles sources)")
    args = ap.parse_args()
    print(f"store: {args.store}, article: {args.file}, rounds: {args.rounds}, bytecode: "
          + ("as the environment says" if args.source_only else "cached"))
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        env = dict(os.environ)
        if not args.source_only:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for r in range(args.rounds + (0 if args.source_only else 1)):
            shutil.copy(args.store, copy)
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, json.dumps(PHASES), "--db", str(copy),
                 "--no-progress", "run", str(args.file)],
                capture_output=True, text=True, check=False, env=env)
            for suffix in ("", "-wal", "-shm"):
                Path(str(copy) + suffix).unlink(missing_ok=True)
            if r == 0 and not args.source_only:
                continue  # the untimed run that writes the bytecode
            spent = json.loads(proc.stderr.strip().splitlines()[-1])
            print("  " + ", ".join(f"{k} {v:.3f}" for k, v in spent.items()))
            for k, v in spent.items():
                rows.setdefault(k, []).append(v)
    print("\nCPU seconds (user + system), medians:")
    for k, v in rows.items():
        print(f"  {k:34s} {statistics.median(v):.3f}")


if __name__ == "__main__":
    resource.getrusage(resource.RUSAGE_SELF)
    main()
