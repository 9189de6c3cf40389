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

A number converted from the 15-digit form is a *weak* anchor: the old form has
no check digit (conversion computes one), so a typo in it is a valid-looking
number of nobody. It still groups the records that carry it, and it never
joins a group holding another weak number, but it may join a group holding a
(checked) 18-digit number when the pair says so; the group then takes the
checked number.

The result is a label per record; the caller names the groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class Groups:
    """Union-find with one optional anchor (a valid ID number) per group; ``weak[i]`` marks an anchor that was
    converted from the 15-digit form (not self-checking)."""

    __slots__ = ("parent", "size", "anchor", "weak", "conflicts", "merges")

    def __init__(self, anchors: Sequence[str | None], weak: Sequence[bool] | None = None):
        n = len(anchors)
        self.parent = list(range(n))
        self.size = [1] * n
        self.anchor: list[str | None] = [a or None for a in anchors]
        self.weak: list[bool] = [bool(w) and a is not None for w, a in zip(weak or [False] * n, self.anchor)]
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
        wi, wj = self.weak[ri], self.weak[rj]
        if ai is not None and aj is not None and ai != aj and wi == wj:
            self.conflicts += 1
            return False
        # the group keeps a checked number over a converted one, and any number over none
        if aj is not None and (ai is None or (wi and not wj)):
            anchor, weak = aj, wj
        else:
            anchor, weak = ai, wi
        if self.size[ri] < self.size[rj]:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.size[ri] += self.size[rj]
        self.anchor[ri], self.weak[ri] = anchor, weak
        self.merges += 1
        return True

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def resolve(anchors: Sequence[str | None], pairs: Iterable[tuple[int, int, float]], *, threshold: float,
            weak: Sequence[bool] | None = None) -> Groups:
    """``pairs`` (i, j, probability) must come strongest first; stops at the first one below ``threshold``."""
    groups = Groups(anchors, weak)
    for i, j, p in pairs:
        if p < threshold:
            break
        groups.union(i, j)
    return groups
