"""``storyline load DIR``: put a batch job's Parquet output into the store.

Idempotent by content id: an article already stored is counted as unchanged and left alone,
so loading the same folder twice (or two overlapping batch outputs) adds nothing new.
Annotations go in with the article row; embeddings are saved under the model that made
them, so story assignment does not have to embed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from ..api import RunReport, Storyline
from ..errors import ConfigError, InputError
from ..model import Article
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
    report = RunReport()
    store = app.store
    for pairs in iter_output(out):
        articles = [a for a, _ in pairs]
        existing = store.existing_ids(a.id for a in articles)
        new = [a for a in articles if a.id not in existing]
        added = store.add_articles(new)
        report.ingested += added
        report.analyzed += added
        report.unchanged += len(articles) - len(new)
        for article, model in pairs:
            if article.id not in existing and article.embedding is not None:
                store.save_embedding(article.id, model or app.options.stories.embedder,
                                     np.asarray(article.embedding, "<f4"))
        if progress is not None:
            progress(len(articles))
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
