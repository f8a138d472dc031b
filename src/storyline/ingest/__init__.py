"""Ingest: read files and folders (HTML, text, JSON/JSONL, RSS/Atom, WARC), clean, dedupe, store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..api import RunReport
    from ..config import Options
    from ..store import Store


def ingest_paths(paths: list[Path], store: Store, options: Options, *,
                 progress: bool = True) -> RunReport:
    raise NotImplementedError("ingest is being built (issue 2)")
