"""Clustering certain pairs into studies without ever joining two records a veto keeps apart.

Union–find over the ``same`` pairs, strongest first. Before two clusters join, every cross pair
is checked (compared on the spot when blocking never paired them): one hard conflict (a veto, or a
person's "different") blocks the join, so a chain A–B–C cannot smuggle A and C together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MAX_CHECK = 400   # cross pairs checked per join; larger joins are refused (left to the queue)


class Clusters:
    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def group(self, root: int) -> list[int]:
        return self.members.get(root) or [root]

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        ga, gb = self.group(ra), self.group(rb)
        if len(ga) < len(gb):
            ra, rb, ga, gb = rb, ra, gb, ga
        self.parent[rb] = ra
        self.members[ra] = ga + gb
        self.members.pop(rb, None)
        return ra

    def groups(self) -> list[list[int]]:
        return [sorted(g) for g in self.members.values() if len(g) > 1]


def cluster(n: int, same_pairs: Iterable[tuple[int, int]], blocks_join: Callable[[int, int], bool],
            must_link: Iterable[tuple[int, int]] = ()) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups (sorted lists of indices, size ≥ 2) and the ``same`` pairs that were refused because
    joining them would put a vetoed pair in one group.

    ``blocks_join(i, j)`` says whether records i and j must never share a group. ``must_link``
    pairs (a person said "same") are joined first and unconditionally.
    """
    clusters = Clusters(n)
    for a, b in must_link:
        clusters.union(a, b)
    refused: list[tuple[int, int]] = []
    for a, b in same_pairs:
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        ga, gb = clusters.group(ra), clusters.group(rb)
        if len(ga) * len(gb) > MAX_CHECK or any(blocks_join(x, y) for x in ga for y in gb):
            refused.append((a, b))
            continue
        clusters.union(a, b)
    return clusters.groups(), refused
