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
    # the rows handed to the index tokenize as the stored records do (authors and keywords as JSON)
    assert_index_is_a_rebuild(ws)


def test_a_failure_part_way_writes_nothing(workspace, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 5)
    ws = workspace

    def failing():
        yield from _records(12)
        raise ValueError("damaged record")

    with pytest.raises(ValueError), ws.transaction():
        ws.add_source_records(failing())
    for table in ("source_records", "studies", "study_links", "record_search_docsize"):
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


def test_stored_records_read_back_as_read_and_export_the_same(workspace, fixtures_dir):
    """The ``record`` JSON (orjson, store.record_json) gives back every field as read (tags a reader read
    from the raw text alone, from that text), and the RIS and raw text of a stored record are what
    ``Record.to_json``'s JSON gave before it."""
    import json

    from screener.records import read_file
    from screener.records.model import RawTags
    from screener.records.ris import write_ris
    from screener.workspace.workspace import _with_raw

    ws = workspace
    files = sorted(p for sub in ("ris", "nbib", "csv", "enw") for p in (fixtures_dir / "records" / sub).glob("*")
                   if p.is_file())
    assert len(files) >= 8
    for path in files[:: max(1, len(files) // 12)]:
        records = read_file(path).records
        with ws.transaction():
            ids = ws.add_source_records(records)
        for rid, record in zip(ids, records):
            stored = ws.source_record(rid)
            assert stored == record, (path, rid)
            text = ws.db.execute("SELECT record FROM source_records WHERE id = ?", (rid,)).fetchone()[0]
            expected = json.loads(record.to_json(include_raw=False))
            if type(record.tags) is RawTags:        # read back from raw, not stored twice
                del expected["tags"]
            assert json.loads(text) == expected
            assert ws.db.execute("SELECT typeof(record) FROM source_records WHERE id = ?", (rid,)).fetchone()[0] == "text"
            before = _with_raw({"record": record.to_json(include_raw=False), "raw": record.raw})
            # tags kept in the JSON come back in sorted order (as before); tags read back from the raw
            # text come back in the file's order, so the RIS export is the record's as read
            assert write_ris([stored]) == write_ris([record if type(record.tags) is RawTags else before])
            assert stored.raw == before.raw == record.raw
