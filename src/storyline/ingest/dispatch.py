"""Find inputs, pick a reader by extension (sniffing content when that is ambiguous), and
apply sidecar metadata.

``FILE.meta.json`` next to an input overrides the metadata found in it (published, outlet,
url, title, author) for every record the input yields; sidecars are never inputs themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Options
from ..errors import DecodeError, InputError, MalformedInput, UnsupportedFormat
from ..records import RawRecord
from . import feed, html, jsonl, text, warc
from .decode import check_size
from .jsonl import field_value

Reader = Callable[[Path, Options], Iterator[RawRecord]]

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("published", "outlet", "url", "title", "author")
_EXTENSIONS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".warc.gz": "warc",
}
READERS: dict[str, Reader] = {
    "html": html.iter_records, "text": text.iter_records, "json": jsonl.iter_records,
    "feed": feed.iter_records, "warc": warc.iter_records,
}


# A store kept next to the inputs (storyline.db and its WAL files) is never an input.
_STORE_FILES = (".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".db-journal", ".db-lock",
                ".sqlite-lock", ".sqlite3-lock")


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


# Notes that travel with a corpus (README, licences, attribution) are not articles.
_DOC_FILES = re.compile(r"^(?:readme|license|licence|copying|attribution|changelog|notice)\b|\.md$",
                        re.I)


def _skipped_in_walk(path: Path, root: Path) -> bool:
    rel = path.relative_to(root).parts
    return (is_sidecar(path) or any(p.startswith(".") for p in rel)
            or path.name.lower().endswith(_STORE_FILES) or bool(_DOC_FILES.search(path.name)))


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files in the given order; folders walked recursively in sorted order.

    In folders, hidden files/folders, sidecars, SQLite store files and corpus notes
    (README, LICENSE, ATTRIBUTION, ``*.md``) are skipped. A
    missing path is yielded as is, so the reader reports it as a failure naming it.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _skipped_in_walk(child, path):
                    yield child
        elif not is_sidecar(path):
            yield path


def detect_format(path: Path) -> str:
    """``html | text | json | feed | warc`` from the name, or from the first bytes."""
    name = path.name.lower()
    if name.endswith(".warc.gz") or name.endswith(".arc.gz"):
        return "warc"
    ext = path.suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    with path.open("rb") as fh:
        head = fh.read(4096)
    return _sniff(path, head, xml_hint=ext == ".xml")


def _sniff(path: Path, head: bytes, *, xml_hint: bool) -> str:
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"WARC/"):
        return "warc"
    if lead.startswith(b"\x1f\x8b"):
        raise UnsupportedFormat(str(path), "gzip file that is not named .warc.gz; unpack it first")
    low = lead[:1024].lower()
    if feed.is_feed(low.decode("utf-8", "replace")):
        return "feed"
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    if xml_hint:
        raise UnsupportedFormat(str(path), "XML that is not an RSS/Atom feed")
    if lead.startswith((b"{", b"[")):
        return "json"
    # Anything else is treated as scraped text; the decoder refuses binary data by name.
    return "text"


def read_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Every record of one input file, with sidecar metadata applied.

    Raises an ``InputError`` for an unusable file; container formats yield failed records
    (``record.error``) for single broken entries.
    """
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if path.is_dir():
        raise InputError(str(path), "is a folder; use iter_inputs() to list the files in it")
    try:
        fmt = detect_format(path)
    except OSError as exc:
        raise DecodeError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    check_size(path, options.ingest.max_bytes if fmt != "warc" else 0)
    notes: list[str] = []
    sidecar = load_sidecar(path, notes)
    for record in READERS[fmt](path, options):
        if record.error is None:
            record.warnings.extend(notes)
            if sidecar:
                apply_sidecar(record, sidecar)
        yield record


def load_sidecar(path: Path, warnings: list[str] | None = None) -> dict[str, str]:
    """The sidecar's fields; a broken sidecar fails its input (the message names both), a
    field of the wrong type is left out with a warning naming it."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MalformedInput(str(path), f"its sidecar {side.name} is not valid JSON: "
                             f"{str(exc) or type(exc).__name__}; fix or remove it") from exc
    if not isinstance(data, dict):
        raise MalformedInput(str(path), f"its sidecar {side.name} must be a JSON object")
    notes: list[str] = []
    found = {k: field_value(k, data.get(k), notes) for k in SIDECAR_FIELDS}
    if warnings is not None:
        warnings.extend(f"sidecar {side.name}: {n}" for n in notes)
    return {k: v for k, v in found.items() if v}


def apply_sidecar(record: RawRecord, sidecar: dict[str, str]) -> None:
    for key, value in sidecar.items():
        setattr(record, key, value)
    record.meta["sidecar"] = sorted(sidecar)
