"""Stage "quotes" (placeholder: passes articles through until implemented)."""

from __future__ import annotations

from ..config import Options
from ..model import Article
from ..pipeline import StageFn, registry


@registry.stage("quotes", requires=('doc', 'entities',), assigns=("quotes",))
def make_quotes(options: Options) -> StageFn:
    def quotes(article: Article) -> Article:
        return article

    return quotes
