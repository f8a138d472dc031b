"""Processing one input file: records -> clean -> analysis stages -> embedding -> Parquet.

This is the unit of work a Ray actor runs, and it uses the single-machine code paths
(``storyline.ingest.read_records``, ``storyline.clean.to_article``, ``Pipeline`` and the
story embedder), so batch and single-process results are the same article for article.
``Worker`` holds the loaded models; Ray builds one per actor, so spaCy and the embedder are
loaded once per worker process, not once per file.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import pyarrow.parquet as pq

from ..children import chunked
from ..config import Options
from ..errors import InputError
from ..model import Article
from ..pipeline import Pipeline
from ..runs import Failure
from . import manifest, rows

ReadFn = Callable[[Path, Options], Iterable[Any]]
CleanFn = Callable[[Any, Options], Article]


def default_reader() -> ReadFn:
    """``storyline.ingest.read_records`` (the single-machine reader for every format)."""
    ingest = importlib.import_module("storyline.ingest")
    if not hasattr(ingest, "read_records"):  # until ingest re-exports it from its package
        ingest = importlib.import_module("storyline.ingest.dispatch")
    return cast(ReadFn, ingest.read_records)


def default_cleaner() -> CleanFn:
    """``storyline.clean.to_article`` (the single-machine record -> Article function)."""
    return cast(CleanFn, importlib.import_module("storyline.clean").to_article)


class Worker:
    """Models loaded once; ``process(path)`` handles one input and records it as finished."""

    def __init__(self, options: Options, out_dir: str, read: ReadFn | None = None,
                 clean: CleanFn | None = None, embed: bool = True) -> None:
        # Ray supplies the parallelism (one worker per CPU); spaCy's own n_process inside a
        # worker would start new processes for every chunk and oversubscribe the cores.
        options = options.replace(**{"analysis.n_process": 1})
        self.options = options
        self.out_dir = Path(out_dir)
        self.read = read or default_reader()
        self.clean = clean or default_cleaner()
        self.pipeline = Pipeline(options.analysis.stages, options)
        self.embedder: Any = None
        if embed:
            from ..stories.embed import get_embedder

            self.embedder = get_embedder(options.stories.embedder)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Ray ``map_batches`` entry point: a batch of input paths -> one summary row each."""
        results = [self.process(Path(str(p))).to_dict() for p in batch["path"]]
        return {"result": [_summary(r) for r in results]}

    def process(self, path: Path) -> manifest.InputResult:
        started, cpu = time.perf_counter(), time.process_time()
        result = manifest.new_result(path)
        failures: list[Failure] = []
        articles: list[Article] = []
        try:
            for chunk in chunked(self._articles(path, failures), self.options.analysis.batch_size):
                done = self._analyze(chunk, failures)  # Docs already dropped (run_batch)
                self._embed(done)
                articles.extend(done)
        except InputError as exc:  # the input as a whole is unusable: retried on the next run
            result.failed = True
            failures.append(Failure(exc.source, exc.reason, "read"))
            articles = []
        except Exception as exc:  # a bug on one input must not sink a many-hour job
            result.failed = True
            failures.append(Failure(str(path), _bug(exc), "batch"))
            articles = []
        if not result.failed:
            result.partitions = self._write(path, result.key, articles)
            result.articles = len(articles)
        result.failures = [f.__dict__ for f in failures]
        result.seconds = round(time.perf_counter() - started, 3)
        result.cpu_seconds = round(time.process_time() - cpu, 3)
        manifest.record(self.out_dir, result)
        return result

    def _articles(self, path: Path, failures: list[Failure]) -> Iterator[Article]:
        seen: set[str] = set()
        for record in self.read(path, self.options):
            try:
                article = self.clean(record, self.options)
            except InputError as exc:  # one bad record: note it, keep the rest of the file
                failures.append(Failure(exc.source, exc.reason, "clean"))
                continue
            except Exception as exc:  # a bug on one record (deep nesting...): that record only
                failures.append(Failure(record.source, _bug(exc), "clean"))
                continue
            if article.ensure_id() in seen:
                continue  # same content twice in one input (WARC revisits); load dedupes the rest
            seen.add(article.id)
            yield article

    def _analyze(self, chunk: list[Article], failures: list[Failure]) -> list[Article]:
        # The single-machine runner's guard: an error of any stage on one article (input
        # or bug) drops that article only; a failing spaCy batch is redone one by one.
        from ..analyze.execute import run_batch

        stages = list(zip(self.pipeline.names, self.pipeline.stages, strict=True))
        result = run_batch(stages, chunk)
        failures.extend(f for _, f in result.failed)
        return result.articles

    def _embed(self, articles: list[Article]) -> None:
        if self.embedder is None or not articles:
            return
        from ..stories.embed import embed_articles

        matrix = embed_articles(articles, self.embedder)
        for article, vector in zip(articles, matrix, strict=True):
            article.embedding = vector.tolist()

    def _write(self, path: Path, key: str, articles: list[Article]) -> list[str]:
        # Drop part files of an earlier attempt first: its dates may differ from this one's.
        for old in manifest.part_files(self.out_dir, key):
            old.unlink(missing_ok=True)
        model = self.embedder.name if self.embedder is not None else None
        by_date: dict[str, list[dict[str, Any]]] = {}
        for article in articles:
            by_date.setdefault(rows.partition_value(article.published), []).append(
                rows.to_row(article, str(path), model))
        for date, part in sorted(by_date.items()):
            target = self.out_dir / f"{rows.PARTITION_KEY}={date}" / f"part-{key}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            pq.write_table(rows.to_table(part), tmp, compression="zstd")
            tmp.replace(target)
        return sorted(by_date)


def _bug(exc: Exception) -> str:
    return f"unexpected {type(exc).__name__}: {exc} (a bug; please report it with this input)"


def _summary(result: dict[str, Any]) -> str:
    import json

    return json.dumps(result, ensure_ascii=False)
