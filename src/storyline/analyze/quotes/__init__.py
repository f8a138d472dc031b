"""Quotes and attributions with their speakers.

``stage`` registers the pipeline stage "quotes" and combines the rules: quotation marks
(``marks``), direct quotes (``direct``), indirect and mixed speech (``indirect``), attitude
verbs and adjectives (``attitude``), attribution nouns (``nominal``) and colon labels and
headlines (``colon``); ``cues`` holds the cue lexicons and ``speaker`` finds and resolves
sources.
"""

from __future__ import annotations

from .stage import ALL_TYPES, extract_quotes, make_quotes, outermost, quote_types

__all__ = ["ALL_TYPES", "extract_quotes", "make_quotes", "outermost", "quote_types"]
