"""Files worth keeping between runs (decompressed models), in one cache folder.

``$STORYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/storyline``, else ``~/.cache/storyline``;
``STORYLINE_CACHE_DIR=off`` disables it (the same folder and switch as the sentence
encoder's cache, ``stories/use_cache.py``). Every use must work without it: a read-only
or full disk only costs the time the cache would have saved.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

# Entries of another key (another package or model version) unused this long are removed
# when a new entry of the same kind is written: upgrades must not pile up 70 MB copies.
STALE_DAYS = 7
_ENTRY = re.compile(r"^(?P<kind>[a-z][a-z-]*)-(?P<key>[0-9a-f]{20})\.")


def cache_dir() -> Path | None:
    """Where cached files go (None: caching disabled)."""
    explicit = os.environ.get("STORYLINE_CACHE_DIR")
    if explicit:
        return None if explicit.lower() in ("off", "0", "none") else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "storyline"


def file_key(*parts: str, files: tuple[str, ...] = ()) -> str:
    """A short hash of ``parts`` and each file's name, size and modification time: a new
    package version or model file gets a new cache entry."""
    items = list(parts)
    for p in files:
        st = os.stat(p)
        items += [os.path.basename(p), str(st.st_size), str(st.st_mtime_ns)]
    return hashlib.sha256("\0".join(items).encode()).hexdigest()[:20]


def write_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> bool:
    """Write via a temporary file and rename, so readers never see a partial file. False
    when the disk refused (the caller goes on without the cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    prune_stale(path)
    return True


def prune_stale(path: Path, now: float | None = None) -> int:
    """Remove entries of ``path``'s kind with another key, not touched for ``STALE_DAYS``
    (a file another process has mapped stays readable on POSIX). Returns how many."""
    m = _ENTRY.match(path.name)
    if m is None:
        return 0
    cutoff = (now if now is not None else time.time()) - STALE_DAYS * 86400
    removed = 0
    for other in path.parent.glob(f"{m['kind']}-*"):
        o = _ENTRY.match(other.name)
        if o is None or o["kind"] != m["kind"] or o["key"] == m["key"]:
            continue
        try:
            if max(other.stat().st_mtime, other.stat().st_atime) < cutoff:
                other.unlink()
                removed += 1
        except OSError:
            continue  # gone already, or not ours to remove: harmless either way
    return removed
