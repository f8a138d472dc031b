"""Near-duplicate and syndication detection with MinHash LSH over word shingles.

Two thresholds on the estimated Jaccard similarity of word ``shingle_size``-grams:

* ``near_duplicate_threshold`` (default 0.85): the same article again (re-scrape, trivial
  edits). ``duplicate_of`` = the canonical (first-seen) article's id.
* ``syndication_threshold`` (default 0.6): one wire story reprinted with local edits or
  headers. ``syndication_group`` = id of the first article of the group, set on all members
  (the first one included). Near-duplicates are members of the group too. The similarity
  here is the larger of the Jaccard estimate and the containment of the shorter text in the
  longer one (estimated from Jaccard and the shingle counts), because reprints are often
  cut short: a trimmed copy of a long wire story has a low Jaccard but is contained in it.

Signatures are persisted (``store.save_fingerprint``) with their LSH band keys, and the
band index is queried in the store: a run loads only the signatures of candidates, never
every stored one, so start-up costs the same in a store of 300 articles or of 300,000.
Detection works across runs, in first-seen (ingest) order. The stored array is the
``minhash_permutations`` hash values followed by the text's shingle count. One banding, for
the lower (syndication) threshold, proposes candidates for both checks; each candidate is
then checked against the exact thresholds.

Signing (shingles, MinHash, band keys: ``Signer``) is pure and per record, so the ingest
pool's workers do it beside the cleaning; the parent only looks up candidates and compares
hash values, in input order. The MinHash and the banding are plain numpy (``minhash.py``,
the same values as datasketch 2's), so neither side imports datasketch or scipy.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..children import chunked
from ..config import Options
from ..model import Article
from ..store import Store
from .minhash import minhash, optimal_param

_TOKEN = re.compile(r"\w+", re.UNICODE)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger, from their Jaccard similarity and sizes:
    |A & B| = J * (|A| + |B|) / (1 + J)."""
    if jaccard <= 0 or not size_a or not size_b:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


def _stored(hashvalues: np.ndarray, size: int) -> np.ndarray:
    return np.append(np.asarray(hashvalues, dtype=np.uint64), np.uint64(size))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of two signatures' Jaccard similarity (as datasketch's)."""
    return float(np.float64(np.count_nonzero(a == b)) / np.float64(len(a)))


def shingles(text: str, size: int) -> set[bytes]:
    """Lower-cased word ``size``-grams; a text shorter than that is one shingle."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")}
    # Slices of the space-joined text, encoded once: the same bytes as joining and encoding
    # each n-gram, for about a quarter less time.
    joined = " ".join(tokens)
    data = joined.encode("utf-8")
    sizes = map(len, tokens) if joined.isascii() else (len(t.encode("utf-8")) for t in tokens)
    ends = list(itertools.accumulate(n + 1 for n in sizes))  # one past each token's space
    return {data[start:end - 1] for start, end in zip([0, *ends], ends[size - 1:], strict=False)}


@dataclass
class Match:
    duplicate_of: str | None = None
    syndication_group: str | None = None
    # Earlier articles (already stored) that join the group now and need their field set.
    regrouped: list[str] = field(default_factory=list)


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[int]:
    """One key per LSH band: a 63-bit hash of the band's index and hash values (fits a
    signed BIGINT on both backends)."""
    raw = np.asarray(values, dtype="<u8").tobytes()
    step = rows * 8
    digests = b"".join([hashlib.blake2b(raw[b * step:(b + 1) * step], digest_size=8,
                                        salt=b.to_bytes(2, "little")).digest() for b in range(bands)])
    keys = np.frombuffer(digests, dtype="<u8") & np.uint64((1 << 63) - 1)
    return keys.tolist()


@dataclass(frozen=True)
class Signed:
    """A text's signature as stored (hash values, then the shingle count) and its band keys."""

    values: np.ndarray
    keys: list[int]


