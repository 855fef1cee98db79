"""Disjoint sets (union-find), the one grouping structure of entities, aliases and stories.

Which member becomes a group's root decides which name or story a group is known by, so
the rule is explicit and deterministic: :meth:`DisjointSets.union` keeps the root of its
first argument, and :meth:`DisjointSets.join` the smaller of the two roots.
"""

from __future__ import annotations

from typing import Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Groups of keys; a key never seen before is a group of its own."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, key: K) -> K:
        parent = self.parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps later finds short
            key = parent[key]
        return key

    def union(self, keep: K, other: K) -> K:
        """One group of both; its root is ``keep``'s root, which is returned."""
        root, gone = self.find(keep), self.find(other)
        if root != gone:
            self.parent[gone] = root
        return root

    def join(self, a: K, b: K) -> K:
        """One group of both, rooted at the smaller root (an order-independent choice)."""
        ra, rb = self.find(a), self.find(b)
        return self.union(ra, rb) if ra <= rb else self.union(rb, ra)  # type: ignore[operator]
