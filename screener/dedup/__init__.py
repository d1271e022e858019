"""Deduplication: normalise → block → compare → cluster, and scoring against labelled sets.

The Python API:
- ``find_duplicates(records, *, must_link=(), cannot_link=(), join_errata=True) -> DedupResult``
- ``find_duplicate_groups(records) -> list[list[int]]``
- ``dedupe_files(paths, groups_out, *, pairs_out=None, join_errata=False, database=None) -> dict``

A workspace's dedupe (merges as study_links rows, the pair queue, people's decisions) is the
workspace's: ``screener.workspace.dedupe`` (``dedupe_workspace``, ``list_pairs``, ``decide_pair``).
"""

from screener.dedup.engine import DedupResult, PairResult, find_duplicate_groups, find_duplicates
from screener.dedup.files import dedupe_files

__all__ = ["DedupResult", "PairResult", "find_duplicates", "find_duplicate_groups", "dedupe_files"]