class Signer:
    """Signs texts: MinHash of the word shingles and LSH band keys. Pure, so it runs in
    the ingest workers; one per process and setting (``signer``)."""

    def __init__(self, num_perm: int, shingle_size: int, threshold: float) -> None:
        self.num_perm, self.shingle_size = num_perm, shingle_size
        # Lower than the syndication threshold, so trimmed reprints (high containment,
        # lower Jaccard) reach the exact check; the banding needs a threshold below ~0.95.
        self.bands, self.rows = optimal_param(min(threshold / 2, 0.9), num_perm, 0.5, 0.5)

    def sign(self, text: str) -> Signed:
        grams = shingles(text, self.shingle_size)
        # CRC-32: stable across processes (signatures are stored), faster than SHA-1.
        values = minhash(map(zlib.crc32, grams), self.num_perm, len(grams))
        return Signed(_stored(values, len(grams)), self.band_keys(values))

    def band_keys(self, hashvalues: np.ndarray) -> list[int]:
        return band_keys(np.asarray(hashvalues, dtype=np.uint64), self.bands, self.rows)


@functools.lru_cache(maxsize=4)
def _signer(num_perm: int, shingle_size: int, threshold: float) -> Signer:
    return Signer(num_perm, shingle_size, threshold)


def signer(options: Options) -> Signer:
    """This process's ``Signer`` for the options (built once: permutations, banding)."""
    opts = options.ingest
    return _signer(opts.minhash_permutations, opts.shingle_size,
                   min(opts.syndication_threshold, opts.near_duplicate_threshold))


def sign_article(article: Any, options: Options) -> Signed:
    """``article``'s signature (the ingest pool's workers call this by reference)."""
    return signer(options).sign(article.text)


