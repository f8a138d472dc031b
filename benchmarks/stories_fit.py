"""Fit the join model (``stories.join_*``) on one gold stream, score it on both.

    .venv/bin/python benchmarks/stories_fit.py BASIL_DIR ECBPLUS_DIR [--basil-db X] [--ecb-cache Y]

BASIL_DIR is laid out like basil-dev (``corpus/`` + ``gold.json``), ECBPLUS_DIR like
ecbplus-dev. Training pairs come from replaying each stream with its *gold* stories: every
article is compared with its ``stories.candidates`` nearest gold stories so far (the same
features as in ``storyline cluster``, see ``stories/decide.py``), labelled 1 for its own
story, and its ``--negatives`` nearest wrong stories (the choices the decision faces). A
logistic regression (Newton steps, small L2) is fit on basil, on ECB+ and on both; the join
threshold is then picked by clustering F1 on the same training stream(s), and each fit is used to cluster both streams (publication order for basil, the fixed
shuffled order for ECB+) and the pairwise F1 is printed, so every figure off the
diagonal is a cross-data check. The "both" row is what ships as the defaults.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from ecbplus import featurize, load_corpus, pairwise  # noqa: E402

from storyline import Storyline, load_options  # noqa: E402
from storyline.config import Options  # noqa: E402
from storyline.stories.assign import publication_order  # noqa: E402
from storyline.stories.cluster import StoryClusterer  # noqa: E402
from storyline.stories.decide import FEATURES, pair_features  # noqa: E402
from storyline.stories.embed import embed_articles, get_embedder  # noqa: E402
from storyline.stories.features import ArticleFeatures, StoryState, article_features  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
Stream = tuple[list[ArticleFeatures], list[str]]


def basil_stream(data: Path, db: Path | None, options: Options) -> Stream:
    """Ingest + analyze into ``db`` (kept and reused if given), features in publication order."""
    gold = json.loads((data / "gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "basil.db"
        fresh = not path.exists()
        app = Storyline(options.replace(**{"store.url": f"sqlite:///{path}",
                                           "ingest.progress": False}))
        if fresh:
            app.ingest([data / "corpus"])
            app.analyze()
        articles = publication_order(list(app.store.iter_articles()))
        app.close()
    vectors = embed_articles(articles, get_embedder(options.stories.embedder, options))
    feats = [article_features(a, v, options.stories.features)
             for a, v in zip(articles, vectors, strict=True)]
    labels = [gold[Path(a.source_path or "").name.removesuffix(".txt")]["event"]
              for a in articles]
    return feats, labels


def ecb_stream(data: Path, cache: Path | None, options: Options) -> Stream:
    articles, labels = load_corpus(data, 13)
    return featurize(articles, options, cache), labels


def gold_pairs(stream: Stream, negatives: int, shift: float) -> tuple[np.ndarray, np.ndarray]:
    """Replay the stream with gold stories; per article one row for its own story (if it
    exists yet) and one per nearest other story (``negatives`` of them, by embedding
    cosine): the choices the join decision actually faces."""
    feats, labels = stream
    stories: dict[str, StoryState] = {}
    rows: list[tuple[float, ...]] = []
    ys: list[int] = []
    for a, label in zip(feats, labels, strict=True):
        if stories:
            keys = sorted(stories)
            cosines = np.stack([stories[k].centroid() for k in keys]) @ a.vector
            wrong = 0
            for i in np.argsort(-cosines, kind="stable"):
                own = keys[i] == label
                if own or wrong < negatives:
                    rows.append(pair_features(a, stories[keys[i]], float(cosines[i]), shift))
                    ys.append(int(own))
                    wrong += not own
        stories.setdefault(label, StoryState(id=label, dim=a.vector.shape[0])).add(a)
    return np.array(rows), np.array(ys, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """[bias, w...] by Newton's method with an L2 penalty on the weights (not the bias)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(len(w)) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def with_coefficients(options: Options, w: np.ndarray) -> Options:
    names = ["join_bias"] + [f"join_{f}" for f in FEATURES]
    return options.replace(**{f"stories.{n}": round(float(v), 3) for n, v in zip(names, w,
                                                                                 strict=True)})


