"""MinHash signatures and LSH banding in plain numpy, value for value the same as
datasketch 2's ``MinHash(scheme="affine32", seed=1)`` and ``lsh._optimal_param``.

Why not datasketch itself: importing it imports scipy (0.3 s, more on a busy machine), paid
by every small ``storyline run`` and by every ingest worker. The stored signatures and band
keys must not change (stores keep them across runs), so ``tests/test_ingest_minhash.py``
checks these functions against datasketch's.

The affine32 scheme: each input hash (32 bits) is pre-mixed with the MurmurHash3
finalizer, then permutation k maps it to ``a_k * h + b_k`` modulo 2^32 (uint32 arithmetic
wraps), with odd ``a_k``; the signature is the minimum per permutation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

SEED = 1  # datasketch's default seed: the permutations of every stored signature
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
         np.uint32(16))


@functools.lru_cache(maxsize=4)
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` uint32 parameters of the ``num_perm`` permutations."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def minhash(hashes: Iterable[int], num_perm: int, count: int = -1) -> np.ndarray:
    """The signature (uint32, one value per permutation) of a set of 32-bit hashes
    (``count``: how many, when known)."""
    empty = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = np.fromiter(hashes, dtype=np.uint32, count=count)
    if not hv.size:
        return empty
    a, b = permutations(num_perm)
    with np.errstate(over="ignore"):  # wrapping around is the modulo 2^32
        phv = np.multiply.outer(_fmix(hv), a)
        phv += b  # in place: one (shingles x permutations) array instead of two
    return np.minimum(empty, phv.min(axis=0))


def _integrals(bands: np.ndarray, rows: np.ndarray, lo: float, hi: float,
               miss: bool) -> np.ndarray:
    """For each (b, r): the integral over [lo, hi] of the probability that two sets of
    similarity s share a band (``miss``: that they share none). The integrand is a
    polynomial of degree b * r <= num_perm, so Gauss-Legendre with enough nodes is exact."""
    n = int((bands * rows).max()) // 2 + 2
    nodes, weights = np.polynomial.legendre.leggauss(n)
    s = (hi - lo) / 2 * nodes + (hi + lo) / 2
    hit = 1 - (1 - s[None, :] ** rows[:, None]) ** bands[:, None]
    return ((1 - hit if miss else hit) @ weights) * (hi - lo) / 2


@functools.lru_cache(maxsize=8)
def optimal_param(threshold: float, num_perm: int, false_positive_weight: float = 0.5,
                  false_negative_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false positive and negative probabilities,
    as datasketch's ``MinHashLSH`` chooses them (the first minimum, b then r ascending)."""
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([p[0] for p in pairs], dtype=np.float64)
    rows = np.array([p[1] for p in pairs], dtype=np.float64)
    error = (_integrals(bands, rows, 0.0, threshold, False) * false_positive_weight
             + _integrals(bands, rows, threshold, 1.0, True) * false_negative_weight)
    return pairs[int(np.argmin(error))]
