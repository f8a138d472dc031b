"""Story clustering on ECB+: pairwise / B-cubed / ARI against topic + sub-topic gold.

    .venv/bin/python benchmarks/ecbplus.py ../shared/data/ecbplus-dev [--embedder NAME]

Each ECB+ document becomes an Article (tokens detokenized, one sentence per line; ECB+ has
no publication dates). The gold story of a document is its topic number plus 'ecb' or
'ecbplus' from its file name: every topic holds two different events of the same kind
(two earthquakes, two rehab stays), so this measures telling similar stories apart.

The run goes through the production path: the analysis stages (parse, entities, temporal),
the configured embedder, the same feature extraction and the same ``StoryClusterer`` used
by ``storyline cluster``, over all documents in a fixed shuffled order (``--seed``). A TF-IDF
average-link baseline is reported for comparison (its threshold picked on the same data,
which favours the baseline). ``--sweep`` prints the F1 per join threshold; the join
model itself is fit by ``benchmarks/stories_fit.py`` (dev data only).
"""

from __future__ import annotations

import argparse
import math
import pickle
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

from storyline.config import Options, load_options
from storyline.model import Article
from storyline.pipeline import Pipeline
from storyline.stories.cluster import StoryClusterer
from storyline.stories.embed import embed_articles, get_embedder
from storyline.stories.features import ArticleFeatures, article_features

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "''", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def detokenize(tokens: Sequence[str]) -> str:
    if tokens and tokens[0].lower() in {"http", "https", "www"}:
        return "".join(tokens)  # ECB+ pages start with their URL, tokenized
    out = ""
    for tok in tokens:
        tok = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(tok, tok)
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in "([{$\"" or out.endswith('" '):
            out += " "
        out += tok
    return out.replace(" n't", "n't")


