"""``storyline load DIR``: put a batch job's Parquet output into the store.

Idempotent by content id: an article already stored is counted as unchanged and left alone,
so loading the same folder twice (or two overlapping batch outputs) adds nothing new.
Articles go through the single-machine ingest's dedupe (``IngestRun``): near duplicates and
syndicated copies are marked against everything already in the store, exactly as
``storyline ingest`` marks them. Annotations go in with the article row; embeddings are
saved under the model that made them, so story assignment does not have to embed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from ..api import Storyline
from ..errors import ConfigError, InputError
from ..ingest.runner import IngestRun
from ..model import Article
from ..runs import RunReport
from . import manifest, rows

READ_BATCH = 500


def iter_output(out_dir: Path) -> Iterator[list[tuple[Article, str | None]]]:
    """(article, embedding model) of every part file under ``out_dir``, in batches."""
    for path in manifest.part_files(out_dir):
        key, _, date = path.parent.name.partition("=")
        if key != rows.PARTITION_KEY:
            continue
        for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH):
            yield [(rows.from_row(r, date), r.get("embedding_model"))
                   for r in batch.to_pylist()]


def load_output(app: Storyline, out_dir: str | Path, *, stories: bool = True,
                progress: Callable[[int], None] | None = None) -> RunReport:
    """Add the batch output's articles, annotations and embeddings; then assign stories."""
    out = Path(out_dir)
    if not out.is_dir() or not manifest.part_files(out):
        raise InputError(str(out), "no batch output here (expected published=*/part-*.parquet); "
                                   "run `storyline batch INPUT... --output DIR` first")
    if stories:
        _check_embedder(out, app.options.stories.embedder)
    store = app.store
    models: dict[str, str | None] = {}

    def save_embeddings(new: list[Article]) -> None:
        for article in new:
            if article.embedding is not None:
                model = models.get(article.id) or app.options.stories.embedder
                store.save_embedding(article.id, model, np.asarray(article.embedding, "<f4"))

    run = IngestRun(store, app.options, on_stored=save_embeddings)
    for pairs in iter_output(out):
        for article, model in pairs:
            models[article.id] = model
            run.add(article)
        run.flush()
        models.clear()
        if progress is not None:
            progress(len(pairs))
    report = run.report
    report.analyzed = report.ingested
    if stories:
        report.merge(app.build_stories(progress=False))
    return report


def _check_embedder(out_dir: Path, configured: str) -> None:
    """Stories compare vectors, so they must come from one model: refuse a mismatch early."""
    models: set[str] = set()
    for path in manifest.part_files(out_dir):
        column = pq.read_table(path, columns=["embedding_model"]).column(0)
        models.update(m for m in column.to_pylist() if m)
    other = sorted(models - {configured})
    if other:
        raise ConfigError(
            f"{out_dir} was embedded with {', '.join(other)} but stories.embedder is "
            f"{configured!r}; load with --set stories.embedder={other[0]} (as the batch ran), "
            "or with --no-stories"
        )
