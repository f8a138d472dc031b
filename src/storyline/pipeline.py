"""Pipeline stages: small callables registered by name, declaring what they need and add.

A stage factory receives the ``Options`` and returns a callable ``Article -> Article``
(optionally with a ``pipe(articles)`` method for batching, as spaCy components do). The
``Pipeline`` checks, before anything runs, that every stage's ``requires`` is assigned by
an earlier stage or present from ingest, so a mis-ordered configuration fails at once with
a message naming the missing field.

The runner applies stages article by article; an ``InputError`` from one article is recorded
as a ``Failure`` and the article is skipped, so one bad input never stops a batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .config import Options
from .errors import InputError, PipelineError
from .model import Article
from .runs import Failure

# Fields an Article has once ingest and cleaning have produced it.
INGESTED_FIELDS = frozenset(
    {"id", "text", "raw", "format", "source_path", "url", "title", "outlet", "author",
     "published", "language"}
)


class StageFn(Protocol):
    def __call__(self, article: Article) -> Article: ...


StageFactory = Callable[[Options], StageFn]


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: StageFactory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""


@dataclass
class Registry:
    """Name -> stage factory. ``storyline.pipeline.registry`` is the one the package fills.

    ``plugins`` names modules whose import registers stages; they are imported on the first
    lookup, so this module knows no stage by name (the facade, ``storyline.api``, declares
    the built-in ones in ``BUILTIN_STAGES``).
    """

    stages: dict[str, StageInfo] = field(default_factory=dict)
    plugins: list[str] = field(default_factory=list)
    _imported: int = 0  # how many of ``plugins`` are imported

    def add_plugins(self, modules: Sequence[str]) -> None:
        self.plugins.extend(m for m in modules if m not in self.plugins)

    def stage(
        self, name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
    ) -> Callable[[StageFactory], StageFactory]:
        def register(factory: StageFactory) -> StageFactory:
            if name in self.stages and self.stages[name].factory is not factory:
                raise PipelineError(f"stage {name!r} is registered twice")
            self.stages[name] = StageInfo(
                name, factory, tuple(requires), tuple(assigns), (factory.__doc__ or "").strip()
            )
            return factory

        return register

    def get(self, name: str) -> StageInfo:
        self._import_plugins()
        try:
            return self.stages[name]
        except KeyError:
            known = ", ".join(sorted(self.stages)) or "(none)"
            raise PipelineError(f"unknown stage {name!r}; registered stages: {known}") from None


    def _import_plugins(self) -> None:
        while self._imported < len(self.plugins):
            module = self.plugins[self._imported]
            self._imported += 1
            importlib.import_module(module)


registry = Registry()


def check_order(infos: Sequence[StageInfo], available: Iterable[str] = INGESTED_FIELDS) -> None:
    have = set(available)
    for info in infos:
        missing = [r for r in info.requires if r not in have]
        if missing:
            raise PipelineError(
                f"stage {info.name!r} requires {', '.join(missing)}, which no earlier stage "
                f"assigns; put a stage that assigns it first (order given: "
                f"{', '.join(i.name for i in infos)})"
            )
        have.update(info.assigns)


class Pipeline:
    """An ordered list of stages built from options, checked before use."""

    def __init__(self, names: Sequence[str], options: Options, reg: Registry = registry) -> None:
        self.infos = [reg.get(n) for n in names]
        check_order(self.infos)
        self.options = options
        self._fns: list[StageFn] | None = None

    @property
    def names(self) -> list[str]:
        return [i.name for i in self.infos]

    def _built(self) -> list[StageFn]:
        # Build lazily: loading spaCy or an embedder is slow and not every command needs it.
        if self._fns is None:
            self._fns = [info.factory(self.options) for info in self.infos]
        return self._fns

    @property
    def stages(self) -> list[StageFn]:
        """The built stage callables, in order (builds them on first use)."""
        return self._built()

    def __call__(self, article: Article) -> Article:
        for fn in self._built():
            article = fn(article)
        return article

    def pipe(
        self, articles: Iterable[Article], failures: list[Failure] | None = None
    ) -> Iterator[Article]:
        """Run every stage over a stream; stages with ``pipe`` get batches."""
        stream: Iterable[Article] = articles
        for info, fn in zip(self.infos, self._built(), strict=True):
            stream = _apply(info.name, fn, stream, failures)
        yield from stream


def _apply(
    name: str, fn: StageFn, stream: Iterable[Article], failures: list[Failure] | None
) -> Iterator[Article]:
    batch_pipe = getattr(fn, "pipe", None)
    if batch_pipe is not None:
        yield from batch_pipe(stream)
        return
    for article in stream:
        try:
            yield fn(article)
        except InputError as exc:
            if failures is None:
                raise
            failures.append(Failure(exc.source, exc.reason, name))
