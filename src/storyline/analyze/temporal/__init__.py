"""Stage "temporal" (placeholder: passes articles through until implemented)."""

from __future__ import annotations

from ...config import Options
from ...model import Article
from ...pipeline import StageFn, registry


@registry.stage("temporal", requires=("text",), assigns=("timexes",))
def make_temporal(options: Options) -> StageFn:
    def temporal(article: Article) -> Article:
        return article

    return temporal
