"""The Python API. The CLI, the HTTP API and the batch jobs are thin layers over this class.

    from storyline import Storyline
    sl = Storyline.open("sqlite:///news.db")
    report = sl.run(["examples/corpus"])      # ingest + analyze + stories
    for story in sl.stories():
        view = sl.story(story.id)              # ledger + timeline with evidence
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Options, load_options
from .model import Article
from .pipeline import Failure
from .store import SearchHit, Store, StoryRow


@dataclass
class RunReport:
    """Counts of one run; ``ok`` is False when any input failed (the CLI exits 1)."""

    ingested: int = 0
    unchanged: int = 0  # already in the store (same content id)
    duplicates: int = 0  # exact or near duplicates linked to a canonical article
    analyzed: int = 0
    stories: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: RunReport) -> RunReport:
        for name in ("ingested", "unchanged", "duplicates", "analyzed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.stories = other.stories or self.stories
        self.failures.extend(other.failures)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "analyzed": self.analyzed,
                "stories": self.stories, "failed": len(self.failures),
                "failures": [f.__dict__ for f in self.failures]}


class Storyline:
    """Facade over the store and the pipeline stages, configured by one ``Options``."""

    def __init__(self, options: Options, store: Store | None = None) -> None:
        self.options = options
        self.store = store or Store(options.store.url)

    @classmethod
    def open(cls, db: str | None = None, config: str | Path | None = None,
             **overrides: Any) -> Storyline:
        """Build options (defaults < config file < env < overrides) and open the store.

        ``db`` is a SQLAlchemy URL or a plain path to a SQLite file.
        """
        if db:
            overrides["store.url"] = db if "://" in db else f"sqlite:///{db}"
        return cls(load_options(config, overrides=overrides))

    def close(self) -> None:
        self.store.close()

    # -- pipeline -----------------------------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path], *, progress: bool | None = None) -> RunReport:
        from .ingest import ingest_paths

        show = self.options.ingest.progress if progress is None else progress
        return ingest_paths([Path(p) for p in paths], self.store, self.options, progress=show)

    def analyze(self, ids: Sequence[str] | None = None, *, force: bool = False,
                retry_failed: bool = False, progress: bool | None = None) -> RunReport:
        from .analyze import analyze_store

        show = self.options.ingest.progress if progress is None else progress
        return analyze_store(self.store, self.options, ids=ids, force=force,
                             retry_failed=retry_failed, progress=show)

    def build_stories(self, *, rebuild: bool = False, progress: bool | None = None) -> RunReport:
        from .stories import assign_stories

        show = self.options.ingest.progress if progress is None else progress
        return assign_stories(self.store, self.options, rebuild=rebuild, progress=show)

    def run(self, paths: Sequence[str | Path], *, progress: bool | None = None) -> RunReport:
        """Ingest, analyze and group into stories: the main job."""
        report = self.ingest(paths, progress=progress)
        report.merge(self.analyze(progress=progress))
        report.merge(self.build_stories(progress=progress))
        return report

    # -- reading ------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self.store.get_article(article_id)

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.list_articles(**filters)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def stories(self, **filters: Any) -> list[StoryRow]:
        return self.store.list_stories(**filters)

    def story(self, story_id: str) -> Any:
        """A ``StoryView``: the story, its articles, its fact ledger and its timeline."""
        from .stories import story_view

        return story_view(self.store, self.store.get_story(story_id).id, self.options)

    def timeline(self, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Any:
        """Events involving ``actor`` (and ``other``), merged across articles, with evidence."""
        from .stories import timeline_for

        return timeline_for(self.store, actor, other, story_id=story_id)

    def report(self, story_id: str, fmt: str = "md") -> str:
        from .stories import render_report

        return render_report(self.story(story_id), fmt)
