"""Disjoint sets over string keys (independent sources of a ledger, threads of stories)."""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    """Union-find with path halving; a set's root is its smallest key, so the grouping
    does not depend on the order links arrive in."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def __contains__(self, key: str) -> bool:
        return key in self.parent

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)
