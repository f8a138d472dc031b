"""Held-out estimate of the join model: cross-validation by ECB+ topic and basil event.

    .venv/bin/python benchmarks/stories_cv.py BASIL_DIR ECBPLUS_DIR [--basil-db X] [--ecb-cache Y]

The in-sample F1 of ``benchmarks/stories_fit.py`` flatters the join model: its coefficients
and threshold were chosen on the very stories they are scored on. Here each split puts half
of the ECB+ topics (a topic holds both of its similar events, so nothing of a test topic is
seen) and half of basil's events in training, fits the model exactly as ``stories_fit.py``
does (gold-replay pairs, L2 logistic regression, join threshold picked by clustering F1 on
the training streams), and scores pairwise F1 on the other halves; then the reverse. Split
0 takes every other topic/event in sorted order; splits 1.. shuffle them (seeded). The
mean over all folds is the held-out estimate printed last, for ECB+ and for basil: use it,
not the in-sample figure, to choose between variants.

``--set stories.KEY=VALUE`` changes options before featurizing (feature variants);
``--drop FEATURE`` fits without that feature (its weight fixed at 0); ``--threshold T``
fixes the join threshold instead of picking it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from ecbplus import pairwise  # noqa: E402
from stories_fit import (  # noqa: E402
    THRESHOLDS,
    Stream,
    basil_stream,
    cluster_f1,
    cluster_labels,
    data_arguments,
    ecb_stream,
    fit_logistic,
    gold_pairs,
    with_coefficients,
)

from storyline import load_options  # noqa: E402
from storyline.config import Options  # noqa: E402
from storyline.stories.decide import FEATURES  # noqa: E402
from storyline.stories.embed import get_embedder  # noqa: E402


def subset(stream: Stream, keep: set[str], group: dict[str, str]) -> Stream:
    """The articles whose gold story's group (topic / event) is in ``keep``, in stream order."""
    feats, labels = stream
    pairs = [(f, g) for f, g in zip(feats, labels, strict=True) if group[g] in keep]
    return [f for f, _ in pairs], [g for _, g in pairs]


def halves(groups: list[str], split: int) -> tuple[set[str], set[str]]:
    order = sorted(groups)
    if split:
        random.Random(split).shuffle(order)
    return set(order[0::2]), set(order[1::2])


def fit(train: list[Stream], options: Options, shift: float, l2: float, negatives: int,
        drop: set[str], thresholds: tuple[float, ...] = THRESHOLDS) -> Options:
    """Coefficients from the training streams' gold pairs, threshold by their clustering F1."""
    parts = [gold_pairs(s, negatives, shift) for s in train]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    keep = [i for i, f in enumerate(FEATURES) if f not in drop]
    w_kept = fit_logistic(x[:, keep], y, l2)
    w = np.zeros(len(FEATURES) + 1)
    w[0] = w_kept[0]
    for j, i in enumerate(keep):
        w[i + 1] = w_kept[j + 1]
    fitted = with_coefficients(options, w)
    t = max(thresholds, key=lambda t: (sum(cluster_f1(s, fitted.replace(**{
        "stories.join_threshold": t})) for s in train), -abs(t - 0.5)))
    return fitted.replace(**{"stories.join_threshold": t})


def main() -> None:
    ap = data_arguments(__doc__)
    ap.add_argument("--splits", type=int, default=3, help="splits (2 folds each)")
    ap.add_argument("--drop", action="append", default=[], choices=FEATURES)
    ap.add_argument("--threshold", type=float, help="fix the join threshold (default: picked)")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = ap.parse_args()
    options = load_options(overrides=dict(s.split("=", 1) for s in args.set))
    basil = basil_stream(args.basil, args.basil_db, options)
    ecb = ecb_stream(args.ecbplus, args.ecb_cache, options)
    print(f"basil {args.basil}: {len(basil[0])} articles, {len(set(basil[1]))} events; "
          f"ECB+ {args.ecbplus}: {len(ecb[0])} documents, "
          f"{len({g.rsplit('-', 1)[0] for g in ecb[1]})} topics; features "
          f"{','.join(f for f in FEATURES if f not in args.drop)}; l2 {args.l2}; "
          f"overrides {args.set or 'none'}")
    held_out(basil, ecb, options, args.l2, args.negatives, set(args.drop), args.splits,
             (args.threshold,) if args.threshold is not None else THRESHOLDS)


def held_out(basil: Stream, ecb: Stream, options: Options, l2: float = 1.0, negatives: int = 3,
             drop: set[str] | None = None, splits: int = 3,
             thresholds: tuple[float, ...] = THRESHOLDS) -> dict[str, list[float]]:
    """Print the in-sample and per-fold held-out F1; returns the held-out scores."""
    drop = drop or set()
    shift = get_embedder(options.stories.embedder, options).threshold_shift
    basil_group = {g: g for g in basil[1]}
    ecb_group = {g: g.rsplit("-", 1)[0] for g in ecb[1]}  # "12-ecbplus" -> topic "12"
    full = fit([basil, ecb], options, shift, l2, negatives, drop, thresholds)
    print(f"in-sample (fit on all): basil F1 {cluster_f1(basil, full):.3f}  "
          f"ECB+ F1 {cluster_f1(ecb, full):.3f}  threshold {full.stories.join_threshold}  coef "
          + ", ".join(f"{getattr(full.stories, 'join_' + f)}" for f in ("bias", *FEATURES)))
    scores: dict[str, list[float]] = {"basil": [], "ecb+": []}
    pooled: dict[str, list[float]] = {"basil": [], "ecb+": []}
    for split in range(splits):
        b_halves = halves(list(basil_group), split)
        e_halves = halves(list(set(ecb_group.values())), split)
        # Each article's held-out story, both folds together: pairs across the halves are
        # different gold stories and never joined, so the pooled F1 is on the same footing
        # as the in-sample F1 over the whole set.
        pred: dict[str, dict[str, str]] = {"basil": {}, "ecb+": {}}
        for fold in (0, 1):
            b_train, b_test = b_halves[fold], b_halves[1 - fold]
            e_train, e_test = e_halves[fold], e_halves[1 - fold]
            fitted = fit([subset(basil, b_train, basil_group), subset(ecb, e_train, ecb_group)],
                         options, shift, l2, negatives, drop, thresholds)
            line = []
            for name, stream, test, group in (("basil", basil, b_test, basil_group),
                                              ("ecb+", ecb, e_test, ecb_group)):
                held = subset(stream, test, group)
                labels = cluster_labels(held, fitted)
                pred[name].update((f.id, f"{fold}:{p}") for f, p in zip(held[0], labels,
                                                                         strict=True))
                scores[name].append(pairwise(held[1], labels)[2])
                line.append(f"{name} F1 {scores[name][-1]:.3f}")
            print(f"split {split} fold {fold}: held-out {'  '.join(line)}  "
                  f"(threshold {fitted.stories.join_threshold})", flush=True)
        for name, stream in (("basil", basil), ("ecb+", ecb)):
            pooled[name].append(pairwise(stream[1], [pred[name][f.id] for f in stream[0]])[2])
        print(f"split {split} pooled: basil F1 {pooled['basil'][-1]:.3f}  "
              f"ECB+ F1 {pooled['ecb+'][-1]:.3f}", flush=True)
    print("held-out estimate: " + "  ".join(
        f"{k} F1 pooled {np.mean(pooled[k]):.3f} (folds: mean {np.mean(v):.3f}, median "
        f"{np.median(v):.3f}, min {min(v):.3f})" for k, v in scores.items()))
    return scores

if __name__ == "__main__":
    main()
