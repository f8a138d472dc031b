"""The Python API. The CLI, the HTTP API and the batch jobs are thin layers over this class.

    from storyline import Storyline
    sl = Storyline.open("sqlite:///news.db")
    report = sl.run(["examples/corpus"])      # ingest + analyze + stories
    for story in sl.stories():
        view = sl.story(story.id)              # ledger + timeline with evidence
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from .config import Options, load_options
from .errors import NotFound
from .model import Article
from .runs import RunReport
from .stages import BUILTIN_STAGES  # noqa: F401  (the one list; registers them)
from .store import SearchHit, Store, StoryRow
from .store.sql import ARTICLE_SORTS, STORY_SORTS  # noqa: F401  (re-exported for cli and web)


class Storyline:
    """Facade over the store and the pipeline stages, configured by one ``Options``."""

    def __init__(self, options: Options, store: Store | None = None, *,
                 create: bool = True) -> None:
        """``create=False``: only open an existing store (``StoreError`` when missing)."""
        self.options = options
        self.store = store or Store(options.store.url, create=create)
        self._ledger_counts: dict[tuple[Any, ...], dict[str, int]] = {}

    @classmethod
    def open(cls, db: str | None = None, config: str | Path | None = None, *,
             create: bool = True, **overrides: Any) -> Storyline:
        """Build options (defaults < config file < env < overrides) and open the store.

        ``db`` is a SQLAlchemy URL or a plain path to a SQLite file; ``create=False`` only
        opens an existing store.
        """
        if db:
            overrides["store.url"] = db if "://" in db else f"sqlite:///{db}"
        return cls(load_options(config, overrides=overrides), create=create)

    def close(self) -> None:
        self.store.close()

    # -- pipeline -----------------------------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path], *, progress: bool | None = None) -> RunReport:
        from .ingest import ingest_paths

        show = self.options.ingest.progress if progress is None else progress
        with self.store.writing():
            return ingest_paths([Path(p) for p in paths], self.store, self.options,
                                progress=show)

    def analyze(self, ids: Sequence[str] | None = None, *, force: bool = False,
                retry_failed: bool = False, progress: bool | None = None) -> RunReport:
        from .analyze import analyze_store

        show = self.options.ingest.progress if progress is None else progress
        with self.store.writing():
            return analyze_store(self.store, self.options, ids=ids, force=force,
                                 retry_failed=retry_failed, progress=show)

    def build_stories(self, *, rebuild: bool = False, progress: bool | None = None) -> RunReport:
        from .stories import assign_stories

        show = self.options.ingest.progress if progress is None else progress
        with self.store.writing():
            before = self.story_state()
            report = assign_stories(self.store, self.options, rebuild=rebuild, progress=show)
            self._save_counts(self.touched_stories(before, limit=2**31 - 1))
            return report

    def _save_counts(self, rows: Sequence[StoryRow]) -> None:
        """Keep each changed story's ledger counts on its row, so story lists (CLI, API, web,
        export) read them instead of building a fact ledger per listed story; and save the
        story's whole view, so reading it (``story``) does not rebuild it."""
        from .stories.view import ledger_counts
        from .stories.view_cache import refresh_views

        views = refresh_views(self.store, [r.id for r in rows])
        for r in rows:
            counts = ledger_counts(views[r.id].ledger)
            r.meta = {**r.meta, "ledger": counts, "ledger_key": list(_count_key(r))}
            self.store.upsert_story(r)

    def doctor(self, *, repair: bool = False) -> dict[str, Any]:
        """Check story consistency (articles pointing at missing stories, sizes that do not
        match members, stale or missing clustering state). ``repair=True`` dissolves the
        broken stories, unlinks orphan articles and regroups them (``build_stories``)."""
        problems = self.store.story_problems()
        out: dict[str, Any] = {"problems": problems.to_dict(), "ok": not problems}
        if repair and problems:
            with self.store.writing():
                freed = self.store.repair_stories(problems)
                self.build_stories(progress=False)
            after = self.store.story_problems()
            out.update(repaired=len(freed), after=after.to_dict(), ok=not after)
        return out

    def run(self, paths: Sequence[str | Path], *, progress: bool | None = None) -> RunReport:
        """Ingest, analyze and group into stories: the main job (one writer lock for all)."""
        with self.store.writing():
            report = self.ingest(paths, progress=progress)
            report.merge(self.analyze(progress=progress))
            report.merge(self.build_stories(progress=progress))
        return report

    def load(self, directory: str | Path, *, stories: bool = True) -> RunReport:
        """Put a ``storyline batch`` output folder into the store, then assign stories."""
        from .batch import load_output

        with self.store.writing():
            return load_output(self, directory, stories=stories)

    def writing(self) -> AbstractContextManager[None]:
        """Hold the store's writer lock across several calls (``StoreBusy`` when taken)."""
        return self.store.writing()

    # -- reading ------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self.store.get_article(article_id)

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.list_articles(**filters)

    def find_article(self, key: str) -> Article:
        """By id or unique id prefix, or else by a part of its input file name that matches
        exactly one article (users know their files better than content hashes)."""
        try:
            return self.store.get_article(key)
        except NotFound:
            hits = [aid for aid, path in self.store.articles_by_source(key)
                    if key in Path(path).name]
            if len(hits) == 1:
                return self.store.get_article(hits[0])
            raise

    def count_articles(self) -> int:
        return self.store.count_articles()

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles holding every word of ``query``; ``BadQuery`` when it is too long."""
        return self.store.search(query, limit=limit)

    def entities(self, prefix: str = "", limit: int = 50) -> list[tuple[str, str, int]]:
        """(canonical name, label, articles mentioning it), most mentioned first."""
        return self.store.entity_names(prefix, limit=limit)

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """Recorded failures, newest first."""
        return self.store.list_failures(limit=limit)

    def stories(self, **filters: Any) -> list[StoryRow]:
        return self.store.list_stories(**filters)

    def story_state(self) -> dict[str, tuple[Any, ...]]:
        """Each story's size, title and dates, to tell after a run which stories it touched
        (``touched_stories``) without building any fact ledger."""
        return {r.id: _state(r) for r in self.stories(limit=2**31 - 1)}

    def touched_stories(self, before: dict[str, tuple[Any, ...]],
                        limit: int = 1000) -> list[StoryRow]:
        """Stories that are new or changed (members, title, dates) since ``before``,
        biggest first: the stories a run made or added articles to."""
        rows = self.stories(limit=2**31 - 1)
        return [r for r in rows if before.get(r.id) != _state(r)][:limit]

    def story_counts(self, story: StoryRow) -> dict[str, int]:
        """Conflicting / corroborated / updated fact counts of one story's ledger, cached
        while the story's size and dates stay the same."""
        saved = story.meta.get("ledger")
        if isinstance(saved, dict) and story.meta.get("ledger_key") == list(_count_key(story)):
            return saved  # no import of the stories package: story lists start fast
        from .stories.view import ledger_counts

        key = (story.id, *_count_key(story))
        if key not in self._ledger_counts:
            self._ledger_counts[key] = ledger_counts(self.story_ledger(story.id))
        return self._ledger_counts[key]

    def triaged_stories(self, *, disputed: bool = False, **filters: Any) -> list[StoryRow]:
        """Stories with their ledger counts in ``meta["ledger"]``; ``disputed`` keeps only
        stories with at least one conflicting fact (paging applies after that filter)."""
        limit, offset = filters.pop("limit", 100), filters.pop("offset", 0)
        if not disputed:
            rows = self.stories(limit=limit, offset=offset, **filters)
        else:
            rows = [r for r in self.stories(limit=100_000, **filters)
                    if self.story_counts(r)["conflicting"]][offset:offset + limit]
        for r in rows:
            r.meta = {**r.meta, "ledger": self.story_counts(r)}
        return rows

    def story_ledger(self, story_id: str) -> Any:
        """One story's fact ledger (from its saved view when that is current)."""
        return self.story(story_id).ledger

    def story(self, story_id: str) -> Any:
        """A ``StoryView``: the story, its articles, its fact ledger and its timeline; read
        from the store when saved for the same members and code, else built and saved."""
        from .stories.view_cache import load_view

        return load_view(self.store, self.store.get_story(story_id).id, self.options)

    def threads(self) -> list[Any]:
        """Related stories linked into threads (``Thread``: stories + link evidence)."""
        from .stories.threads import find_threads

        return find_threads(self.store, self.options)

    def thread(self, thread_id: str) -> Any:
        from .stories.threads import get_thread

        return get_thread(self.store, self.options, thread_id)

    def timeline(self, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Any:
        """Events involving ``actor`` (and ``other``), merged across articles, with evidence."""
        from .stories import timeline_for

        return timeline_for(self.store, actor, other, story_id=story_id)

    def report(self, story_id: str, fmt: str = "md") -> str:
        from .stories import render_report

        return render_report(self.story(story_id), fmt)

    # -- export, outlets ------------------------------------------------------------------------

    def export_rows(self, kind: str, **filters: Any) -> list[dict[str, Any]]:
        """A flat table (``storyline.export.KINDS``) with the listing filters
        (query, since, until, outlet, entity, story, actor, other, sort, limit, offset)."""
        from .export import Filters, export_rows

        return export_rows(self, kind, Filters(**filters))

    def export(self, kind: str, fmt: str = "csv", out: Any = None, **filters: Any) -> str | None:
        """Write ``export_rows`` as csv | jsonl | parquet to ``out`` (a Path or text stream);
        CSV and JSON Lines come back as text when ``out`` is None."""
        from .export import write_rows

        return write_rows(self.export_rows(kind, **filters), fmt, out, kind)

    def import_outlets(self, path: str | Path) -> dict[str, int]:
        """Load outlet profiles from a CSV (domain, name, country, language, owner, any
        other columns); articles named by a bare domain get the profile's name."""
        from .outlets import read_profiles

        rows = read_profiles(Path(path))
        saved = self.store.save_outlet_profiles(rows)
        renamed = sum(self.store.rename_outlet(r["domain"], r["name"]) for r in rows)
        return {"profiles": saved, "renamed_articles": renamed}

    def story_outlet_counts(self, story_ids: Sequence[str]) -> dict[str, int]:
        """Distinct outlets per story, for story lists."""
        return self.store.story_outlet_counts(story_ids)

    def outlets(self) -> list[dict[str, Any]]:
        """Outlets with article counts, first and last article, and their profile if any."""
        from .outlets import outlet_label, profile_for

        profiles = self.store.outlet_profiles()
        rows = []
        for r in self.store.outlet_counts():
            rows.append({"outlet": outlet_label(r["outlet"]), "articles": r["articles"],
                         "first": r["first"], "last": r["last"],
                         "profile": profile_for(r["outlet"], r["url"], profiles)})
        return sorted(rows, key=lambda d: (-d["articles"], d["outlet"]))

    def coverage(self, story: Any, group_by: str | None = None) -> Any:
        """Who covered a story and when (``stories.coverage.Coverage``); ``story`` is an id
        or a ``StoryView``; ``group_by`` any outlet profile column (country, owner...)."""
        from .stories.coverage import build_coverage

        view = self.story(story) if isinstance(story, str) else story
        return build_coverage(view.articles, self.store.outlet_profiles(), group_by)

    # -- watch, follows, changes ------------------------------------------------------------

    def watch_round(self, feeds: Sequence[str], *, fetcher: Any = None) -> Any:
        """One round of ``storyline watch`` over feed/sitemap URLs: a ``RoundReport`` with
        the changes appended to the changes log in this round."""
        from .watch.runner import watch_round

        return watch_round(self.store, self.options, list(feeds), fetcher=fetcher,
                           analyze=lambda: self.analyze(progress=False),
                           cluster=lambda: self.build_stories(progress=False))

    def follow(self, kind: str, target: str, other: str | None = None) -> dict[str, Any]:
        """Follow an entity, an actor pair (``target`` and ``other``) or a story (id prefix).
        Names resolve like the timeline's ("Putin" -> "Vladimir Putin")."""
        from .errors import ConfigError
        from .stories.timeline import resolve_actor

        if kind == "story":
            resolved = self.store.get_story(target).id
        elif kind == "entity":
            resolved = resolve_actor(self.store, target)
        elif kind == "pair":
            if not other:
                raise ConfigError("following a pair needs two names: follow pair A B")
            resolved = "|".join(sorted({resolve_actor(self.store, target),
                                        resolve_actor(self.store, other)}))
        else:
            raise ConfigError(f"cannot follow a {kind!r}; follow an entity, a pair or a story")
        added = self.store.add_follow(kind, resolved)
        return {"kind": kind, "target": resolved, "added": added}

    def unfollow(self, kind: str, target: str) -> bool:
        return self.store.remove_follow(kind, target)

    def follows(self) -> list[dict[str, Any]]:
        return self.store.list_follows()

    def changes(self, *, since: str | None = None, followed: bool = False, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
        """The changes log, newest first; ``since`` an ISO date or timestamp."""
        return self.store.list_changes(since=since, followed=followed, limit=limit,
                                       offset=offset)


def _state(row: StoryRow) -> tuple[Any, ...]:
    # A new member always changes the size; a re-grouping may change the rest.
    return (row.size, row.title, row.first_published, row.last_published)


def _count_key(story: StoryRow) -> tuple[Any, ...]:
    """What saved ledger counts belong to: the story's members and dates as they were."""
    return (story.size, story.first_published, story.last_published)
