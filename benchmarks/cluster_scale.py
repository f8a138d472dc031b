"""Story assignment at scale, measured fairly: a generated stream clustered from an empty store.

    .venv/bin/python benchmarks/cluster_scale.py [--sizes 10000,100000,1000000] [--exact-max N]

The stream (``--seed``) has overlapping, drifting stories: ``--topics`` topic directions in
512-d (the USE dimension); each story is born on some day inside one topic (its direction
is half topic, half its own, so sibling stories of a topic are near each other), lives a
few days, and drifts every day (a random step). An article is its story's current
direction plus noise; it names one of its story's own people, two of its topic's, its
story's place, and uses a few words of its story, more of its topic and general ones, so every
feature of the join model is exercised. Articles arrive in day order.

For each size N, all N articles are assigned by the production core (``StoryClusterer``
with the configured join model) from an EMPTY state, once with the ANN index
(``stories.ann = usearch``) and, up to ``--exact-max`` articles, once with exact search
over the story centroids (the reference: same decisions without ANN misses). Printed per
run: pairwise P/R/F1 against the generator's truth, agreement of ANN with exact (pairwise
F1 between the two clusterings), ms per article (search + scoring + centroid update), the
index memory and the peak RSS. The SQL store is left out: its per-batch writes do not grow
with N (see ``stories_stream.py`` for the whole path).
"""

from __future__ import annotations

import argparse
import math
import resource
import time
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence

import numpy as np

from storyline.config import load_options
from storyline.stories.cluster import StoryClusterer
from storyline.stories.features import ArticleFeatures

DIM = 512
DAY0 = 738000  # an ordinal day (2021); only differences matter


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _unit_dict(keys: list[str], weight: float = 1.0) -> dict[str, float]:
    counts = Counter(keys)
    raw = {k: weight * (1.0 + math.log(n)) for k, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in raw.values()))
    return {k: w / norm for k, w in raw.items()}


def stream(n: int, topics: int, per_day: int, seed: int) -> Iterator[tuple[ArticleFeatures, int]]:
    """(features, true story) for n articles in day order."""
    rng = np.random.default_rng(seed)
    topic_dirs = unit(rng.standard_normal((topics, DIM)))
    live: list[dict[str, object]] = []
    story_no = 0
    made = 0
    day = DAY0
    while made < n:
        # New stories today: enough to keep ~per_day articles/day with ~2 a day per story.
        for _ in range(rng.poisson(per_day / 8) + 1):
            t = int(rng.integers(topics))
            own = unit(rng.standard_normal(DIM))
            live.append({"id": story_no, "topic": t, "dir": unit(topic_dirs[t] + own),
                         "end": day + int(rng.geometric(0.25)), "place": int(rng.integers(300)),
                         "people": [f"p{story_no}-{k}" for k in range(3)]})
            story_no += 1
        live = [s for s in live if int(s["end"]) >= day]  # type: ignore[call-overload]
        for s in live:  # daily drift
            s["dir"] = unit(s["dir"] + 0.35 * unit(rng.standard_normal(DIM)))  # type: ignore[operator]
        for _ in range(min(per_day, n - made)):
            s = live[int(rng.integers(len(live)))]
            t = int(s["topic"])  # type: ignore[call-overload]
            vec = unit(s["dir"] + 1.0 * unit(rng.standard_normal(DIM)))  # type: ignore[operator]
            people = [str(rng.choice(s["people"]))]  # type: ignore[call-overload]
            names = people + [f"t{t}-{int(rng.integers(5))}" for _ in range(2)] + [
                f"place{s['place']}"]
            words = ([f"s{s['id']}w{int(rng.integers(10))}" for _ in range(3)]
                     + [f"t{t}w{int(rng.integers(20))}" for _ in range(6)]
                     + [f"g{int(rng.integers(5000))}" for _ in range(6)])
            feats = ArticleFeatures(
                id=f"a{made}", vector=vec, entities={k: 1.0 for k in names},
                places={f"place{s['place']}"}, day=day, terms=_unit_dict(words),
                entity_vec=_unit_dict(names), title=f"story {s['id']}")
            yield feats, int(s["id"])  # type: ignore[call-overload]
            made += 1
        day += 1


def pairwise(truth: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """Pairwise P/R/F1 from the contingency table (linear in N)."""
    def pairs(c: Counter[object]) -> int:
        return sum(k * (k - 1) // 2 for k in c.values())

    tp = pairs(Counter(zip(truth, pred, strict=True)))
    p_pairs, t_pairs = pairs(Counter(pred)), pairs(Counter(truth))
    p = tp / p_pairs if p_pairs else 1.0
    r = tp / t_pairs if t_pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(n: int, ann: str, args: argparse.Namespace) -> dict[str, object]:
    options = load_options(overrides={"stories.ann": ann})
    clusterer = StoryClusterer(options, DIM)
    truth: list[int] = []
    pred: list[str] = []
    spent = last = 0.0
    for feats, story in stream(n, args.topics, args.per_day, args.seed):
        start = time.perf_counter()
        pred.append(clusterer.assign(feats).id)
        spent += time.perf_counter() - start
        truth.append(story)
        if args.checkpoint and len(pred) % args.checkpoint == 0 and len(pred) < n:
            # Progress of long runs: the cost of the last interval, the quality so far.
            f1 = pairwise(truth, pred)[2]
            print(f"  {ann} after {len(pred):,}: {1000 * (spent - last) / args.checkpoint:.3f} "
                  f"ms/article in the last {args.checkpoint:,}, pairwise F1 so far {f1:.3f}, "
                  f"{len(clusterer.stories):,} stories, index "
                  f"{clusterer.index.memory_bytes() / 2**20:.1f} MiB, peak RSS {rss_mb():.0f} MiB",
                  flush=True)
            last = spent
    return {"truth": truth, "pred": pred, "ms": 1000 * spent / n,
            "stories": len(clusterer.stories), "gold": len(set(truth)),
            "index_mb": clusterer.index.memory_bytes() / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--exact-max", type=int, default=100_000,
                    help="largest N also run with exact search (the reference)")
    ap.add_argument("--topics", type=int, default=200)
    ap.add_argument("--per-day", type=int, default=1000, help="articles per day")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--checkpoint", type=int, default=0,
                    help="print progress every this many articles (long runs)")
    args = ap.parse_args()
    print(f"dim {DIM}, {args.topics} topics, {args.per_day} articles/day, seed {args.seed}; "
          "assigned from an empty store", flush=True)
    for n in (int(s) for s in args.sizes.split(",")):
        reference: list[str] = []
        for ann in ("usearch", "exact") if n <= args.exact_max else ("usearch",):
            r = run(n, ann, args)
            p, rc, f1 = pairwise(r["truth"], r["pred"])  # type: ignore[arg-type]
            line = (f"N={n:>9,} {ann:<7}: pairwise P/R/F1 {p:.3f}/{rc:.3f}/{f1:.3f}  "
                    f"stories {r['stories']:,} (true {r['gold']:,})  {r['ms']:.3f} ms/article  "
                    f"index {r['index_mb']:.1f} MiB  peak RSS {rss_mb():.0f} MiB")
            if ann == "exact":
                agree = pairwise(reference, r["pred"])[2]  # type: ignore[arg-type]
                line += f"  ANN vs exact agreement F1 {agree:.3f}"
            else:
                reference = r["pred"]  # type: ignore[assignment]
            print(line, flush=True)

if __name__ == "__main__":
    main()
