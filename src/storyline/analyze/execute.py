"""Run the analysis stages over one batch of articles so that no error stops the run.

Scrapy's rule: an error in one item never stops the crawl. Here an item is an article and
every stage is guarded separately:

* a stage with ``pipe`` (the spaCy parse) gets the whole batch; if the batch raises, its
  articles are retried one by one, so only the article that really fails is dropped;
* any exception of a stage on one article (an ``InputError`` or a bug: ``RuntimeError``,
  ``RecursionError``...) drops that article with a ``Failure`` naming the stage and the
  traceback's last line; the others go on through the remaining stages.

The same function runs in the parent (``analysis.n_process`` = 1) and inside the worker
processes (``workers``), where it returns only the annotations (``annotations``), never Docs.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Article
from ..pipeline import Pipeline, StageFn
from ..runs import Failure
from .canonical import CorpusAliases
from .entities import EntityStage

if TYPE_CHECKING:
    from ..config import Options

# What the stages assign, and what travels back from a worker process to be saved.
ANNOTATED = ("sentences", "entities", "timexes", "quotes", "numbers", "events", "meta")


@dataclass
class BatchResult:
    """Analyzed articles (in input order) and, per failed article id, its failure; from
    worker processes also, per article id, the corpus aliases its entities stage asked for
    (name -> answer), so the parent can check them against newer ones (``AliasLog``)."""

    articles: list[Article] = field(default_factory=list)
    failed: list[tuple[str, Failure]] = field(default_factory=list)
    asked: dict[str, dict[str, str | None]] = field(default_factory=dict)


class AliasLog(CorpusAliases):
    """Corpus aliases for a worker process: answers from a fixed ``snapshot`` and notes every
    question. The parent learns names as it saves batches, in order, and a worker cannot
    know them; an article whose questions the parent would answer differently is redone
    there (``runner``), so results are those of one process, whatever the timing."""

    def __init__(self, snapshot: CorpusAliases | None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.asked: dict[str, str | None] = {}

    def resolve(self, name: str) -> str | None:
        answer = self.snapshot.resolve(name) if self.snapshot is not None else None
        self.asked[name] = answer
        return answer


class NameLog:
    """Full names the parent learns during a run, appended to a file that worker processes
    read before each batch, so their snapshot keeps up and few articles need redoing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0  # bytes of complete lines already read (per process)

    def append(self, names: Iterable[str]) -> None:
        lines = "".join(" ".join(n.split()) + "\n" for n in names)
        if lines:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(lines)

    def read_new(self) -> list[str]:
        try:
            with self.path.open("rb") as fh:
                fh.seek(self.offset)
                data = fh.read()
        except OSError:
            return []
        complete = data[: data.rfind(b"\n") + 1]  # a line being written waits for next time
        self.offset += len(complete)
        return complete.decode("utf-8").splitlines()


class LoggedEntities:
    """The entities stage with an ``AliasLog``, keeping each article's questions."""

    def __init__(self, stage: EntityStage, snapshot: CorpusAliases | None) -> None:
        self.stage = stage
        self.log = AliasLog(snapshot)
        stage.aliases = self.log
        self.asked: dict[str, dict[str, str | None]] = {}

    def learn(self, names: Iterable[str]) -> None:
        if self.log.snapshot is None:
            self.log.snapshot = CorpusAliases()
        for name in names:
            self.log.snapshot.add(name)

    def __call__(self, article: Article) -> Article:
        self.log.asked = {}
        out = self.stage(article)
        if self.log.asked:
            self.asked[article.id] = self.log.asked
        return out


def attach_aliases(pipeline: Pipeline, aliases: CorpusAliases) -> None:
    """Give the pipeline's entities stage (if any) the corpus-wide surname resolver."""
    for fn in pipeline.stages:
        if isinstance(fn, EntityStage):
            fn.aliases = aliases


def build_stages(names: Sequence[str], options: Options, aliases: CorpusAliases | None,
                 log: bool = False) -> list[tuple[str, StageFn]]:
    """The named stages, built (models loaded), with ``aliases`` for the entities stage;
    ``log``: wrapped in ``LoggedEntities`` (worker processes)."""
    pipeline = Pipeline(names, options)
    if aliases is not None:
        attach_aliases(pipeline, aliases)
    stages = list(zip(pipeline.names, pipeline.stages, strict=True))
    if log:
        stages = [(name, LoggedEntities(fn, aliases) if isinstance(fn, EntityStage) else fn)
                  for name, fn in stages]
    return stages


def describe(exc: BaseException) -> str:
    """The traceback's last line: the exception type and message, e.g. "RecursionError: ..."."""
    if isinstance(exc, InputError):
        return exc.reason
    lines = traceback.format_exception_only(type(exc), exc)
    return (lines[-1] if lines else type(exc).__name__).strip()


def _failure(article: Article, stage: str, exc: BaseException) -> Failure:
    source = exc.source if isinstance(exc, InputError) else f"article {article.id}"
    return Failure(source, describe(exc), stage)


def _run_batched(name: str, fn: Any, articles: list[Article],
                 failed: list[tuple[str, Failure]]) -> list[Article]:
    try:
        return list(fn.pipe(articles))
    except Exception:  # noqa: BLE001  (one bad article must not fail its neighbours)
        out = []
        for article in articles:  # retry one by one: only the culprit fails
            try:
                out.append(fn(article))
            except Exception as exc:  # noqa: BLE001
                _drop(article, name, exc, failed)
        return out


def _drop(article: Article, stage: str, exc: BaseException,
          failed: list[tuple[str, Failure]]) -> None:
    article.doc = None
    failed.append((article.id, _failure(article, stage, exc)))


def run_batch(stages: Sequence[tuple[str, StageFn]], articles: list[Article]) -> BatchResult:
    """Every stage over ``articles``; see the module docstring. Docs are dropped at the end."""
    result = BatchResult()
    live = list(articles)
    for name, fn in stages:
        if not live:
            break
        if getattr(fn, "pipe", None) is not None:
            live = _run_batched(name, fn, live, result.failed)
            continue
        kept = []
        for article in live:
            try:
                kept.append(fn(article))
            except Exception as exc:  # noqa: BLE001
                _drop(article, name, exc, result.failed)
        live = kept
    for article in live:
        article.doc = None  # only the annotations are kept
    result.articles = live
    return result


def annotations_of(article: Article) -> dict[str, Any]:
    """The fields the stages assign (what a worker process sends back)."""
    return {name: getattr(article, name) for name in ANNOTATED}


def apply_annotations(article: Article, values: dict[str, Any]) -> Article:
    for name, value in values.items():
        setattr(article, name, value)
    return article