def cluster_labels(stream: Stream, options: Options) -> list[str]:
    """Story ids from clustering the stream in its order (exact index)."""
    feats = stream[0]
    shift = get_embedder(options.stories.embedder, options).threshold_shift
    clusterer = StoryClusterer(options, int(feats[0].vector.shape[0]), ann="exact",
                               threshold_shift=shift)
    return [clusterer.assign(f).id for f in feats]


def cluster_f1(stream: Stream, options: Options) -> float:
    return pairwise(stream[1], cluster_labels(stream, options))[2]


def data_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The data and fitting arguments this script and ``stories_cv.py`` share."""
    ap = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    ap.add_argument("basil", type=Path)
    ap.add_argument("ecbplus", type=Path)
    ap.add_argument("--basil-db", type=Path, help="analyzed store to create once and reuse")
    ap.add_argument("--ecb-cache", type=Path, help="pickle of analyzed ECB+ articles to reuse")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--negatives", type=int, default=3, help="wrong stories per article")
    return ap


def main() -> None:
    args = data_arguments(__doc__).parse_args()
    options = load_options()
    shift = get_embedder(options.stories.embedder, options).threshold_shift
    streams = {"basil": basil_stream(args.basil, args.basil_db, options),
               "ecb+": ecb_stream(args.ecbplus, args.ecb_cache, options)}
    pairs = {k: gold_pairs(s, args.negatives, shift) for k, s in streams.items()}
    pairs["both"] = (np.vstack([pairs["basil"][0], pairs["ecb+"][0]]),
                     np.concatenate([pairs["basil"][1], pairs["ecb+"][1]]))
    print(f"embedder {options.stories.embedder}; features bias,{','.join(FEATURES)}")
    print("current defaults: " + "  ".join(
        f"{k} F1 {cluster_f1(s, options):.3f}" for k, s in streams.items()))
    for name, (x, y) in pairs.items():
        w = fit_logistic(x, y, args.l2)
        fitted = with_coefficients(options, w)
        # The threshold is the one number chosen by clustering F1, on the training stream(s).
        train = [k for k in streams if name in (k, "both")]
        t = max(THRESHOLDS, key=lambda t: (sum(cluster_f1(streams[k], fitted.replace(**{
            "stories.join_threshold": t})) for k in train), -abs(t - 0.5)))
        fitted = fitted.replace(**{"stories.join_threshold": t})
        scores = "  ".join(f"{k} F1 {cluster_f1(s, fitted):.3f}" for k, s in streams.items())
        print(f"fit on {name:<5} ({int(y.sum())}/{len(y)} positive pairs): "
              f"coef {np.round(w, 3).tolist()} threshold {t}  {scores}")
    # Held-out events: fit on ECB+ and half of basil's events, score the other half.
    feats, labels = streams["basil"]
    events = sorted(set(labels))
    for fold in (0, 1):
        held = set(events[fold::2])
        train = ([f for f, g in zip(feats, labels, strict=True) if g not in held],
                 [g for g in labels if g not in held])
        test = ([f for f, g in zip(feats, labels, strict=True) if g in held],
                [g for g in labels if g in held])
        x, y = gold_pairs(train, args.negatives, shift)
        w = fit_logistic(np.vstack([x, pairs["ecb+"][0]]), np.concatenate([y, pairs["ecb+"][1]]),
                         args.l2)
        fitted = with_coefficients(options, w)
        t = max(THRESHOLDS, key=lambda t: (sum(cluster_f1(s, fitted.replace(**{
            "stories.join_threshold": t})) for s in (train, streams["ecb+"])), -abs(t - 0.5)))
        f1 = cluster_f1(test, fitted.replace(**{"stories.join_threshold": t}))
        print(f"fit on ecb+ and basil events half {1 - fold} (threshold {t}): held-out basil "
              f"half {fold} ({len(held)} events) F1 {f1:.3f}")


if __name__ == "__main__":
    main()
