"""The built-in analysis stages: the one list of them.

Importing each module registers its stage on ``storyline.pipeline.registry``; the registry
imports these modules on its first lookup (a stage of your own registers itself the same
way, or is added with ``registry.add_plugins(["your.module"])``). The package imports this
module, so the list is known without importing the facade (and SQLAlchemy with it); the
facade re-exports it as ``storyline.api.BUILTIN_STAGES``.
"""

from __future__ import annotations

from .pipeline import registry

BUILTIN_STAGES = (
    "storyline.analyze.parse.nlp",
    "storyline.analyze.entities",
    "storyline.analyze.temporal.stage",
    "storyline.analyze.quotes.stage",
    "storyline.analyze.numbers",
    "storyline.analyze.events.stage",
)
registry.add_plugins(BUILTIN_STAGES)
