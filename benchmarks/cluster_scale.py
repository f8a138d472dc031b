"""Story assignment at scale: cost per article with the ANN index vs naive all-pairs.

    .venv/bin/python benchmarks/cluster_scale.py [--sizes 10000,100000,1000000]

Synthetic, story-structured data: ``size / story_size`` random unit centroids in 512-d
(the USE dimension), each article = its centroid + Gaussian noise (cosine to its centroid
about 0.78; random centroids are near-orthogonal). For each size N the production core
(``StoryClusterer``, the class ``assign_stories`` drives) is loaded with the stories that
the first N - S articles would have formed (S = --sample), then the next S articles are
assigned one by one and timed: that is the steady-state cost per article at N. The store is
left out (an in-memory stand-in): SQLite round-trips would dominate and do not depend on N.

Naive all-pairs = compare each new article with every earlier article (one N x 512 matrix-
vector product). It is timed directly up to --naive-max articles and extrapolated linearly
above (the cost of a dense mat-vec is linear in N); the output says which.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from storyline.config import load_options
from storyline.stories.cluster import StoryClusterer
from storyline.stories.features import ArticleFeatures, StoryState

DIM = 512


def unit(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=-1, keepdims=True)).astype(np.float32)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def ann_run(size: int, sample: int, story_size: int, noise: float, ann: str,
            rng: np.random.Generator) -> dict[str, float]:
    options = load_options(overrides={"stories.ann": ann})
    stories = max(1, size // story_size)
    centroids = unit(rng.standard_normal((stories, DIM)))
    clusterer = StoryClusterer(options, DIM)
    start = time.perf_counter()
    prefilled = size - sample
    # Stories the first N - S articles formed: the true centroids, sized as they would be.
    states = []
    for i in range(stories):
        members = prefilled // stories + (i < prefilled % stories)
        if members:
            states.append(StoryState(id=f"s{i}", dim=DIM, size=members,
                                     vector_sum=centroids[i] * members))
    clusterer.add_states(states)
    load_s = time.perf_counter() - start
    truth = rng.integers(0, stories, sample)
    vectors = unit(centroids[truth] + noise * rng.standard_normal((sample, DIM)) / np.sqrt(DIM))
    feats = [ArticleFeatures(id=f"a{i}", vector=v) for i, v in enumerate(vectors)]
    start = time.perf_counter()
    got = [clusterer.assign(f).id for f in feats]
    elapsed = time.perf_counter() - start
    correct = float(np.mean([g == f"s{t}" for g, t in zip(got, truth, strict=True)]))
    return {"ms": 1000 * elapsed / sample, "load_s": load_s, "stories": len(clusterer.stories),
            "index_mb": clusterer.index.memory_bytes() / 2**20, "correct": correct}


def naive_ms(size: int, probes: int, rng: np.random.Generator) -> float:
    """Mean time of one comparison against ``size`` earlier articles (mat-vec + argmax)."""
    matrix = unit(rng.standard_normal((size, DIM)))
    queries = unit(rng.standard_normal((probes, DIM)))
    start = time.perf_counter()
    for q in queries:
        sims = matrix @ q
        int(np.argmax(sims))
    return 1000 * (time.perf_counter() - start) / probes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--sample", type=int, default=2000, help="articles timed per size")
    ap.add_argument("--story-size", type=int, default=10, help="mean articles per story")
    ap.add_argument("--noise", type=float, default=0.8)
    ap.add_argument("--naive-max", type=int, default=200_000,
                    help="largest N timed directly for all-pairs; larger N are extrapolated")
    ap.add_argument("--ann", default="usearch", help="usearch | exact")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"dim {DIM}, story size {args.story_size}, sample {args.sample} articles per size, "
          f"ann {args.ann}; in-memory store stand-in")
    naive_at: dict[int, float] = {}
    for size in sizes:
        r = ann_run(size, min(args.sample, size), args.story_size, args.noise, args.ann, rng)
        if size <= args.naive_max:
            naive = naive_ms(size, 50, rng)
            naive_at[size] = naive
            how = "measured"
        else:
            base = max(naive_at) if naive_at else None
            if base is None:
                naive_at[args.naive_max] = naive_ms(args.naive_max, 50, rng)
                base = args.naive_max
            naive = naive_at[base] * size / base
            how = f"extrapolated from {base:,}"
        print(f"N={size:>9,}: ANN {r['ms']:.3f} ms/article over {int(r['stories']):,} stories "
              f"(index {r['index_mb']:.1f} MiB, load {r['load_s']:.1f}s, "
              f"correct story {r['correct']:.3f}) | naive all-pairs {naive:.3f} ms/article "
              f"({how}) | RSS peak {rss_mb():.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
