"""Files worth keeping between runs (decompressed models), in one cache folder.

``$STORYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/storyline``, else ``~/.cache/storyline``;
``STORYLINE_CACHE_DIR=off`` disables it (the same folder and switch as the sentence
encoder's cache, ``stories/use_cache.py``). Every use must work without it: a read-only
or full disk only costs the time the cache would have saved.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


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
    return True
