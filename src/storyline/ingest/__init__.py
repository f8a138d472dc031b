"""Ingest: read files and folders (HTML, text, JSON/JSONL, RSS/Atom, WARC), clean, dedupe, store.

Public entry points:

* ``read_records(path, options)``: the records of one input file (format chosen by
  extension and content sniffing, sidecar metadata applied);
* ``iter_inputs(paths)``: the input files under files/folders, in sorted order;
* ``ingest_paths(paths, store, options)``: the whole job, returning a ``RunReport``.

Turn a record into an Article with ``storyline.clean.to_article``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..records import RawRecord
from .dispatch import detect_format, iter_inputs, read_records

if TYPE_CHECKING:
    from ..config import Options
    from ..runs import RunReport
    from ..store import Store

__all__ = ["ingest_paths", "read_records", "iter_inputs", "detect_format", "RawRecord"]


def ingest_paths(paths: list[Path], store: Store, options: Options, *,
                 progress: bool = True) -> RunReport:
    """Ingest files and folders into ``store``: clean, dedupe, commit in small batches."""
    from .runner import ingest_paths as run

    return run(paths, store, options, progress=progress)
