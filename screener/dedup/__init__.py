"""Deduplication: normalise → block → compare → cluster; workspace merges, the pair queue, scoring.

The Python API:
- ``find_duplicates(records, *, must_link=(), cannot_link=(), join_errata=True) -> DedupResult``
- ``find_duplicate_groups(records) -> list[list[int]]``
- ``dedupe_files(paths, groups_out, *, pairs_out=None, join_errata=False, database=None) -> dict``
- ``dedupe_workspace(ws, actor="owner") -> dict``
- ``list_pairs(ws, status="pending") -> list[dict]``; ``decide_pair(ws, pair_id, decision, actor, note) -> dict``
"""

from screener.dedup.engine import DedupResult, PairResult, find_duplicate_groups, find_duplicates
from screener.dedup.files import dedupe_files
from screener.dedup.store import decide_pair, dedupe_workspace, list_pairs

__all__ = ["DedupResult", "PairResult", "find_duplicates", "find_duplicate_groups", "dedupe_files",
           "dedupe_workspace", "list_pairs", "decide_pair"]
