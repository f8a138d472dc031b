"""Stage "events" (placeholder: passes articles through until implemented)."""

from __future__ import annotations

from ..config import Options
from ..model import Article
from ..pipeline import StageFn, registry


@registry.stage("events", requires=('doc', 'entities', 'timexes',), assigns=("events",))
def make_events(options: Options) -> StageFn:
    def events(article: Article) -> Article:
        return article

    return events
