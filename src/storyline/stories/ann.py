"""Nearest-story search over story centroids: usearch HNSW, or exact brute force.

Assignment asks "which few stories is this article closest to?" once per article. With
``stories.ann = "usearch"`` that is an HNSW search (sub-linear in the number of stories);
``"exact"`` scans a numpy matrix (linear, exact; fine up to ~10^4 stories and used as the
reference in tests). Both return the same shape: ``[(key, cosine), ...]`` best first.

Centroids move as articles join, so ``upsert`` replaces a key's vector (remove + add).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..errors import ConfigError


class CentroidIndex(Protocol):
    def upsert(self, key: int, vector: np.ndarray) -> None: ...

    def add_many(self, keys: np.ndarray, vectors: np.ndarray) -> None: ...

    def remove(self, key: int) -> None: ...

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]: ...

    def __len__(self) -> int: ...

    def memory_bytes(self) -> int: ...


class ExactIndex:
    """Brute-force cosine over a growable matrix (rows are unit vectors)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix = np.zeros((64, dim), dtype=np.float32)
        self._keys = np.zeros(64, dtype=np.int64)
        self._row: dict[int, int] = {}

    def upsert(self, key: int, vector: np.ndarray) -> None:
        row = self._row.get(key)
        if row is None:
            row = len(self._row)
            if row == len(self._keys):  # grow geometrically: amortized O(1) appends
                self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
                self._keys = np.concatenate([self._keys, np.zeros_like(self._keys)])
            self._row[key] = row
            self._keys[row] = key
        self._matrix[row] = vector

    def add_many(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Insert new keys (loading saved stories)."""
        for key, vector in zip(keys, vectors, strict=True):
            self.upsert(int(key), vector)

    def remove(self, key: int) -> None:
        """Move the last row into the freed one so rows stay dense."""
        row = self._row.pop(key, None)
        if row is None:
            return
        last = len(self._row)
        if row != last:
            moved = int(self._keys[last])
            self._matrix[row], self._keys[row] = self._matrix[last], moved
            self._row[moved] = row

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        n = len(self._row)
        if n == 0:
            return []
        sims = self._matrix[:n] @ vector
        k = min(k, n)
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(int(self._keys[i]), float(sims[i])) for i in top]

    def __len__(self) -> int:
        return len(self._row)

    def memory_bytes(self) -> int:
        return int(self._matrix.nbytes + self._keys.nbytes)


class UsearchIndex:
    """HNSW (usearch) with cosine metric; keys are integers (story slots)."""

    def __init__(self, dim: int, connectivity: int = 16, expansion_search: int = 256) -> None:
        from usearch.index import Index

        self.dim = dim
        self._index = Index(ndim=dim, metric="cos", dtype="f32", connectivity=connectivity,
                            expansion_search=expansion_search)

    def upsert(self, key: int, vector: np.ndarray) -> None:
        if key in self._index:
            self._index.remove(key)
        self._index.add(key, np.asarray(vector, dtype=np.float32))

    def add_many(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Insert new keys (loading saved stories). One thread: a multi-threaded build
        links the graph in a racy order, and then searches differ from run to run."""
        if len(keys):
            self._index.add(np.asarray(keys, dtype=np.uint64),
                            np.asarray(vectors, dtype=np.float32), threads=1)

    def remove(self, key: int) -> None:
        if key in self._index:
            self._index.remove(key)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if len(self._index) == 0:
            return []
        found = self._index.search(np.asarray(vector, dtype=np.float32), k, threads=1)
        # usearch reports cosine *distance*; callers want similarity.
        return [(int(key), 1.0 - float(dist)) for key, dist in zip(found.keys, found.distances,
                                                                    strict=True)]

    def __len__(self) -> int:
        return len(self._index)

    def memory_bytes(self) -> int:
        return int(self._index.memory_usage)


def make_index(kind: str, dim: int, connectivity: int = 16,
               expansion_search: int = 256) -> CentroidIndex:
    """The index named by ``stories.ann`` (HNSW parameters: ``stories.ann_connectivity``,
    ``stories.ann_expansion_search``; see docs/benchmarks.md for what 64 vs 256 did at 1M)."""
    if kind == "usearch":
        if connectivity < 2 or expansion_search < 1:
            raise ConfigError("stories.ann_connectivity must be >= 2 and "
                              "stories.ann_expansion_search >= 1")
        return UsearchIndex(dim, connectivity, expansion_search)
    if kind == "exact":
        return ExactIndex(dim)
    raise ConfigError(f"unknown stories.ann {kind!r}; choose usearch or exact")


__all__ = ["CentroidIndex", "ExactIndex", "UsearchIndex", "make_index"]
