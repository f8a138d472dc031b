"""The spaCy parse: ``nlp`` loads the pipeline and registers the stage "parse"; ``speed``
holds the exact speed-ups applied to the loaded pipeline."""

from __future__ import annotations

from .nlp import MATMUL, load_nlp, make_parse

__all__ = ["MATMUL", "load_nlp", "make_parse"]
