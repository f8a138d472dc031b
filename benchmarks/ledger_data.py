"""Fixed story lists for the ledger benchmarks, analyzed once and cached in /tmp.

Stories are chosen by a rule, not by looking at their ledgers, and grouped by gold so that
clustering errors do not enter the ledger figures:

* basil-dev: the first ``--basil`` gold events in sorted event-id order (3 outlets each);
  articles are ingested with their sidecar dates and outlets;
* ecbplus-dev: topics 1..``--ecb`` in numeric order, each split into its two gold stories
  (``N-ecb`` and ``N-ecbplus``); ECB+ has no dates or outlets, so every document is its own
  source.

The analyzed articles are pickled under ``--cache`` (default /tmp/storyline-ledger-bench),
keyed by a hash of the analysis code and the selection, so a change to an analysis stage
re-analyzes and a change to the ledger does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

from storyline.config import Options, load_options
from storyline.ingest import ingest_paths
from storyline.model import Article
from storyline.pipeline import Pipeline
from storyline.store import Store

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("basil", type=Path, help="basil-dev folder (corpus/, gold.json)")
    ap.add_argument("ecbplus", type=Path, nargs="?", help="ecbplus-dev folder (TOPIC/*.xml)")
    ap.add_argument("--basil-events", type=int, default=25, help="first N gold events")
    ap.add_argument("--ecb-topics", type=int, default=8, help="topics 1..N")
    ap.add_argument("--basil-from", type=int, default=0,
                    help="skip the first K gold events (a held-out list: --basil-from 25)")
    ap.add_argument("--ecb-from", type=int, default=1, help="first topic (held out: 9)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-ledger-bench"))


def options() -> Options:
    return load_options(overrides={"store.url": "sqlite://", "ingest.progress": "false"})


def basil_stems(data: Path, n_events: int, skip: int = 0) -> dict[str, list[str]]:
    gold = json.loads((data / "gold.json").read_text("utf-8"))
    events: dict[str, list[str]] = {}
    for stem, g in gold.items():
        events.setdefault(g["event"], []).append(stem)
    chosen = sorted(events)[skip:skip + n_events]
    return {f"basil:{ev[:8]}": sorted(events[ev]) for ev in chosen}


def analyze(articles: list[Article], opts: Options) -> list[Article]:
    out = []
    for a in Pipeline(opts.analysis.stages, opts).pipe(articles):
        a.doc = None
        out.append(a)
    return out


def load_basil(data: Path, n_events: int, opts: Options,
               skip: int = 0) -> dict[str, list[Article]]:
    stems = basil_stems(data, n_events, skip)
    store = Store(opts.store.url)
    paths = [data / "corpus" / f"{s}.txt" for ss in stems.values() for s in ss]
    ingest_paths(paths, store, opts, progress=False)
    by_stem = {Path(a.source_path or "").name.removesuffix(".txt"): a
               for a in store.iter_articles()}
    arts = analyze([by_stem[s] for ss in stems.values() for s in ss if s in by_stem], opts)
    index = {Path(a.source_path or "").name.removesuffix(".txt"): a for a in arts}
    return {sid: [index[s] for s in ss if s in index] for sid, ss in stems.items()}


def load_ecb(data: Path, n_topics: int, opts: Options,
             first: int = 1) -> dict[str, list[Article]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from ecbplus import gold_label, read_document

    paths = sorted(p for t in range(first, first + n_topics)
                   for p in (data / str(t)).glob("*.xml"))
    docs = [read_document(p) for p in paths]
    arts = analyze(docs, opts)
    stories: dict[str, list[Article]] = {}
    for p, a in zip(paths, arts, strict=True):
        a.outlet = p.stem  # ECB+ has no outlets: the file name keeps documents apart
        stories.setdefault(f"ecb:{gold_label(p)}", []).append(a)
    return stories


def code_hash() -> str:
    h = hashlib.sha1()
    for p in sorted((SRC / "analyze").rglob("*.py")) + [SRC / "default_config.toml"]:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def load_stories(args: argparse.Namespace) -> dict[str, list[Article]]:
    """story id -> analyzed articles, from the cache when the analysis code is unchanged.

    ``args.basil`` may be None (ECB+ only): then no basil-dev story is loaded.
    """
    n_basil = args.basil_events if args.basil else 0  # no basil folder: none loaded
    key = (f"{code_hash()}-b{args.basil_from}+{n_basil}"
           f"-e{args.ecb_from}+{args.ecb_topics if args.ecbplus else 0}")
    args.cache.mkdir(parents=True, exist_ok=True)
    cached = args.cache / f"stories-{key}.pkl"
    if cached.exists():
        stories: dict[str, list[Article]] = pickle.loads(cached.read_bytes())
        return stories
    opts = options()
    stories = (load_basil(args.basil, args.basil_events, opts, args.basil_from)
               if args.basil and args.basil_events else {})
    if args.ecbplus:
        stories |= load_ecb(args.ecbplus, args.ecb_topics, opts, args.ecb_from)
    cached.write_bytes(pickle.dumps(stories))
    return stories


# The three judged story lists of ledger_conflicts.py (basil from, n, ECB+ from, n) and their
# fixtures: together all of basil-dev and ECB+ dev. Loading them list by list shares the
# cached analyses with ledger_conflicts.py and ledger_audit.py.
LISTS = ((0, 25, 1, 8), (25, 25, 9, 12), (0, 0, 21, 25))
FIXTURES = [Path(__file__).parent / "fixtures" / f"judged_conflicts{s}.jsonl"
            for s in ("", "_heldout", "_unseen")]


def load_lists(args: argparse.Namespace) -> dict[str, list[Article]]:
    """All stories of the three judged lists (with ``args.basil`` None: the ECB+ ones)."""
    stories: dict[str, list[Article]] = {}
    for first_b, n_b, first_e, n_e in LISTS:
        stories |= load_stories(argparse.Namespace(**{
            **vars(args), "basil_from": first_b, "basil_events": n_b, "ecb_from": first_e,
            "ecb_topics": n_e}))
    return stories


def data_kind(path: Path) -> str:
    """'basil' (corpus/ and gold.json) or 'ecbplus' (TOPIC/*.xml), else exit with a message."""
    if (path / "gold.json").exists() and (path / "corpus").is_dir():
        return "basil"
    if any(path.glob("*/*.xml")):
        return "ecbplus"
    sys.exit(f"{path}: neither a basil-dev folder (corpus/, gold.json) nor ECB+ (TOPIC/*.xml)")
