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

Signatures are persisted (``store.save_fingerprint``) and reloaded at the start of a run,
so detection works across runs, in first-seen (ingest) order. The stored array is the
``minhash_permutations`` hash values followed by the text's shingle count.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..config import Options
from ..model import Article
from ..store import Store

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _crc32(data: bytes) -> int:
    # Stable across processes (signatures are stored) and much faster than datasketch's SHA-1.
    return zlib.crc32(data)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger, from their Jaccard similarity and sizes:
    |A & B| = J * (|A| + |B|) / (1 + J)."""
    if jaccard <= 0 or not size_a or not size_b:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


def _stored(sig: MinHash, size: int) -> np.ndarray:
    return np.append(np.asarray(sig.hashvalues, dtype=np.uint64), np.uint64(size))


def shingles(text: str, size: int) -> set[bytes]:
    """Lower-cased word ``size``-grams; a text shorter than that is one shingle."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i: i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@dataclass
class Match:
    duplicate_of: str | None = None
    syndication_group: str | None = None
    # Earlier articles (already stored) that join the group now and need their field set.
    regrouped: list[str] = field(default_factory=list)


class Deduper:
    """Holds every known signature; ``check`` links a new article and remembers it."""

    def __init__(self, options: Options) -> None:
        opts = options.ingest
        self.num_perm = opts.minhash_permutations
        self.shingle_size = opts.shingle_size
        self.near = opts.near_duplicate_threshold
        self.synd = min(opts.syndication_threshold, opts.near_duplicate_threshold)
        template = MinHash(num_perm=self.num_perm, hashfunc=_crc32)
        self._perms = template.permutations
        # datasketch 2 defaults to 32-bit hash values; stored as uint64, converted back here.
        self._scheme = getattr(template, "scheme", None)
        self._dtype = template.hashvalues.dtype
        # The LSH only proposes candidates (its banding needs a threshold below ~0.95); each
        # candidate is then checked against the exact threshold on the estimated Jaccard.
        self._near_lsh = MinHashLSH(threshold=min(self.near, 0.9), num_perm=self.num_perm)
        # Lower, so trimmed reprints (high containment, lower Jaccard) reach the check.
        self._synd_lsh = MinHashLSH(threshold=min(self.synd / 2, 0.9), num_perm=self.num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._sizes: dict[str, int | None] = {}  # shingle counts (None: unknown, old rows)
        self._order: dict[str, int] = {}
        self._dup_of: dict[str, str] = {}
        self._group: dict[str, str] = {}
        self.sources: dict[str, str | None] = {}  # stored article id -> its source

    def load(self, store: Store) -> int:
        """Load the signatures and links of stored articles; returns how many."""
        links = {r["id"]: r for r in store.list_articles(limit=max(1, store.count_articles()))}
        self.sources = {aid: r.get("source_path") for aid, r in links.items()}
        n = 0
        for aid, values in store.iter_fingerprints():
            size = int(values[-1]) if len(values) == self.num_perm + 1 else None
            if len(values) not in (self.num_perm, self.num_perm + 1):
                continue  # signed with another minhash_permutations setting: not comparable
            row = links.get(aid, {})
            self._remember(aid, self._minhash(values[: self.num_perm]), size,
                           row.get("duplicate_of"), row.get("syndication_group"))
            n += 1
        self._backfill(store, [aid for aid in links if aid not in self._hashes], links)
        return n

    def _backfill(self, store: Store, missing: list[str], links: dict[str, dict]) -> None:
        """Sign stored articles that have no signature (a run killed between committing a
        batch and saving its signatures, or another writer), so they are matched too."""
        for start in range(0, len(missing), 500):
            for article in store.iter_articles(ids=missing[start: start + 500]):
                sig, size = self.signature(article.text)
                row = links.get(article.id, {})
                self._remember(article.id, sig, size, row.get("duplicate_of"),
                               row.get("syndication_group"))
                store.save_fingerprint(article.id, _stored(sig, size))

    def signature(self, text: str) -> tuple[MinHash, int]:
        """The MinHash of the text's shingles, and how many shingles there are."""
        m = MinHash(num_perm=self.num_perm, permutations=self._perms, scheme=self._scheme,
                    hashfunc=_crc32)
        grams = shingles(text, self.shingle_size)
        m.update_batch(list(grams))
        return m, len(grams)

    def check(self, article: Article) -> tuple[Match, np.ndarray]:
        """Link ``article`` to earlier ones and remember it. Returns the links and signature."""
        sig, size = self.signature(article.text)
        match = Match()
        near = self._matches(self._near_lsh, sig, None, self.near, article.id)
        if near:
            first = near[0]
            match.duplicate_of = self._dup_of.get(first) or first
        synd = self._matches(self._synd_lsh, sig, size, self.synd, article.id)
        if synd:
            first = synd[0]
            group = self._group.get(first) or first
            match.syndication_group = group
            for other in synd:
                if not self._group.get(other):
                    self._group[other] = group
                    match.regrouped.append(other)
        self._remember(article.id, sig, size, match.duplicate_of, match.syndication_group)
        return match, _stored(sig, size)

    def _matches(self, lsh: MinHashLSH, sig: MinHash, size: int | None, threshold: float,
                 own: str) -> list[str]:
        """Stored articles similar enough to ``sig``, earliest-ingested first. With ``size``
        the similarity is max(Jaccard, containment of the shorter text)."""
        found = []
        for c in lsh.query(sig):
            if c == own:
                continue
            sim = self._hashes[c].jaccard(sig)
            other = self._sizes.get(c)
            if size is not None and other:
                sim = max(sim, containment(sim, size, other))
            if sim >= threshold:
                found.append(c)
        return sorted(found, key=lambda c: self._order[c])

    def _minhash(self, values: np.ndarray) -> MinHash:
        return MinHash(num_perm=self.num_perm, permutations=self._perms, scheme=self._scheme,
                       hashvalues=values.astype(self._dtype), hashfunc=_crc32)

    def _remember(self, aid: str, sig: MinHash, size: int | None, dup_of: str | None,
                  group: str | None) -> None:
        if aid in self._hashes:
            return
        self._hashes[aid] = sig
        self._sizes[aid] = size
        self._order[aid] = len(self._order)
        if dup_of:
            self._dup_of[aid] = dup_of
        if group:
            self._group[aid] = group
        self._near_lsh.insert(aid, sig)
        self._synd_lsh.insert(aid, sig)

    def group_of(self, aid: str) -> str | None:
        return self._group.get(aid)
