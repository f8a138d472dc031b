"""Stage "numbers" (placeholder: passes articles through until implemented)."""

from __future__ import annotations

from ..config import Options
from ..model import Article
from ..pipeline import StageFn, registry


@registry.stage("numbers", requires=('doc',), assigns=("numbers",))
def make_numbers(options: Options) -> StageFn:
    def numbers(article: Article) -> Article:
        return article

    return numbers
