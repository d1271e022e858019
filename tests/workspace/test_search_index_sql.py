"""The study search index's rows are written by three pieces of SQL: the trigger of m013, the
trigger of m018 that replaced it, and the bulk re-index of workspace/search_index.py. Migrations are
frozen text (a landed one never changes), so the copies are kept on purpose; this test keeps them
saying the same thing, so that an index written by a bulk writer equals the trigger's."""

from __future__ import annotations

import re

from screener.workspace import search_index
from screener.workspace.migrations import m013_study_search, m018_study_search_deferred


def _row_select(sql: str) -> str:
    """The SELECT of a study's index row, whitespace normalised: from 'SELECT c.study_id' to the
    join on source_records."""
    match = re.search(r"SELECT c\.study_id,.*?ON s\.id = c\.source_record_id", sql, re.S)
    assert match, sql
    return " ".join(match.group(0).split())


def test_the_three_copies_of_the_index_row_agree():
    copies = {"m013 trigger and backfill": _row_select(m013_study_search.SQL),
              "m018 trigger": _row_select(m018_study_search_deferred.SQL),
              "search_index bulk re-index": _row_select(search_index._REINDEX)}
    assert len(set(copies.values())) == 1, copies


def test_the_row_for_new_studies_matches_the_columns_the_trigger_writes():
    """indexing_new_studies hands rows over without the SELECT: its column list is the trigger's."""
    columns = re.search(r"INSERT INTO study_search \(([^)]*)\)", m018_study_search_deferred.SQL).group(1)
    assert f"INSERT INTO study_search ({columns})" in search_index._INSERT_ROWS
