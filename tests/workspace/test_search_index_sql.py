"""The free-text index's rows are written two ways: by the bulk store (search_index.INSERT_ROWS,
from the records in hand) and by FTS5 itself from the ``record_search_text`` view (m021's rebuild
of existing workspaces). The two must name the same columns, and the bulk store's authors and
keywords go through json() as the view's json_extract gives them (the tokens they make are
compared in test_search_index.assert_index_is_a_rebuild)."""

from __future__ import annotations

import re

from screener.workspace import search_index
from screener.workspace.migrations import m021_record_search


def test_the_bulk_rows_name_the_columns_of_the_view_and_the_index():
    view = re.search(r"CREATE VIEW record_search_text AS\s+SELECT (.*?)\s+FROM source_records", m021_record_search.SQL,
                     re.S).group(1)
    view_columns = ["id"] + re.findall(r"AS (\w+)", view)
    index_columns = re.search(r"USING fts5\(\s*([\w, ]+?), content", m021_record_search.SQL).group(1).split(", ")
    inserted = re.search(r"INSERT INTO record_search \(([^)]*)\)", search_index.INSERT_ROWS).group(1).split(", ")
    assert view_columns == ["id", *index_columns] == ["id", "title", "abstract", "authors", "keywords"]
    assert inserted == ["rowid", *index_columns]
    assert search_index.INSERT_ROWS.endswith("VALUES (?, ?, ?, json(?), json(?))")
