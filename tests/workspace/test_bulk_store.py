"""Storing records in bulk (screener.workspace.store): ids, studies and links as one INSERT per row
gave them, the search index as a rebuild gives it, and a failure part-way leaves nothing behind
(or, for a caller that keeps what came before, a right index)."""

from __future__ import annotations

import pytest

from screener.records.model import Record
from screener.workspace import store
from tests.workspace.test_search_index import assert_index_is_a_rebuild


def _records(n: int, start: int = 0):
    for i in range(start, start + n):
        yield Record(title=f"Study {i} of ünïcode", abstract=f"abstract{i}", authors=[f"Author{i}, A", 'Group "X"'],
                     keywords=[f"kw{i}"], year=2000 + i % 20, database="test")


def _links(ws):
    return ws.db.execute("SELECT source_record_id, study_id, kind FROM study_links ORDER BY id").fetchall()


def test_ids_studies_and_links_over_several_chunks(workspace, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 7)
    ws = workspace
    with ws.transaction():
        first = ws.add_source_records(_records(3))
    seen = []
    with ws.transaction():
        second = ws.add_source_records(_records(20, 3), progress=seen.append)
    assert first + second == list(range(1, 24))
    assert seen == [7, 14, 20]
    links = _links(ws)
    assert [tuple(row) for row in links] == [(i, i, "new") for i in range(1, 24)]
    assert ws.db.execute("SELECT count(*) FROM studies").fetchone()[0] == 23
    assert ws.source_record(23).title == "Study 22 of ünïcode"
    assert_index_is_a_rebuild(ws)
    # the index rows are the very text the trigger would write (authors and keywords as JSON)
    same = ws.db.execute(
        "SELECT count(*) FROM study_search i JOIN current_links c ON c.study_id = i.rowid"
        " JOIN source_records s ON s.id = c.source_record_id WHERE i.title = json_extract(s.record, '$.title')"
        " AND i.authors = json_extract(s.record, '$.authors') AND i.keywords = json_extract(s.record, '$.keywords')"
        " AND i.abstract = json_extract(s.record, '$.abstract')").fetchone()[0]
    assert same == 23


def test_a_failure_part_way_writes_nothing(workspace, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 5)
    ws = workspace

    def failing():
        yield from _records(12)
        raise ValueError("damaged record")

    with pytest.raises(ValueError), ws.transaction():
        ws.add_source_records(failing())
    for table in ("source_records", "studies", "study_links", "study_search", "study_search_deferred"):
        assert ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    with ws.transaction():                       # and the ids go on as if nothing had happened
        assert ws.add_source_records(_records(2)) == [1, 2]
    assert_index_is_a_rebuild(ws)


def test_a_caller_that_keeps_what_came_before_keeps_a_right_index(workspace, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 5)
    ws = workspace

    def failing():
        yield from _records(12)
        raise ValueError("damaged record")

    with ws.transaction():
        try:
            ws.add_source_records(failing())
        except ValueError:
            pass
    assert ws.db.execute("SELECT count(*) FROM source_records").fetchone()[0] == 10    # two chunks
    assert_index_is_a_rebuild(ws)