class Deduper:
    """Links new articles to earlier ones: stored ones through the store's band index,
    ones checked in this run through an in-memory index until they are saved."""

    def __init__(self, options: Options, store: Store | None = None) -> None:
        opts = options.ingest
        self.options = options
        self.store = store
        self.num_perm = opts.minhash_permutations
        self.near = opts.near_duplicate_threshold
        self.synd = min(opts.syndication_threshold, opts.near_duplicate_threshold)
        self._index: dict[int, list[str]] = {}  # band key -> ids checked in this run, unsaved
        self._keys: dict[str, list[int]] = {}
        self._hashes: dict[str, np.ndarray] = {}  # hash values of this run's and candidate ids
        self._sizes: dict[str, int | None] = {}  # shingle counts (None: unknown, old rows)
        self._order: dict[str, tuple[str, str]] = {}  # first-seen order key
        self._dup_of: dict[str, str] = {}
        self._group: dict[str, str] = {}
        self._seq = 0
        # Filled by ``prefetch`` for one batch: signatures, and the stored ids per band key.
        self._signed: dict[str, Signed] = {}
        self._stored_by_key: dict[int, set[str]] | None = None
        self._prefetched_keys: set[int] = set()

    @property
    def signer(self) -> Signer:
        return signer(self.options)  # built on first use (the banding: ~20 ms)

    def sign(self, text: str) -> Signed:
        return self.signer.sign(text)

    def load(self, store: Store) -> int:
        """Sign stored articles that lack a signature or band keys (older stores, a run killed
        between committing a batch and saving its signatures, another writer). Returns how
        many; nothing else is loaded."""
        self.store = store
        n = 0
        for ids in chunked(store.ids_without_fingerprint(), 500):
            signed = {a.id: self.sign(a.text) for a in store.iter_articles(ids=ids)}
            store.save_fingerprints([(aid, s.values, s.keys) for aid, s in signed.items()])
            n += len(signed)
        rows: list[tuple[str, np.ndarray, list[int]]] = []
        for aid, values in store.iter_fingerprints(without_keys=True):
            if len(values) in (self.num_perm, self.num_perm + 1):
                rows.append((aid, values, self.signer.band_keys(values[: self.num_perm])))
            if len(rows) >= 500:
                store.save_fingerprints(rows)
                n, rows = n + len(rows), []
        store.save_fingerprints(rows)
        return n + len(rows)

    def prefetch(self, articles: Iterable[Article],
                 signed: dict[str, Signed] | None = None) -> None:
        """Take (or make) a batch's signatures and fetch its stored candidates with a few
        queries (not one per article); ``check`` then uses them."""
        signed = signed or {}
        self._signed = {a.id: signed.get(a.id) or self.sign(a.text) for a in articles}
        if self.store is None:
            return
        self._prefetched_keys = {k for s in self._signed.values() for k in s.keys}
        self._stored_by_key = self.store.lsh_lookup(self._prefetched_keys)
        wanted = set().union(*self._stored_by_key.values())
        self._load_rows({aid for aid in wanted if aid not in self._hashes})

    def check(self, article: Article) -> tuple[Match, np.ndarray]:
        """Link ``article`` to earlier ones and remember it. Returns the links and signature
        as stored."""
        prefetched = self._signed.pop(article.id, None)
        found = prefetched or self.sign(article.text)
        sig, size, keys = found.values[: self.num_perm], int(found.values[-1]), found.keys
        candidates = self._candidates(keys, article.id)
        match = Match()
        near = self._matches(candidates, sig, None, self.near)
        if near:
            first = near[0]
            match.duplicate_of = self._dup_of.get(first) or first
        synd = self._matches(candidates, sig, size, self.synd)
        if synd:
            first = synd[0]
            group = self._group.get(first) or first
            match.syndication_group = group
            for other in synd:
                if not self._group.get(other):
                    self._group[other] = group
                    match.regrouped.append(other)
        self._remember(article.id, sig, size, match.duplicate_of, match.syndication_group,
                       ("~run", f"{self._seq:012d}"))
        self._seq += 1
        self._keys[article.id] = keys
        for key in keys:
            self._index.setdefault(key, []).append(article.id)
        return match, found.values

    def save(self, store: Store, aid: str, stored: np.ndarray) -> None:
        """Persist a signature with its band keys (after its article is stored)."""
        self.save_all(store, {aid: stored})

    def save_all(self, store: Store, signatures: dict[str, np.ndarray]) -> None:
        """Persist several signatures with their band keys in one transaction."""
        store.save_fingerprints([
            (aid, stored, self._keys.get(aid) or self.signer.band_keys(stored[: self.num_perm]))
            for aid, stored in signatures.items()])

    def forget(self, ids: Iterable[str]) -> None:
        """Drop saved articles from memory: from now on the store answers for them."""
        self._stored_by_key, self._prefetched_keys = None, set()  # the store has changed
        ids = set(ids)
        if ids.issuperset(self._keys):  # the usual case: every unsaved article was just saved
            self._index.clear()
            self._keys.clear()
        for aid in ids:
            for key in self._keys.pop(aid, ()):
                members = self._index.get(key, [])
                if aid in members:
                    members.remove(aid)
                if not members:
                    self._index.pop(key, None)
            for cache in (self._hashes, self._sizes, self._order, self._dup_of, self._group):
                cache.pop(aid, None)

    def _candidates(self, keys: list[int], own: str) -> list[str]:
        found = {aid for key in keys for aid in self._index.get(key, ())}
        if self.store is not None:
            by_key = self._stored_by_key
            if by_key is not None and self._prefetched_keys.issuperset(keys):
                stored = {aid for key in keys for aid in by_key.get(key, ())}
            else:
                stored = self.store.lsh_candidates(keys)
            stored -= found | {own}
            self._load_rows({aid for aid in stored if aid not in self._hashes})
            found |= {aid for aid in stored if aid in self._hashes}
        found.discard(own)
        return sorted(found, key=lambda c: self._order[c])

    def _load_rows(self, ids: set[str]) -> None:
        assert self.store is not None
        if not ids:  # most articles: no stored candidate; a query would still connect
            return
        for aid, values, dup_of, group, seen in self.store.dedup_rows(sorted(ids)):
            if len(values) not in (self.num_perm, self.num_perm + 1):
                continue  # signed with another minhash_permutations setting: not comparable
            size = int(values[-1]) if len(values) == self.num_perm + 1 else None
            self._remember(aid, np.asarray(values[: self.num_perm], dtype=np.uint64), size,
                           dup_of, group, (seen, aid))

    def _matches(self, candidates: list[str], sig: np.ndarray, size: int | None,
                 threshold: float) -> list[str]:
        """Candidates similar enough to ``sig``, earliest-ingested first. With ``size`` the
        similarity is max(Jaccard, containment of the shorter text)."""
        found = []
        for c in candidates:
            sim = jaccard(self._hashes[c], sig)
            other = self._sizes.get(c)
            if size is not None and other:
                sim = max(sim, containment(sim, size, other))
            if sim >= threshold:
                found.append(c)
        return found

    def _remember(self, aid: str, sig: np.ndarray, size: int | None, dup_of: str | None,
                  group: str | None, order: tuple[str, str]) -> None:
        if aid in self._hashes:
            return
        self._hashes[aid] = sig
        self._sizes[aid] = size
        self._order[aid] = order
        if dup_of:
            self._dup_of[aid] = dup_of
        if group:
            self._group.setdefault(aid, group)

    def group_of(self, aid: str) -> str | None:
        return self._group.get(aid)