def read_document(path: Path) -> Article:
    xml = path.read_text("utf-8", errors="replace")
    sentences: dict[int, list[str]] = {}
    for sent, tok in _TOKEN.findall(xml):
        sentences.setdefault(int(sent), []).append(
            tok.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&lt;", "<").replace("&gt;", ">"))
    text = "\n".join(detokenize(toks) for _, toks in sorted(sentences.items()))
    article = Article(text=text, source_path=str(path), format="text")
    article.ensure_id()
    return article


def gold_label(path: Path) -> str:
    topic = path.parent.name
    return f"{topic}-{'ecbplus' if path.stem.endswith('ecbplus') else 'ecb'}"


def load_corpus(data: Path, seed: int) -> tuple[list[Article], list[str]]:
    paths = sorted(data.glob("*/*.xml"))
    if not paths:
        sys.exit(f"no ECB+ XML files under {data} (expected TOPIC/NAME.xml)")
    random.Random(seed).shuffle(paths)
    return [read_document(p) for p in paths], [gold_label(p) for p in paths]


# -- metrics ------------------------------------------------------------------------------


def prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], pred[i] == pred[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    both = Counter(zip(gold, pred, strict=True))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    precision = sum(both[(gi, pi)] / p[pi] for gi, pi in zip(gold, pred, strict=True)) / n
    recall = sum(both[(gi, pi)] / g[gi] for gi, pi in zip(gold, pred, strict=True)) / n
    return prf(precision, recall)


def ari(gold: Sequence[str], pred: Sequence[str]) -> float:
    def pairs(x: float) -> float:
        return x * (x - 1) / 2

    both = Counter(zip(gold, pred, strict=True))
    index = sum(pairs(c) for c in both.values())
    a = sum(pairs(c) for c in Counter(gold).values())
    b = sum(pairs(c) for c in Counter(pred).values())
    expected = a * b / pairs(len(gold))
    top = (a + b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def report(name: str, gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    pp, pr, pf = pairwise(gold, pred)
    bp, br, bf = bcubed(gold, pred)
    row = {"pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "bcubed_p": bp,
           "bcubed_r": br, "bcubed_f1": bf, "ari": ari(gold, pred),
           "clusters": float(len(set(pred)))}
    print(f"{name:<34} pairwise P/R/F1 {pp:.3f}/{pr:.3f}/{pf:.3f}   "
          f"B3 P/R/F1 {bp:.3f}/{br:.3f}/{bf:.3f}   ARI {row['ari']:.3f}   "
          f"clusters {len(set(pred))} (gold {len(set(gold))})")
    return row


# -- storyline ----------------------------------------------------------------------------


def analyze(articles: list[Article], options: Options) -> tuple[list[Article], np.ndarray]:
    """The analysis stages and the embedding: the slow part, cached by ``--cache``."""
    pipeline = Pipeline(["parse", "entities", "temporal"], options)
    analyzed = list(pipeline.pipe(articles))
    vectors = embed_articles(analyzed, get_embedder(options.stories.embedder))
    for a in analyzed:
        a.doc = None  # free the spaCy docs (and make the articles picklable)
    return analyzed, vectors


def features_of(analyzed: list[Article], vectors: np.ndarray,
                options: Options) -> list[ArticleFeatures]:
    return [article_features(a, v, options.stories.features)
            for a, v in zip(analyzed, vectors, strict=True)]


def featurize(articles: list[Article], options: Options,
              cache: Path | None = None) -> list[ArticleFeatures]:
    """Features of ``articles``; ``cache`` keeps the analyzed articles and embeddings (not
    the features, so a change to the feature code needs no re-analysis)."""
    if cache and cache.exists():
        analyzed, vectors = pickle.loads(cache.read_bytes())
    else:
        analyzed, vectors = analyze(articles, options)
        if cache:
            cache.write_bytes(pickle.dumps((analyzed, vectors)))
    return features_of(analyzed, vectors, options)


def cluster(feats: list[ArticleFeatures], options: Options) -> list[str]:
    shift = get_embedder(options.stories.embedder, options).threshold_shift
    clusterer = StoryClusterer(options, int(feats[0].vector.shape[0]), threshold_shift=shift)
    return [clusterer.assign(f).id for f in feats]


# -- TF-IDF average-link baseline ---------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def tfidf(texts: Sequence[str]) -> np.ndarray:
    docs = [Counter(w.casefold() for w in _WORD.findall(t)) for t in texts]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= 2))}
    idf = {w: math.log(len(docs) / df[w]) + 1.0 for w in vocab}
    matrix = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for row, d in enumerate(docs):
        for w, c in d.items():
            if w in vocab:
                matrix[row, vocab[w]] = (1.0 + math.log(c)) * idf[w]
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    return matrix


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Agglomerative clustering, average link, stop when no pair averages >= threshold."""
    n = sim.shape[0]
    s = sim.astype(np.float64).copy()
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    label = list(range(n))
    active = np.ones(n, dtype=bool)
    while True:
        flat = int(np.argmax(s))
        i, j = divmod(flat, n)
        if s[i, j] < threshold:
            break
        # Lance-Williams update for average link: merge j into i.
        merged = (size[i] * s[i] + size[j] * s[j]) / (size[i] + size[j])
        s[i], s[:, i] = merged, merged
        s[i, i] = -np.inf
        s[j], s[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        active[j] = False
        label = [i if x == j else x for x in label]
    return label


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="ECB+ folder (TOPIC/*.xml)")
    ap.add_argument("--embedder", default=None, help="stories.embedder (default: configured)")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache", type=Path,
                    help="pickle analyzed articles + embeddings here / reuse them (tuning)")
    ap.add_argument("--sweep", action="store_true", help="pairwise F1 per join threshold")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()

    overrides = dict(s.split("=", 1) for s in args.set)
    if args.embedder:
        overrides["stories.embedder"] = args.embedder
    options = load_options(overrides=overrides)
    articles, gold = load_corpus(args.data, args.seed)
    print(f"ECB+ {args.data}: {len(articles)} documents, {len(set(gold))} gold stories, "
          f"embedder {options.stories.embedder}, ann {options.stories.ann}")

    started = time.perf_counter()
    feats = featurize(articles, options, args.cache)
    prepared = time.perf_counter()
    pred = cluster(feats, options)
    done = time.perf_counter()
    print(f"analysis+embedding {prepared - started:.1f}s, assignment {done - prepared:.2f}s "
          f"({1000 * (done - prepared) / len(feats):.2f} ms/article)")
    s = options.stories
    report(f"storyline (join threshold {s.join_threshold})", gold, pred)

    if args.sweep:
        for t in np.arange(0.1, 0.75, 0.05):
            opts = options.replace(**{"stories.join_threshold": float(t)})
            print(f"  sweep join_threshold {t:.2f}: pairwise F1 "
                  f"{pairwise(gold, cluster(feats, opts))[2]:.3f}", flush=True)

    if not args.no_baseline:
        sim = (lambda m: m @ m.T)(tfidf([a.text for a in articles]))
        best: tuple[float, float] = (-1.0, 0.0)
        for t in np.arange(0.05, 0.5, 0.025):
            labels = [str(x) for x in average_link(sim, float(t))]
            best = max(best, (pairwise(gold, labels)[2], float(t)))
        labels = [str(x) for x in average_link(sim, best[1])]
        report(f"TF-IDF average-link (t={best[1]:.3f}*)", gold, labels)
        print("  * baseline threshold chosen on this data (oracle), storyline's is the default")


if __name__ == "__main__":
    main()
