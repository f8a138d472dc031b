"""The numpy MinHash and LSH banding give datasketch's values exactly: stored signatures
and band keys must not change when the implementation does."""

from __future__ import annotations

import random
import zlib

import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from storyline import load_options
from storyline.ingest.dedup import Deduper, shingles
from storyline.ingest.minhash import minhash, optimal_param

WORDS = ["court", "vote", "budget", "minister", "strike", "union", "market", "storm", "flood", "bridge", "rally", "said"]


def _text(seed: int, n: int) -> str:
    return " ".join(random.Random(seed).choices(WORDS, k=n))


@pytest.mark.parametrize("num_perm", [16, 128, 256])
def test_signatures_equal_datasketch(num_perm: int) -> None:
    for seed, n in [(1, 3), (2, 40), (3, 400)]:
        grams = list(shingles(_text(seed, n), 5))
        ref = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
        ref.update_batch(grams)
        ours = minhash((zlib.crc32(g) for g in grams), num_perm)
        assert ours.dtype == ref.hashvalues.dtype and ours.tolist() == ref.hashvalues.tolist()


def test_banding_equals_datasketch() -> None:
    for num_perm in (64, 128):
        for threshold in (0.05, 0.2, 0.3, 0.35, 0.425, 0.5, 0.7, 0.9):
            assert optimal_param(threshold, num_perm) == _optimal_param(
                threshold, num_perm, 0.5, 0.5), (threshold, num_perm)


def test_deduper_signs_without_datasketch_values_changing() -> None:
    deduper = Deduper(load_options(env={}))
    text = _text(9, 300)
    signed = deduper.sign(text)
    ref = MinHash(num_perm=deduper.num_perm, hashfunc=zlib.crc32)
    grams = shingles(text, deduper.signer.shingle_size)
    ref.update_batch(list(grams))
    assert signed.values[:-1].tolist() == ref.hashvalues.tolist()
    assert int(signed.values[-1]) == len(grams)
    assert len(signed.keys) == deduper.signer.bands
