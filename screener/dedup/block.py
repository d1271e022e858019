"""Blocking: which pairs are worth comparing, so cost grows with the number of records, not its square.

Each record emits several keys (DOI, PMID, title start, title end, first author + year, volume +
first page, first author + first page, abstract start). Records sharing a key are compared. A key
shared by too many records (a common surname in one year, "Editorial") is not expanded into all
its pairs: its records are sorted by title and only neighbours within a window are compared
(sorted neighbourhood), which keeps the cost linear while still catching near-identical titles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from screener.dedup.normalize import Normalized

MAX_BLOCK = 60
WINDOW = 8


def record_keys(n: Normalized) -> Iterable[tuple]:
    if n.doi:
        yield ("doi", n.doi)
    if n.pmid:
        yield ("pmid", n.pmid)
    tokens = n.title.split()
    if len(tokens) >= 3:
        yield ("t0", " ".join(tokens[:4]))
        yield ("t1", " ".join(tokens[-4:]))
        if len(tokens) >= 8:
            yield ("tm", " ".join(tokens[3:7]))
    elif n.title:
        yield ("tw", n.title)
    elif n.title_script:
        yield ("ts", n.title_script[:60])
    main = n.main_title.split()
    if 3 <= len(main) < len(tokens):
        yield ("mt", n.main_title)
    if n.first_author:
        if n.year:
            yield ("ay", n.first_author, n.year)
        if n.first_page:
            yield ("ap", n.first_author, n.first_page)
    if n.first_page and n.volume:
        yield ("vp", n.volume, n.first_page)
    if n.abstract and len(n.abstract) > 80:
        yield ("ab", n.abstract[:80])


def candidate_pairs(norms: list[Normalized]) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a blocking key."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for n in norms:
        for key in record_keys(n):
            blocks[key].append(n.index)
    pairs: set[tuple[int, int]] = set()
    add = pairs.add
    for members in blocks.values():
        size = len(members)
        if size < 2:
            continue
        if size <= MAX_BLOCK:
            for x in range(size):
                a = members[x]
                for y in range(x + 1, size):
                    b = members[y]
                    add((a, b) if a < b else (b, a))
        else:
            ordered = sorted(members, key=lambda i: norms[i].title)
            for x in range(size):
                a = ordered[x]
                for y in range(x + 1, min(size, x + 1 + WINDOW)):
                    b = ordered[y]
                    add((a, b) if a < b else (b, a))
    return pairs
