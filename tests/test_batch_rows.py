"""Batch Parquet rows round-trip an article, its inferred document date included."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storyline import Storyline
from storyline.batch import load_output, rows
from storyline.model import Article, InferredDate

INFERRED = InferredDate(begin="2013-06-01", finish="2013-06-07", confidence=0.7,
                        anchor="2013-06-04", cues=["dateline: Updated 4 June 2013"])


def _through_parquet_schema(row: dict[str, object]) -> dict[str, object]:
    return rows.to_table([row]).to_pylist()[0]


def test_inferred_date_round_trips() -> None:
    inferred = INFERRED
    article = Article(text="Officials said on Tuesday the bridge would reopen.",
                      title="Bridge", source_path="in.jsonl#entry-0", inferred_date=inferred)
    article.ensure_id()
    row = _through_parquet_schema(rows.to_row(article, "in.jsonl", None))
    back = rows.from_row(row, rows.UNKNOWN_DATE)
    assert back.inferred_date == inferred
    assert back.to_dict() == article.to_dict()


def test_rows_without_an_inferred_date() -> None:
    article = Article(text="Dated text.", published="2024-03-01")
    article.ensure_id()
    row = _through_parquet_schema(rows.to_row(article, "in.txt", None))
    assert row["inferred_date"] == "null"
    assert rows.from_row(row, "2024-03-01").inferred_date is None
    # A part file written before the column existed reads as no inferred date.
    old = {k: v for k, v in row.items() if k != "inferred_date"}
    assert rows.from_row(old, "2024-03-01").inferred_date is None
    assert "inferred_date" in rows.SCHEMA.names
    assert rows.SCHEMA.field("inferred_date").type == pa.string()


def test_load_stores_the_inferred_date(tmp_path: Path, app: Storyline) -> None:
    article = Article(text="Officials said on Tuesday the bridge would reopen.",
                      source_path="in.jsonl#entry-0", inferred_date=INFERRED)
    article.ensure_id()
    part = tmp_path / "out" / f"{rows.PARTITION_KEY}={rows.UNKNOWN_DATE}" / "part-x.parquet"
    part.parent.mkdir(parents=True)
    pq.write_table(rows.to_table([rows.to_row(article, "in.jsonl", None)]), part)
    report = load_output(app, tmp_path / "out", stories=False)
    assert report.ingested == 1
    assert app.article(article.id).inferred_date == INFERRED
