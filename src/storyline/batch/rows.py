"""Articles <-> Parquet rows: one fixed Arrow schema, so every part file unions cleanly.

Annotations are JSON strings (one column per kind) rather than nested Arrow structs: the
model's dataclasses evolve, and a JSON column keeps old and new part files readable together
by DuckDB, Spark and pyarrow (``json_extract`` / ``from_json`` when a query needs inside them).
The publication date is the Hive partition key (``published=YYYY-MM-DD``), so it lives in
the directory name, not in the file, as Hive-partitioned readers expect. An undated
article's inferred document date (``Article.inferred_date``) is a JSON column
(``inferred_date``, null when none); part files written before it existed read as none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from ..model import Article

PARTITION_KEY = "published"
UNKNOWN_DATE = "unknown"
ANNOTATION_COLUMNS = ("sentences", "entities", "timexes", "quotes", "numbers", "events")
_STRING_COLUMNS = ("id", "input", "source_path", "url", "title", "outlet", "author",
                   "published_source", "language", "format", "text", "duplicate_of",
                   "syndication_group")
_JSON_COLUMNS = ("removed", *ANNOTATION_COLUMNS, "meta", "inferred_date")

SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in _STRING_COLUMNS]
    + [pa.field(name, pa.string()) for name in _JSON_COLUMNS]
    + [pa.field("embedding", pa.list_(pa.float32())), pa.field("embedding_model", pa.string())]
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def partition_value(published: str | None) -> str:
    """``YYYY-MM-DD`` for a dated article, ``unknown`` otherwise (dates are never invented)."""
    if published and _ISO_DATE.fullmatch(published[:10]):
        return published[:10]
    return UNKNOWN_DATE


def to_row(article: Article, input_path: str, embedding_model: str | None) -> dict[str, Any]:
    """One Parquet row (without the partition key) for an analyzed article."""
    data = article.to_dict()
    row: dict[str, Any] = {name: data.get(name) for name in _STRING_COLUMNS if name != "input"}
    row["input"] = input_path
    for name in _JSON_COLUMNS:
        row[name] = json.dumps(data[name], ensure_ascii=False, default=str)
    row["embedding"] = list(article.embedding) if article.embedding is not None else None
    row["embedding_model"] = embedding_model if article.embedding is not None else None
    return row


def to_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=SCHEMA)


def from_row(row: dict[str, Any], published: str | None) -> Article:
    """Rebuild the Article a row was made from; ``published`` comes from the partition."""
    data: dict[str, Any] = {k: row.get(k) for k in _STRING_COLUMNS if k != "input"}
    for name in _JSON_COLUMNS:
        raw = row.get(name)
        data[name] = json.loads(raw) if raw else _missing(name)
    data["published"] = None if published in (None, UNKNOWN_DATE) else published
    embedding = row.get("embedding")
    data["embedding"] = [float(x) for x in embedding] if embedding is not None else None
    return Article.from_dict(data)


def _missing(column: str) -> Any:
    """The value of an empty JSON column (or one absent from an older part file)."""
    return {} if column == "meta" else None if column == "inferred_date" else []
