"""Stage "entities" (placeholder: passes articles through until implemented)."""

from __future__ import annotations

from ..config import Options
from ..model import Article
from ..pipeline import StageFn, registry


@registry.stage("entities", requires=('doc',), assigns=("entities",))
def make_entities(options: Options) -> StageFn:
    def entities(article: Article) -> Article:
        return article

    return entities
