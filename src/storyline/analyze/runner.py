"""The analysis runner: stream stored articles through the analysis stages, save per batch.

Design choices:

* Restartable. Ids are listed first (cheap), texts are loaded ``batch_size`` at a time, and
  every batch of results is saved in its own transaction, which also marks those articles
  analyzed. A crash loses at most one batch; a rerun picks up the articles not yet analyzed.
* One stream. All articles go through one ``Pipeline.pipe`` call, so the parse stage starts
  its spaCy worker processes (``analysis.n_process``) once per run, not once per batch;
  runs of fewer than ``MIN_PER_WORKER`` articles per worker use one process.
* Bad inputs do not stop the run: an ``InputError`` in a stage drops that article, is
  recorded with ``store.record_failure`` and returned in ``RunReport.failures``.
* Duplicates are analyzed like any other article. Near duplicates have their own text, so
  annotations (character offsets, evidence sentences) cannot be copied from the canonical
  article; exact duplicates never reach the store twice (same content id), so there is no
  cheaper path worth its complexity.
* Surnames across the corpus: a ``CorpusAliases`` built from the store's mentions is handed
  to the entities stage and grows as batches are saved. Articles analyzed before the full
  name was seen are fixed in a final pass ("Putin" -> "Vladimir Putin" once any article of
  the corpus gives the full name and no other person shares the surname).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from tqdm import tqdm

from ..model import Article
from ..pipeline import Pipeline
from ..runs import Failure
from .canonical import CorpusAliases
from .entities import EntityStage

# Below this many articles per worker, extra spaCy processes cost more than they save.
MIN_PER_WORKER = 100

if TYPE_CHECKING:
    from ..config import Options
    from ..runs import RunReport
    from ..store import Store


def _select_ids(store: Store, ids: Sequence[str] | None, force: bool) -> list[str]:
    """Explicit ids (prefixes allowed, always re-analyzed), all (force), or not yet analyzed."""
    if ids is not None:
        out: list[str] = []
        for ident in ids:
            # get_article accepts a unique prefix and raises NotFound naming the id.
            full = ident if store.has_article(ident) else store.get_article(ident).id
            if full not in out:
                out.append(full)
        return out
    return store.article_ids() if force else store.article_ids(analyzed=False)


def _load(store: Store, ids: list[str], chunk: int) -> Iterator[Article]:
    for i in range(0, len(ids), chunk):
        yield from store.iter_articles(ids=ids[i:i + chunk])


def attach_aliases(pipeline: Pipeline, aliases: CorpusAliases) -> None:
    """Give the pipeline's entities stage (if any) the corpus-wide surname resolver."""
    for fn in pipeline.stages:
        if isinstance(fn, EntityStage):
            fn.aliases = aliases


def _learn(aliases: CorpusAliases, articles: Iterable[Article]) -> None:
    for article in articles:
        for name in {e.canonical for e in article.entities if e.label == "PERSON"}:
            aliases.add(name)


def _short_names(article: Article) -> set[str]:
    return {e.canonical for e in article.entities
            if e.label == "PERSON" and " " not in e.canonical.strip()}


def rename_people(article: Article, mapping: dict[str, str]) -> bool:
    """Apply surname -> full name to entities, quote speakers and event actors."""
    changed = False
    for ent in article.entities:
        if ent.label == "PERSON" and ent.canonical in mapping:
            ent.canonical = mapping[ent.canonical]
            changed = True
    for quote in article.quotes:
        if quote.speaker in mapping:
            quote.speaker = mapping[quote.speaker]
            changed = True
    for event in article.events:
        if any(a in mapping for a in event.actors):
            event.actors = list(dict.fromkeys(mapping.get(a, a) for a in event.actors))
            changed = True
    return changed


def _late_resolve(store: Store, aliases: CorpusAliases,
                  pending: dict[str, set[str]], chunk: int) -> None:
    """Resolve surnames of this run's articles with names learned after they were analyzed."""
    todo = {}
    for aid, names in pending.items():
        mapping = {n: full for n in names if (full := aliases.resolve(n))}
        if mapping:
            todo[aid] = mapping
    ids = list(todo)
    for i in range(0, len(ids), chunk):
        batch = [a for a in store.iter_articles(ids=ids[i:i + chunk])
                 if rename_people(a, todo[a.id])]
        if batch:
            store.save_annotations(batch)


def analyze_store(store: Store, options: Options, *, ids: Sequence[str] | None = None,
                  force: bool = False, progress: bool = True) -> RunReport:
    """Analyze stored articles with ``options.analysis.stages``; see the module docstring.

    ``ids``: analyze exactly these (unique prefixes allowed), even if already analyzed.
    ``force``: re-analyze every article. Otherwise only articles not yet analyzed.
    """
    from ..runs import RunReport

    report = RunReport()
    todo = _select_ids(store, ids, force)
    if not todo:
        return report
    size = max(1, options.analysis.batch_size)
    if options.analysis.n_process > 1 and len(todo) < MIN_PER_WORKER * options.analysis.n_process:
        # Each worker process loads the model (seconds); for a few articles one process wins.
        options = options.replace(**{"analysis.n_process": 1})
    pipeline = Pipeline(options.analysis.stages, options)
    aliases = CorpusAliases.from_store(store)
    attach_aliases(pipeline, aliases)
    failures: list[Failure] = []
    pending: dict[str, set[str]] = {}
    recorded = 0
    batch: list[Article] = []
    with tqdm(total=len(todo), disable=not progress, unit="article", desc="analyze") as bar:

        def flush() -> None:
            nonlocal recorded, batch
            if batch:
                store.save_annotations(batch)
                _learn(aliases, batch)
                report.analyzed += len(batch)
            for f in failures[recorded:]:
                store.record_failure(f.source, f.reason, f.stage)
            bar.update(len(batch) + len(failures) - recorded)
            recorded = len(failures)
            batch = []

        for article in pipeline.pipe(_load(store, todo, size), failures):
            article.doc = None  # free the Doc now: only the annotations are kept
            if short := _short_names(article):
                pending[article.id] = short
            batch.append(article)
            if len(batch) >= size:
                flush()
        flush()
    _late_resolve(store, aliases, pending, size)
    report.failures.extend(failures)
    return report
