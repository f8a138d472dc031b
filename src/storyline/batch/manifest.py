"""The output folder's bookkeeping: which inputs are finished, and what failed.

Layout of ``DIR``::

    published=2025-05-09/part-<key>.parquet   one file per (input, publication date)
    published=unknown/part-<key>.parquet
    _manifest/<key>.json                      written last: the input's output is complete
    _manifest/<key>.failed.json               the whole input was unusable (retried next run)
    _failures.jsonl                           every failure, rebuilt from _manifest at the end

``<key>`` is a hash of the input's absolute path, so a re-run overwrites the same part files
instead of adding duplicates. An entry also stores the input's size and mtime: an input that
changed since it was processed is processed again. Every file is written to a temporary
name and renamed, so a crash never leaves a half-written file under a name readers use.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_DIR = "_manifest"
FAILURES_FILE = "_failures.jsonl"


@dataclass
class InputResult:
    """What processing one input produced; the manifest entry of a finished input."""

    input: str
    key: str
    size: int
    mtime_ns: int
    articles: int = 0
    partitions: list[str] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # source, reason, stage
    failed: bool = False  # the input as a whole could not be read
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker process's CPU time: robust to a busy machine

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def input_key(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:20]


def new_result(path: Path) -> InputResult:
    try:
        st = path.stat()
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime = -1, -1
    return InputResult(input=str(path), key=input_key(path), size=size, mtime_ns=mtime)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary sibling, fsync, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def record(out_dir: Path, result: InputResult) -> None:
    """Mark an input finished (or wholly failed); called after its part files are in place."""
    mdir = out_dir / MANIFEST_DIR
    done, failed = mdir / f"{result.key}.json", mdir / f"{result.key}.failed.json"
    target, stale = (failed, done) if result.failed else (done, failed)
    write_atomic(target, json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"))
    stale.unlink(missing_ok=True)


def finished(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Manifest entries of finished inputs, by key."""
    entries: dict[str, dict[str, Any]] = {}
    mdir = out_dir / MANIFEST_DIR
    if not mdir.is_dir():
        return entries
    for path in mdir.glob("*.json"):
        if path.name.endswith(".failed.json"):
            continue
        try:
            entry = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError):
            continue  # unreadable entry: treat the input as not done
        entries[entry["key"]] = entry
    return entries


def is_done(path: Path, entries: dict[str, dict[str, Any]]) -> bool:
    entry = entries.get(input_key(path))
    if entry is None:
        return False
    try:
        st = path.stat()
    except OSError:
        return False
    return bool(entry["size"] == st.st_size and entry["mtime_ns"] == st.st_mtime_ns)


def iter_entries(out_dir: Path) -> Iterator[dict[str, Any]]:
    """Every manifest entry, finished or failed, in a stable order."""
    mdir = out_dir / MANIFEST_DIR
    for path in sorted(mdir.glob("*.json")) if mdir.is_dir() else []:
        try:
            yield json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError):
            continue


def rebuild_failures(out_dir: Path) -> int:
    """Rewrite ``_failures.jsonl`` from the manifest (no duplicates across resumed runs)."""
    lines = []
    for entry in iter_entries(out_dir):
        for failure in entry.get("failures", []):
            lines.append(json.dumps({"input": entry["input"], **failure}, ensure_ascii=False))
    write_atomic(out_dir / FAILURES_FILE, ("\n".join(lines) + "\n" if lines else "").encode())
    return len(lines)


def part_files(out_dir: Path, key: str | None = None) -> list[Path]:
    """Part files under the partition folders (all, or those of one input)."""
    name = f"part-{key}.parquet" if key else "part-*.parquet"
    return sorted(out_dir.glob(f"*=*/{name}"))
