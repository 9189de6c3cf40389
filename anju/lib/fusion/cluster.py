"""Records into persons: greedy merging of scored pairs, never two valid ID numbers in one person.

Pure Python, no Django. Connected components over every pair above a
threshold chain namesakes together (张伟 at one address, 张伟 at work, another
张伟 with the same phone …), and one wrong edge joins two whole people. So:

1. records with the same *valid* ID number are one person from the start (a
   valid GB 11643 number names one person; MOD 11-2 turns every single wrong
   digit and every adjacent swap into an invalid number, so a typo never lands
   on another valid number by itself);
2. pairs are taken strongest first; a pair joins two groups unless both already
   hold a valid ID number and the numbers differ (cannot-link);
3. pairs below ``threshold`` are not used.

The result is a label per record; the caller names the groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class Groups:
    """Union-find with one optional anchor (a valid ID number) per group."""

    __slots__ = ("parent", "size", "anchor", "conflicts", "merges")

    def __init__(self, anchors: Sequence[str | None]):
        n = len(anchors)
        self.parent = list(range(n))
        self.size = [1] * n
        self.anchor: list[str | None] = [a or None for a in anchors]
        self.conflicts = 0  # pairs refused because they would join two valid ID numbers
        self.merges = 0
        first: dict[str, int] = {}
        for i, a in enumerate(self.anchor):
            if a is None:
                continue
            j = first.setdefault(a, i)
            if j != i:
                self.union(i, j)

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        ai, aj = self.anchor[ri], self.anchor[rj]
        if ai is not None and aj is not None and ai != aj:
            self.conflicts += 1
            return False
        if self.size[ri] < self.size[rj]:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.size[ri] += self.size[rj]
        if self.anchor[ri] is None:
            self.anchor[ri] = aj
        self.merges += 1
        return True

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def resolve(anchors: Sequence[str | None], pairs: Iterable[tuple[int, int, float]], *, threshold: float) -> Groups:
    """``pairs`` (i, j, probability) must come strongest first; stops at the first one below ``threshold``."""
    groups = Groups(anchors)
    for i, j, p in pairs:
        if p < threshold:
            break
        groups.union(i, j)
    return groups
